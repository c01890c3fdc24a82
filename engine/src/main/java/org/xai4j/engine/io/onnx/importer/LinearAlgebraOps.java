package org.xai4j.engine.io.onnx.importer;

import java.util.Map;
import org.xai4j.engine.ops.Ops;

/** Gemm, MatMul and inference batch normalization. */
final class LinearAlgebraOps {
    private LinearAlgebraOps() {}

    static void register(Map<String, OpTranslator> r) {
        r.put("Gemm", c -> c.output(0, Ops.gemm(c.in(0), c.in(1), c.has(2) ? c.in(2) : null,
                c.node().attrFloat("alpha", 1f), c.node().attrFloat("beta", 1f),
                c.node().attrInt("transA", 0) != 0, c.node().attrInt("transB", 0) != 0)));
        r.put("MatMul", c -> c.output(0, Ops.matmul(c.in(0), c.in(1))));
        r.put("BatchNormalization", LinearAlgebraOps::batchNorm);
    }

    /** Inference form only: y = (x - mean) / sqrt(var + epsilon) * scale + B per channel. */
    private static void batchNorm(NodeContext c) {
        if (c.node().attrInt("training_mode", 0) != 0) {
            throw c.fail("training_mode=1 (batch statistics) is not supported; export the model in eval mode");
        }
        if (c.node().outputs().size() > 1 && c.node().outputs().stream().skip(1).anyMatch(s -> !s.isEmpty())) {
            throw c.fail("running mean/variance outputs are training-mode outputs and are not supported");
        }
        c.output(0, Ops.batchNorm(c.in(0), c.in(1), c.in(2), c.in(3), c.in(4), c.node().attrFloat("epsilon", 1e-5f)));
    }
}
