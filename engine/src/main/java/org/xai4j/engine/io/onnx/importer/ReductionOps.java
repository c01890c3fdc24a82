package org.xai4j.engine.io.onnx.importer;

import java.util.Map;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;

/**
 * ReduceMean and ReduceSum. The axes are an attribute until ReduceSum-13 / ReduceMean-18 and an
 * optional input after; no axes reduces everything unless noop_with_empty_axes=1.
 */
final class ReductionOps {
    private ReductionOps() {}

    static void register(Map<String, OpTranslator> r) {
        r.put("ReduceMean", c -> reduce(c, true, 18));
        r.put("ReduceSum", c -> reduce(c, false, 13));
    }

    private static void reduce(NodeContext c, boolean mean, int axesInputSince) {
        Tensor x = c.in(0);
        boolean keep = c.node().attrInt("keepdims", 1) != 0;
        int[] axes;
        if (c.opset() >= axesInputSince) {
            axes = c.has(1) ? c.ints(1).toInts() : new int[0];
        } else {
            long[] a = c.node().attrInts("axes");
            axes = a == null ? new int[0] : LayoutOps.toInts(a);
        }
        if (axes.length == 0) {
            if (c.node().attrInt("noop_with_empty_axes", 0) != 0) {
                c.output(0, x);
                return;
            }
            axes = new int[x.dim()];
            for (int i = 0; i < axes.length; i++) axes[i] = i;
        }
        c.output(0, mean ? Ops.mean(x, keep, axes) : Ops.sum(x, keep, axes));
    }
}
