package org.xai4j.engine.io.onnx.importer;

import java.util.Map;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;

/** Gemm, MatMul and inference batch normalization. */
final class LinearAlgebraOps {
    private LinearAlgebraOps() {}

    static void register(Map<String, OpTranslator> r) {
        r.put("Gemm", LinearAlgebraOps::gemm);
        r.put("MatMul", c -> c.output(0, Ops.matmul(c.in(0), c.in(1))));
        r.put("BatchNormalization", LinearAlgebraOps::batchNorm);
    }

    /**
     * alpha op(A) op(B) + beta C; where the graph lets a ReLU follow it fused (an unrecorded pass) and
     * there is a bias, the bias is added and the ReLU applied in one pass: the same sums as Ops.gemm's
     * add followed by the Relu node, one pass less over the layer's output.
     */
    private static void gemm(NodeContext c) {
        float alpha = c.node().attrFloat("alpha", 1f), beta = c.node().attrFloat("beta", 1f);
        boolean transA = c.node().attrInt("transA", 0) != 0, transB = c.node().attrInt("transB", 0) != 0;
        if (!c.reluFused() || !c.has(2)) {
            c.output(0, Ops.gemm(c.in(0), c.in(1), c.has(2) ? c.in(2) : null, alpha, beta, transA, transB));
            return;
        }
        Tensor y = Ops.gemm(c.in(0), c.in(1), null, alpha, 1f, transA, transB);
        Tensor bias = beta == 1f ? c.in(2) : Ops.scale(c.in(2), beta);
        c.outputWithRelu(Ops.addRelu(y, bias));
    }

    /**
     * y = (x - mean) / sqrt(var + epsilon) * scale + B per channel (axis 1). Inference form: the given
     * running statistics. training_mode=1 (opset 14+): the batch's own mean and population variance,
     * and the updated running statistics input * momentum + batch * (1 - momentum) as outputs 1 and 2.
     */
    private static void batchNorm(NodeContext c) {
        float eps = c.node().attrFloat("epsilon", 1e-5f);
        Tensor x = c.in(0);
        if (c.node().attrInt("training_mode", 0) == 0) {
            c.output(0, Ops.batchNorm(x, c.in(1), c.in(2), c.in(3), c.in(4), eps));
            return;
        }
        int[] axes = new int[x.dim() - 1];
        axes[0] = 0;
        for (int i = 2; i < x.dim(); i++) axes[i - 1] = i;
        Tensor mean = Ops.mean(x, false, axes);
        int[] bshape = new int[x.dim()];
        java.util.Arrays.fill(bshape, 1);
        bshape[1] = x.shape()[1];
        Tensor centered = Ops.sub(x, Ops.reshape(mean, bshape));
        Tensor var = Ops.mean(Ops.mul(centered, centered), false, axes);
        Tensor inv = Ops.div(Tensor.scalar(1f), Ops.sqrt(Ops.addScalar(var, eps)));
        Tensor y = Ops.add(Ops.mul(Ops.mul(centered, Ops.reshape(inv, bshape)), Ops.reshape(c.in(1), bshape)),
                Ops.reshape(c.in(2), bshape));
        c.output(0, y);
        float momentum = c.node().attrFloat("momentum", 0.9f);
        if (c.node().outputs().size() > 1 && !c.node().outputs().get(1).isEmpty()) {
            c.output(1, Ops.add(Ops.scale(c.in(3), momentum), Ops.scale(mean, 1f - momentum)));
        }
        if (c.node().outputs().size() > 2 && !c.node().outputs().get(2).isEmpty()) {
            c.output(2, Ops.add(Ops.scale(c.in(4), momentum), Ops.scale(var, 1f - momentum)));
        }
    }
}
