package org.xai4j.engine.io.onnx.importer;

import java.util.Arrays;
import java.util.Map;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;

/** Conv, MaxPool, AveragePool and the global poolings, with ONNX's pads and auto_pad rules. */
final class ConvPoolOps {
    private ConvPoolOps() {}

    static void register(Map<String, OpTranslator> r) {
        r.put("Conv", ConvPoolOps::conv);
        r.put("MaxPool", ConvPoolOps::maxPool);
        r.put("AveragePool", ConvPoolOps::avgPool);
        r.put("GlobalAveragePool", c -> c.output(0, Ops.globalAvgPool(c.in(0))));
        r.put("GlobalMaxPool", c -> c.output(0, Ops.globalMaxPool(c.in(0))));
    }

    private static void conv(NodeContext c) {
        Tensor x = c.in(0), w = c.in(1);
        int rank = x.dim() - 2;
        if (rank < 1) throw c.fail("input must be (N, C, spatial...), got " + NodeContext.str(x));
        int[] kernel = Arrays.copyOfRange(w.shape(), 2, w.dim());
        int[] declared = c.intsAttr("kernel_shape", rank, -1);
        if (declared[0] != -1 && !Arrays.equals(declared, kernel)) {
            throw c.fail("kernel_shape " + Arrays.toString(declared) + " differs from the weight's " + NodeContext.str(w));
        }
        int[] strides = c.intsAttr("strides", rank, 1);
        int[] dilations = c.intsAttr("dilations", rank, 1);
        int[][] pads = pads(c, x, kernel, strides, dilations);
        int group = (int) c.node().attrInt("group", 1);
        Tensor b = c.has(2) ? c.in(2) : null;
        if (rank != 3 && c.reluFused()) {
            c.outputWithRelu(Ops.convRelu(x, w, b, strides, pads[0], pads[1], dilations, group));
            return;
        }
        c.output(0, rank == 3 ? VolumetricOps.conv(x, w, b, strides, pads[0], pads[1], dilations, group)
                : Ops.conv(x, w, b, strides, pads[0], pads[1], dilations, group));
    }

    private static void maxPool(NodeContext c) {
        if (c.node().outputs().size() > 1 && !c.node().outputs().get(1).isEmpty()) {
            throw c.fail("the Indices output is not supported");
        }
        if (c.node().attrInt("storage_order", 0) != 0) throw c.fail("storage_order=1 is not supported");
        Tensor x = c.in(0);
        int rank = x.dim() - 2;
        int[] kernel = kernel(c, rank);
        int[] strides = c.intsAttr("strides", rank, 1);
        int[] dilations = c.intsAttr("dilations", rank, 1);
        int[][] pads = pads(c, x, kernel, strides, dilations);
        boolean ceil = c.node().attrInt("ceil_mode", 0) != 0;
        c.output(0, rank == 3 ? VolumetricOps.maxPool(x, kernel, strides, pads[0], pads[1], dilations, ceil)
                : Ops.maxPool(x, kernel, strides, pads[0], pads[1], dilations, ceil));
    }

    private static void avgPool(NodeContext c) {
        Tensor x = c.in(0);
        int rank = x.dim() - 2;
        int[] kernel = kernel(c, rank);
        int[] strides = c.intsAttr("strides", rank, 1);
        int[] dilations = c.intsAttr("dilations", rank, 1);
        for (int d : dilations) if (d != 1) throw c.fail("dilated average pooling is not supported");
        int[][] pads = pads(c, x, kernel, strides, dilations);
        boolean ceil = c.node().attrInt("ceil_mode", 0) != 0, countPad = c.node().attrInt("count_include_pad", 0) != 0;
        c.output(0, rank == 3 ? VolumetricOps.avgPool(x, kernel, strides, pads[0], pads[1], ceil, countPad)
                : Ops.avgPool(x, kernel, strides, pads[0], pads[1], ceil, countPad));
    }

    private static int[] kernel(NodeContext c, int rank) {
        if (rank < 1) throw c.fail("input must be (N, C, spatial...)");
        if (!c.node().has("kernel_shape")) throw c.fail("missing required attribute kernel_shape");
        return c.intsAttr("kernel_shape", rank, 1);
    }

    /**
     * Pads before and after each spatial axis: explicit {@code pads} [x1_begin, x2_begin, ..., x1_end, ...],
     * or auto_pad: SAME_UPPER / SAME_LOWER pad so that out = ceil(in / stride), the odd pixel at the end
     * (UPPER) or the beginning (LOWER); VALID pads nothing.
     */
    static int[][] pads(NodeContext c, Tensor x, int[] kernel, int[] strides, int[] dilations) {
        int rank = kernel.length;
        int[] begin = new int[rank], end = new int[rank];
        String auto = c.node().attrString("auto_pad", "NOTSET");
        switch (auto) {
            case "NOTSET": {
                int[] p = c.intsAttr("pads", 2 * rank, 0);
                for (int i = 0; i < rank; i++) {
                    begin[i] = p[i];
                    end[i] = p[i + rank];
                }
                break;
            }
            case "VALID":
                break;
            case "SAME_UPPER":
            case "SAME_LOWER":
                for (int i = 0; i < rank; i++) {
                    int in = x.shape()[i + 2];
                    int out = (in + strides[i] - 1) / strides[i];
                    int total = Math.max(0, (out - 1) * strides[i] + (kernel[i] - 1) * dilations[i] + 1 - in);
                    int small = total / 2, big = total - small;
                    begin[i] = auto.equals("SAME_UPPER") ? small : big;
                    end[i] = total - begin[i];
                }
                break;
            default:
                throw c.fail("unknown auto_pad '" + auto + "' (expected NOTSET, SAME_UPPER, SAME_LOWER or VALID)");
        }
        return new int[][] {begin, end};
    }
}
