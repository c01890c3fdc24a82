package org.xai4j.engine.io.onnx.importer;

import java.util.Arrays;
import java.util.Map;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.ops.PadOp;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.Tensor;

/**
 * Ops that move elements without arithmetic: Flatten, Reshape, Transpose, Concat, Squeeze, Unsqueeze,
 * Pad. Where ONNX moved an attribute to an input (Squeeze/Unsqueeze axes at opset 13, Pad's pads at
 * 11), both forms are read according to the model's opset.
 */
final class LayoutOps {
    private LayoutOps() {}

    static void register(Map<String, OpTranslator> r) {
        r.put("Flatten", c -> c.output(0, Ops.flatten(c.in(0), (int) c.node().attrInt("axis", 1))));
        r.put("Reshape", LayoutOps::reshape);
        r.put("Transpose", LayoutOps::transpose);
        r.put("Concat", LayoutOps::concat);
        r.put("Squeeze", LayoutOps::squeeze);
        r.put("Unsqueeze", LayoutOps::unsqueeze);
        r.put("Pad", LayoutOps::pad);
    }

    /** Reshape: 0 copies the input's dimension (unless allowzero=1), -1 is inferred. */
    private static void reshape(NodeContext c) {
        // before opset 5 the target shape was an attribute
        long[] spec = c.opset() < 5 ? c.node().attrInts("shape") : c.ints(1).values();
        if (spec == null) throw c.fail("missing the target shape");
        boolean allowZero = c.node().attrInt("allowzero", 0) != 0;
        int[] in = c.isInts(0) ? c.ints(0).shape() : c.in(0).shape();
        int[] shape = new int[spec.length];
        for (int i = 0; i < spec.length; i++) {
            if (spec[i] == 0 && !allowZero) {
                if (i >= in.length) throw c.fail("shape " + Arrays.toString(spec) + " copies dimension " + i + " of rank-" + in.length + " input");
                shape[i] = in[i];
            } else if (spec[i] < -1 || spec[i] > Integer.MAX_VALUE) {
                throw c.fail("invalid dimension " + spec[i] + " in shape " + Arrays.toString(spec));
            } else {
                shape[i] = (int) spec[i];
            }
        }
        if (c.isInts(0)) {
            IntValue v = c.ints(0);
            c.outputInts(0, new IntValue(v.values(), org.xai4j.engine.tensor.Views.resolveShape("Reshape", v.shape(), shape)));
        } else {
            c.output(0, Ops.reshape(c.in(0), shape));
        }
    }

    private static void transpose(NodeContext c) {
        Tensor x = c.in(0);
        int r = x.dim();
        int[] perm = new int[r];
        long[] p = c.node().attrInts("perm");
        if (p == null || p.length == 0) {
            for (int i = 0; i < r; i++) perm[i] = r - 1 - i;
        } else {
            if (p.length != r) throw c.fail("perm " + Arrays.toString(p) + " does not match input " + NodeContext.str(x));
            for (int i = 0; i < r; i++) perm[i] = (int) p[i];
        }
        c.output(0, Ops.contiguous(Ops.permute(x, perm)));
    }

    private static void concat(NodeContext c) {
        // axis became required at opset 4; before, it defaulted to 1
        if (!c.node().has("axis") && c.opset() >= 4) throw c.fail("missing required attribute axis");
        int axis = (int) c.node().attrInt("axis", 1);
        int n = c.node().inputs().size();
        boolean allInts = true;
        for (int i = 0; i < n; i++) allInts &= c.isInts(i);
        if (allInts) {
            // shape arithmetic: 1-D integer vectors joined end to end
            long[] out = new long[0];
            for (int i = 0; i < n; i++) {
                IntValue v = c.ints(i);
                if (v.shape().length != 1) throw c.fail("integer Concat supports 1-D inputs only, got " + v);
                long[] joined = Arrays.copyOf(out, out.length + v.values().length);
                System.arraycopy(v.values(), 0, joined, out.length, v.values().length);
                out = joined;
            }
            c.outputInts(0, IntValue.vector(out));
            return;
        }
        Tensor[] xs = new Tensor[n];
        for (int i = 0; i < n; i++) xs[i] = c.in(i);
        c.output(0, Ops.concat(axis, xs));
    }

    private static int[] axes(NodeContext c) {
        if (c.opset() < 13) {
            long[] a = c.node().attrInts("axes");
            return a == null ? new int[0] : toInts(a);
        }
        return c.has(1) ? c.ints(1).toInts() : new int[0];
    }

    private static void squeeze(NodeContext c) {
        int[] axes = axes(c);
        if (c.isInts(0)) {
            IntValue v = c.ints(0);
            c.outputInts(0, new IntValue(v.values(), org.xai4j.engine.tensor.Views.squeeze(v.toTensor(), axes).shape()));
            return;
        }
        c.output(0, Ops.squeeze(c.in(0), axes));
    }

    /** Axes index the output: normalized against the output rank and inserted in increasing order. */
    private static void unsqueeze(NodeContext c) {
        int[] axes = axes(c);
        if (axes.length == 0) throw c.fail("no axes given");
        int[] inShape = c.isInts(0) ? c.ints(0).shape() : c.in(0).shape();
        int outRank = inShape.length + axes.length;
        int[] norm = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            int a = axes[i] < 0 ? axes[i] + outRank : axes[i];
            if (a < 0 || a >= outRank) throw c.fail("axis " + axes[i] + " out of range for output rank " + outRank);
            norm[i] = a;
        }
        Arrays.sort(norm);
        int[] shape = new int[outRank];
        for (int i = 0, j = 0, k = 0; i < outRank; i++) {
            if (k < norm.length && norm[k] == i) {
                if (k > 0 && norm[k - 1] == i) throw c.fail("repeated axis " + i);
                shape[i] = 1;
                k++;
            } else {
                shape[i] = inShape[j++];
            }
        }
        if (c.isInts(0)) {
            c.outputInts(0, new IntValue(c.ints(0).values(), shape));
        } else {
            c.output(0, Ops.reshape(c.in(0), shape));
        }
    }

    /** Pad: pads [x1_begin, x2_begin, ..., x1_end, ...]; attributes before opset 11, inputs after. */
    private static void pad(NodeContext c) {
        Tensor x = c.in(0);
        int r = x.dim();
        long[] pads;
        float value = 0f;
        if (c.opset() < 11) {
            pads = c.node().attrInts(c.opset() < 2 ? "paddings" : "pads");
            value = c.node().attrFloat("value", 0f);
        } else {
            pads = c.ints(1).values();
            if (c.has(2)) value = ElementwiseOps.scalar(c, 2);
        }
        int[] axes = new int[r];
        for (int i = 0; i < r; i++) axes[i] = i;
        if (c.opset() >= 18 && c.has(3)) {
            axes = c.ints(3).toInts();
            for (int i = 0; i < axes.length; i++) if (axes[i] < 0) axes[i] += r;
        }
        if (pads == null || pads.length != 2 * axes.length) {
            throw c.fail("pads " + Arrays.toString(pads) + " must hold 2 values per padded axis of input " + NodeContext.str(x));
        }
        long[] padded = new long[r];
        for (int i = 0; i < r; i++) padded[i] = x.shape()[i];
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] < 0 || axes[i] >= r) throw c.fail("axis " + axes[i] + " is outside input " + NodeContext.str(x));
            padded[axes[i]] += pads[i] + pads[i + axes.length];
        }
        c.requireFits(padded);
        int[] begin = new int[r], end = new int[r];
        for (int i = 0; i < axes.length; i++) {
            begin[axes[i]] = Math.toIntExact(pads[i]);
            end[axes[i]] = Math.toIntExact(pads[i + axes.length]);
        }
        String mode = c.node().attrString("mode", "constant");
        PadOp.Mode m;
        switch (mode) {
            case "constant": m = PadOp.Mode.CONSTANT; break;
            case "reflect": m = PadOp.Mode.REFLECT; break;
            case "edge": m = PadOp.Mode.EDGE; break;
            default: throw c.fail("pad mode '" + mode + "' is not supported (constant, reflect, edge)");
        }
        c.output(0, Ops.pad(x, begin, end, m, value));
    }

    static int[] toInts(long[] a) {
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) out[i] = Math.toIntExact(a[i]);
        return out;
    }

    static String str(int[] s) {
        return Shape.str(s);
    }
}
