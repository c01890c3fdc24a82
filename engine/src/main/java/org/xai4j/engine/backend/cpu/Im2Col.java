package org.xai4j.engine.backend.cpu;

import org.xai4j.engine.backend.ConvSpec;
import org.xai4j.engine.backend.Parallel;


/**
 * im2col / col2im for a block of samples [n0, n0 + nb): the column matrix has one row per
 * (channel, kernel row, kernel column) and one column per (sample, output row, output column), so a
 * whole batch block becomes one GEMM (Chellapilla et al. 2006).
 */
final class Im2Col {
    private Im2Col() {}

    /** cols[(c*kh + i)*kw + j][s*P + oy*ow + ox] = x[n0+s][c][oy*sh - pt + i*dh][ox*sw - pl + j*dw] (0 outside). cols is Modified. */
    static void im2col(ConvSpec s, float[] x, int xOff, int n0, int nb, float[] cols) {
        // the geometry in final locals: the loops below are short (deep layers have rows of 2 to 16
        // values), so loads of the spec's fields per iteration were a visible share of the time
        final int kh = s.kh(), kw = s.kw(), c0 = s.c(), h = s.h(), w = s.w(), oh = s.oh(), ow = s.ow();
        final int sh = s.sh(), sw = s.sw(), dh = s.dh(), dw = s.dw(), pt = s.padTop(), pl = s.padLeft();
        final int p = oh * ow, plane = h * w;
        int rows = c0 * kh * kw;
        int width = nb * p;
        Parallel.forRange(rows, Parallel.grainFor(rows, 8), (r0, r1) -> {
            for (int row = r0; row < r1; row++) {
                int j = row % kw, i = (row / kw) % kh, c = row / (kw * kh);
                int base = row * width;
                int x0 = j * dw - pl;
                // valid ox for stride 1: 0 <= ox + x0 < w
                int lo = Math.min(ow, Math.max(0, -x0)), hi = Math.max(lo, Math.min(ow, w - x0));
                for (int sm = 0; sm < nb; sm++) {
                    int planeOff = xOff + ((n0 + sm) * c0 + c) * plane;
                    int colBase = base + sm * p;
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * sh - pt + i * dh;
                        int dst = colBase + oy * ow;
                        if (iy < 0 || iy >= h) {
                            for (int ox = 0; ox < ow; ox++) cols[dst + ox] = 0f;
                            continue;
                        }
                        int src = planeOff + iy * w;
                        if (sw == 1) {
                            for (int ox = 0; ox < lo; ox++) cols[dst + ox] = 0f;
                            int from = src + x0;
                            for (int ox = lo; ox < hi; ox++) cols[dst + ox] = x[from + ox];
                            for (int ox = hi; ox < ow; ox++) cols[dst + ox] = 0f;
                        } else {
                            for (int ox = 0; ox < ow; ox++) {
                                int ix = ox * sw + x0;
                                cols[dst + ox] = ix >= 0 && ix < w ? x[src + ix] : 0f;
                            }
                        }
                    }
                }
            }
        });
    }

    /**
     * im2col written straight into the GEMM's packed-B layout ({@link GemmPacking}: K blocks of
     * {@link GemmSummation#KC} rows, slivers of {@code nr} columns, padding columns zero), so the product
     * W * cols needs no copy of its large operand: element (k, col) goes to
     * {@code (k / KC) * KC * nPad + (col / nr) * kc * nr + (k % KC) * nr + col % nr}, kc the depth of its
     * K block. packed is Modified.
     */
    static void im2colPacked(ConvSpec s, float[] x, int xOff, int n0, int nb, int nr, float[] packed) {
        im2colPackedColumns(s, x, xOff, n0 * s.p(), nb * s.p(), nr, packed);
    }

    /**
     * {@link #im2colPacked} for columns [first, first + width) of the im2col matrix of the whole batch
     * (column sample * P + oy * ow + ox), which may begin and end inside an image. packed is Modified.
     */
    static void im2colPackedColumns(ConvSpec s, float[] x, int xOff, int first, int width, int nr, float[] packed) {
        final int kh = s.kh(), kw = s.kw(), c0 = s.c(), h = s.h(), w = s.w(), oh = s.oh(), ow = s.ow();
        final int sh = s.sh(), sw = s.sw(), dh = s.dh(), dw = s.dw(), pt = s.padTop(), pl = s.padLeft();
        final int p = oh * ow, plane = h * w;
        final int rows = c0 * kh * kw, nPad = (width + nr - 1) / nr * nr, kcFull = GemmSummation.KC;
        final int slivers = nPad / nr;
        // per K row: channel, kernel row offset into the image, kernel column offset x0, and the output
        // columns [lo, hi) that read inside the image (0 <= ox * sw + x0 < w)
        final int[] rowChannel = new int[rows], rowDy = new int[rows], rowX0 = new int[rows], rowLo = new int[rows], rowHi = new int[rows];
        for (int row = 0; row < rows; row++) {
            int j = row % kw, i = (row / kw) % kh;
            rowChannel[row] = row / (kw * kh);
            rowDy[row] = i * dh - pt;
            rowX0[row] = j * dw - pl;
            rowLo[row] = Math.min(ow, Math.max(0, ceilDiv(-rowX0[row], sw)));
            rowHi[row] = Math.max(rowLo[row], Math.min(ow, ceilDiv(w - rowX0[row], sw)));
        }
        // sliver by sliver, and within one K row by K row, the order of the packed array, so the writes
        // stream; row by row over all slivers wrote every kc * nr floats, addresses that share cache sets
        Parallel.forRange(slivers, Parallel.grainFor(slivers, 2), (s0, s1) -> {
            // a sliver's columns as pieces within one output row: image, output row, first column, length
            int[] pieceImage = new int[nr], pieceRow = new int[nr], pieceCol = new int[nr], pieceLen = new int[nr];
            for (int sl = s0; sl < s1; sl++) {
                int pieces = 0, valid = Math.min(nr, width - sl * nr);
                for (int cc = first + sl * nr, q = 0; q < valid; pieces++) {
                    int sm = cc / p, rem = cc - sm * p, oy = rem / ow, ox = rem - oy * ow;
                    int len = Math.min(ow - ox, valid - q);
                    pieceImage[pieces] = sm;
                    pieceRow[pieces] = oy;
                    pieceCol[pieces] = ox;
                    pieceLen[pieces] = len;
                    cc += len;
                    q += len;
                }
                for (int kb0 = 0; kb0 < rows; kb0 += kcFull) {
                    int kc = Math.min(kcFull, rows - kb0);
                    int d = kb0 * nPad + sl * kc * nr;
                    for (int row = kb0; row < kb0 + kc; row++, d += nr) {
                        int c = rowChannel[row], dy = rowDy[row], x0 = rowX0[row], lo = rowLo[row], hi = rowHi[row];
                        for (int k = 0, q = d; k < pieces; q += pieceLen[k], k++) {
                            int oy = pieceRow[k], ox = pieceCol[k], end = ox + pieceLen[k], iy = oy * sh + dy;
                            int dst = q - ox; // packed index of output column ox of this piece's row
                            int a = end, b = end;
                            if (iy >= 0 && iy < h) {
                                a = Math.min(end, Math.max(ox, lo));
                                b = Math.max(a, Math.min(end, hi));
                            }
                            int src = xOff + (pieceImage[k] * c0 + c) * plane + iy * w + x0;
                            for (int t = ox; t < a; t++) packed[dst + t] = 0f;
                            if (sw == 1) {
                                if (b > a) System.arraycopy(x, src + a, packed, dst + a, b - a);
                            } else {
                                for (int t = a; t < b; t++) packed[dst + t] = x[src + t * sw];
                            }
                            for (int t = b; t < end; t++) packed[dst + t] = 0f;
                        }
                        // padding columns of the last sliver
                        if (valid < nr) java.util.Arrays.fill(packed, d + valid, d + nr, 0f);
                    }
                }
            }
        });
    }

    /** The adjoint of im2col: dx[n0+s][c][..] = the sum of every column entry that was read from it. dx is Modified. */
    static void col2im(ConvSpec s, float[] cols, int n0, int nb, float[] dx) {
        final int width = nb * s.p(), kk = s.kh() * s.kw(), c0 = s.c(), h = s.h(), w = s.w(), oh = s.oh(), ow = s.ow();
        final int sh = s.sh(), sw = s.sw(), dh = s.dh(), dw = s.dw(), pt = s.padTop(), pl = s.padLeft();
        // per kernel column j: the output columns [lo, hi) that land inside the image
        final int[] lo = new int[s.kw()], hi = new int[s.kw()];
        for (int j = 0; j < s.kw(); j++) {
            int x0 = j * dw - pl;
            lo[j] = Math.min(ow, Math.max(0, ceilDiv(-x0, sw)));
            hi[j] = Math.max(lo[j], Math.min(ow, ceilDiv(w - x0, sw)));
        }
        // one task per (image, channel) plane: it alone adds into it, taps in order, so the sums are fixed
        // (one task per channel left a thread idle for the 3-channel input of an image model's stem)
        Parallel.forRange(nb * c0, Parallel.grainFor(nb * c0, 1), (q0, q1) -> {
            for (int q = q0; q < q1; q++) {
                int sm = q / c0, c = q % c0;
                int plane = ((n0 + sm) * c0 + c) * h * w;
                java.util.Arrays.fill(dx, plane, plane + h * w, 0f); // dx may be recycled storage
                for (int ij = 0; ij < kk; ij++) {
                    int i = ij / s.kw(), j = ij % s.kw(), x0 = j * dw - pl, a = lo[j], b = hi[j];
                    int colBase = (c * kk + ij) * width + sm * s.p();
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * sh - pt + i * dh;
                        if (iy < 0 || iy >= h) continue;
                        int d = plane + iy * w + x0, src = colBase + oy * ow;
                        if (sw == 1) {
                            for (int ox = a; ox < b; ox++) dx[d + ox] += cols[src + ox];
                        } else {
                            for (int ox = a; ox < b; ox++) dx[d + ox * sw] += cols[src + ox];
                        }
                    }
                }
            }
        });
    }

    /** Rounds x / d up (d &gt; 0), for negative x too. */
    private static int ceilDiv(int x, int d) {
        return -Math.floorDiv(-x, d);
    }
}
