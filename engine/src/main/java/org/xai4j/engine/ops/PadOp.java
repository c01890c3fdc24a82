package org.xai4j.engine.ops;

import org.xai4j.engine.autodiff.Node;
import org.xai4j.engine.autodiff.Op;
import org.xai4j.engine.autodiff.OpType;
import org.xai4j.engine.autodiff.Saved;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.ShapeException;
import org.xai4j.engine.tensor.Tensor;

/**
 * Padding with ONNX Pad's modes: constant, reflect (mirror without repeating the edge) and edge
 * (repeat the edge). Negative pads crop. Each output position maps, axis by axis, to a source index
 * or to "pad value"; the backward scatters the gradient through the same map.
 */
public final class PadOp extends Op {
    public enum Mode { CONSTANT, REFLECT, EDGE }

    private final int[] begin, end;
    private final Mode mode;
    private final float value;

    /** @param begin, end pads per axis (negative crops) */
    public PadOp(int[] begin, int[] end, Mode mode, float value) {
        this.begin = begin.clone();
        this.end = end.clone();
        this.mode = mode;
        this.value = value;
    }

    public OpType type() { return OpType.PAD; }

    private int[][] maps(int[] in) {
        if (begin.length != in.length || end.length != in.length) {
            throw new ShapeException("Pad: " + begin.length + " pads for input of shape " + Shape.str(in));
        }
        int[][] maps = new int[in.length][];
        for (int a = 0; a < in.length; a++) {
            int out = in[a] + begin[a] + end[a];
            if (out < 0) throw new ShapeException("Pad: pads " + begin[a] + "," + end[a] + " crop axis " + a + " of size " + in[a] + " below zero");
            if (mode == Mode.REFLECT && (begin[a] >= in[a] || end[a] >= in[a]) && (begin[a] > 0 || end[a] > 0)) {
                throw new ShapeException("Pad: reflect pad " + Math.max(begin[a], end[a]) + " must be smaller than axis " + a + " of size " + in[a]);
            }
            if (mode == Mode.EDGE && in[a] == 0 && out > 0) throw new ShapeException("Pad: edge mode on empty axis " + a);
            int[] m = new int[out];
            for (int o = 0; o < out; o++) {
                int i = o - begin[a];
                if (i < 0 || i >= in[a]) {
                    if (mode == Mode.CONSTANT) i = -1;
                    else if (mode == Mode.EDGE) i = i < 0 ? 0 : in[a] - 1;
                    else i = i < 0 ? -i : 2 * (in[a] - 1) - i;
                }
                m[o] = i;
            }
            maps[a] = m;
        }
        return maps;
    }

    private static int[] outShape(int[][] maps) {
        int[] s = new int[maps.length];
        for (int a = 0; a < maps.length; a++) s[a] = maps[a].length;
        return s;
    }

    protected Tensor forward(Tensor[] in, Saved saved) {
        Tensor x = in[0].contiguous();
        int[] xs = x.shape();
        int[][] maps = maps(xs);
        Tensor out = Tensor.zeros(outShape(maps));
        float[] xd = x.data(), od = out.data();
        int[] st = Shape.contiguousStrides(xs);
        walk(maps, st, (o, src) -> od[o] = src < 0 ? value : xd[x.offset() + src]);
        return out;
    }

    public Tensor[] vjp(Node n, Tensor g, boolean[] needs) {
        int[] xs = n.input(0).shape();
        int[][] maps = maps(xs);
        Tensor gc = g.contiguous();
        Tensor dx = Tensor.zeros(xs);
        float[] gd = gc.data(), dd = dx.data();
        walk(maps, Shape.contiguousStrides(xs), (o, src) -> {
            if (src >= 0) dd[src] += gd[gc.offset() + o];
        });
        return new Tensor[] {dx};
    }

    private interface Visit { void at(int outPos, int srcPos); }

    private static void walk(int[][] maps, int[] srcStrides, Visit v) {
        int r = maps.length;
        int n = 1;
        for (int[] m : maps) n *= m.length;
        int[] idx = new int[r];
        for (int p = 0; p < n; p++) {
            int rem = p, src = 0;
            boolean pad = false;
            for (int a = r - 1; a >= 0; a--) {
                idx[a] = rem % maps[a].length;
                rem /= maps[a].length;
                int s = maps[a][idx[a]];
                if (s < 0) pad = true;
                else src += s * srcStrides[a];
            }
            v.at(p, pad ? -1 : src);
        }
    }
}
