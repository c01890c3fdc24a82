package org.xai4j.engine.tensor;

/**
 * Views: new shapes and strides over the same storage, copying nothing and recording nothing.
 * The differentiable forms are in {@code org.xai4j.engine.ops.Ops}; these are their forward halves.
 */
public final class Views {
    private Views() {}

    /** A view with explicit geometry; callers guarantee it stays inside the storage. */
    public static Tensor of(Tensor base, int offset, int[] shape, int[] strides) {
        return base.view(offset, shape.clone(), strides.clone());
    }

    /** Resolves one -1 in a requested shape against an element count; the error names both shapes. */
    public static int[] resolveShape(String op, int[] from, int[] requested) {
        int[] out = requested.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (infer >= 0) throw new ShapeException(op + ": more than one -1 in shape " + Shape.str(requested));
                infer = i;
            } else if (out[i] < 0) {
                throw new ShapeException(op + ": negative size in shape " + Shape.str(requested));
            } else {
                known *= out[i];
            }
        }
        int n = Shape.numel(from);
        if (infer >= 0) {
            if (known == 0 || n % known != 0) {
                throw new ShapeException(op + ": cannot reshape " + Shape.str(from) + " to " + Shape.str(requested));
            }
            out[infer] = (int) (n / known);
        } else if (known != n) {
            throw new ShapeException(op + ": cannot reshape " + Shape.str(from) + " (" + n + " values) to "
                    + Shape.str(requested) + " (" + known + " values)");
        }
        return out;
    }

    /** Reshape: a view when the tensor is contiguous, else a copy (the same rule as NumPy/PyTorch reshape). */
    public static Tensor reshape(Tensor t, int... shape) {
        int[] s = resolveShape("reshape", t.shape(), shape);
        Tensor c = t.contiguous();
        return c.view(c.offset(), s, Shape.contiguousStrides(s));
    }

    /** Reorders axes: out axis i is input axis perm[i]. */
    public static Tensor permute(Tensor t, int... perm) {
        int r = t.dim();
        if (perm.length != r) {
            throw new ShapeException("permute: permutation of length " + perm.length + " for shape " + Shape.str(t.shape()));
        }
        boolean[] seen = new boolean[r];
        int[] shape = t.shape(), strides = t.strides();
        int[] ns = new int[r], nst = new int[r];
        for (int i = 0; i < r; i++) {
            int p = Shape.axis("permute", perm[i], r);
            if (seen[p]) throw new ShapeException("permute: axis " + p + " repeated in " + Shape.str(perm));
            seen[p] = true;
            ns[i] = shape[p];
            nst[i] = strides[p];
        }
        return t.view(t.offset(), ns, nst);
    }

    /** Swaps two axes. */
    public static Tensor transpose(Tensor t, int a, int b) {
        int r = t.dim();
        int[] perm = new int[r];
        for (int i = 0; i < r; i++) perm[i] = i;
        a = Shape.axis("transpose", a, r);
        b = Shape.axis("transpose", b, r);
        perm[a] = b;
        perm[b] = a;
        return permute(t, perm);
    }

    /** Elements start, start+step, ... below end along one axis (bounds clamped as in Python; step >= 1). */
    public static Tensor slice(Tensor t, int axis, int start, int end, int step) {
        int r = t.dim();
        int ax = Shape.axis("slice", axis, r);
        if (step < 1) throw new ShapeException("slice: step must be >= 1, got " + step);
        int[] shape = t.shape(), strides = t.strides();
        int n = shape[ax];
        int s = clampIndex(start, n), e = clampIndex(end, n);
        int len = e > s ? (e - s + step - 1) / step : 0;
        int off = t.offset() + (len > 0 ? s * strides[ax] : 0);
        shape[ax] = len;
        strides[ax] = strides[ax] * step;
        return t.view(off, shape, strides);
    }

    private static int clampIndex(int i, int n) {
        if (i < 0) i += n;
        return Math.max(0, Math.min(n, i));
    }

    /** Broadcasts size-1 axes (and new leading axes) to {@code shape} with stride 0. */
    public static Tensor expand(Tensor t, int... shape) {
        int[] src = t.shape(), st = t.strides();
        if (shape.length < src.length) {
            throw new ShapeException("expand: cannot expand " + Shape.str(src) + " to fewer axes " + Shape.str(shape));
        }
        int lead = shape.length - src.length;
        int[] ns = new int[shape.length];
        for (int i = 0; i < shape.length; i++) {
            int si = i - lead;
            if (si < 0) {
                ns[i] = 0;
            } else if (src[si] == shape[i]) {
                ns[i] = st[si];
            } else if (src[si] == 1) {
                ns[i] = 0;
            } else {
                throw new ShapeException("expand: cannot expand " + Shape.str(src) + " to " + Shape.str(shape));
            }
        }
        return t.view(t.offset(), shape.clone(), ns);
    }

    /** Inserts a size-1 axis at {@code axis} (in the output's numbering). */
    public static Tensor unsqueeze(Tensor t, int axis) {
        int r = t.dim() + 1;
        int ax = Shape.axis("unsqueeze", axis, r);
        int[] shape = t.shape(), strides = t.strides();
        int[] ns = new int[r], nst = new int[r];
        for (int i = 0, j = 0; i < r; i++) {
            if (i == ax) {
                ns[i] = 1;
                nst[i] = j < shape.length ? strides[j] * shape[j] : 1;
            } else {
                ns[i] = shape[j];
                nst[i] = strides[j];
                j++;
            }
        }
        return t.view(t.offset(), ns, nst);
    }

    /** Removes the given size-1 axes (all size-1 axes when none are given). */
    public static Tensor squeeze(Tensor t, int... axes) {
        int[] shape = t.shape(), strides = t.strides();
        boolean[] drop = new boolean[shape.length];
        if (axes == null || axes.length == 0) {
            for (int i = 0; i < shape.length; i++) drop[i] = shape[i] == 1;
        } else {
            for (int a : axes) {
                int ax = Shape.axis("squeeze", a, shape.length);
                if (shape[ax] != 1) {
                    throw new ShapeException("squeeze: axis " + a + " of shape " + Shape.str(shape) + " has size " + shape[ax]);
                }
                drop[ax] = true;
            }
        }
        int r = 0;
        for (boolean d : drop) if (!d) r++;
        int[] ns = new int[r], nst = new int[r];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (!drop[i]) {
                ns[j] = shape[i];
                nst[j++] = strides[i];
            }
        }
        return t.view(t.offset(), ns, nst);
    }
}
