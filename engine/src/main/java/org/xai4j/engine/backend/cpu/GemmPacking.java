package org.xai4j.engine.backend.cpu;

/**
 * Copies op(A) and op(B) into the sliver layouts the micro-kernels read (Goto and van de Geijn 2008,
 * section 5: packing makes the kernel's loads contiguous and absorbs the transposes). Slivers are
 * zero-padded to full width so kernels never branch on edges inside the K loop.
 *
 * <p>A K block [p0, p0+kc) of op(A) is stored as slivers of mr rows: sliver s (rows s*mr ..) starts at
 * {@code dstOff + s*kc*mr} and holds, for each p, mr consecutive values op(A)[s*mr + r][p0 + p].
 * B likewise with slivers of nr columns: {@code dstOff + s*kc*nr}, nr consecutive op(B)[p0 + p][s*nr + j].
 *
 * <p>Contiguous runs are copied with System.arraycopy: C2 does not vectorize a plain copy loop between
 * two float[] that might be the same array, and such a loop packed at 2 GB/s against arraycopy's 12.
 */
final class GemmPacking {
    private GemmPacking() {}

    /**
     * Packs slivers [sFrom, sTo) of the K block [p0, p0+kc) of op(A), which has {@code rows} rows.
     *
     * @param a not modified
     * @param dst Modified: floats dstOff + sFrom*kc*mr up to dstOff + sTo*kc*mr
     */
    static void packA(boolean transA, float[] a, int aOff, int lda, int rows, int sFrom, int sTo, int p0, int kc,
                      int mr, float[] dst, int dstOff) {
        for (int s = sFrom; s < sTo; s++) {
            int i0 = s * mr;
            int live = Math.min(mr, rows - i0);
            int d = dstOff + s * kc * mr;
            if (transA) {
                // op(A)[i][p] = a[p*lda + i]: mr consecutive values of stored row p
                for (int p = 0; p < kc; p++, d += mr) {
                    int src = aOff + (p0 + p) * lda + i0;
                    System.arraycopy(a, src, dst, d, live);
                    for (int r = live; r < mr; r++) dst[d + r] = 0f;
                }
            } else {
                // op(A)[i][p] = a[i*lda + p]: interleave mr stored rows; sequential writes, mr read streams
                gatherRows(a, aOff + i0 * lda + p0, lda, live, kc, mr, dst, d);
            }
        }
    }

    /**
     * Packs slivers [sFrom, sTo) of the K block [p0, p0+kc) of op(B), which has {@code cols} columns.
     *
     * @param b not modified
     * @param dst Modified: floats dstOff + sFrom*kc*nr up to dstOff + sTo*kc*nr
     */
    static void packB(boolean transB, float[] b, int bOff, int ldb, int cols, int sFrom, int sTo, int p0, int kc,
                      int nr, float[] dst, int dstOff) {
        for (int s = sFrom; s < sTo; s++) {
            int j0 = s * nr;
            int live = Math.min(nr, cols - j0);
            int d = dstOff + s * kc * nr;
            if (transB) {
                // op(B)[p][j] = b[j*ldb + p]: interleave nr stored rows
                gatherRows(b, bOff + j0 * ldb + p0, ldb, live, kc, nr, dst, d);
            } else {
                // op(B)[p][j] = b[p*ldb + j]: nr consecutive values of stored row p
                for (int p = 0; p < kc; p++, d += nr) {
                    int src = bOff + (p0 + p) * ldb + j0;
                    System.arraycopy(b, src, dst, d, live);
                    for (int j = live; j < nr; j++) dst[d + j] = 0f;
                }
            }
        }
    }

    /**
     * dst[d + p*width + r] = x[src + r*ld + p] for r &lt; live, 0 for live &lt;= r &lt; width, p &lt; kc: a
     * transpose of a live x kc block into kc rows of width values.
     */
    private static void gatherRows(float[] x, int src, int ld, int live, int kc, int width, float[] dst, int d) {
        if (live < width) {
            for (int p = 0; p < kc; p++) {
                for (int r = live; r < width; r++) dst[d + p * width + r] = 0f;
            }
        }
        // four source rows per pass: four read streams, each written run filled four values at a time
        int r = 0;
        for (; r + 4 <= live; r += 4) {
            int s0 = src + r * ld, s1 = s0 + ld, s2 = s1 + ld, s3 = s2 + ld;
            for (int p = 0, o = d + r; p < kc; p++, o += width) {
                dst[o] = x[s0 + p];
                dst[o + 1] = x[s1 + p];
                dst[o + 2] = x[s2 + p];
                dst[o + 3] = x[s3 + p];
            }
        }
        for (; r < live; r++) {
            int s0 = src + r * ld;
            for (int p = 0, o = d + r; p < kc; p++, o += width) dst[o] = x[s0 + p];
        }
    }
}
