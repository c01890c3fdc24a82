package org.xai4j.kernels.cuda;

import jcuda.driver.CUdeviceptr;
import org.xai4j.engine.backend.ConvSpec;
import org.xai4j.engine.backend.UnaryKind;
import org.xai4j.engine.tensor.ShapeException;
import org.xai4j.engine.tensor.Tensor;

/**
 * Convolutions on the device as im2col + GEMM (im2col.cu, {@link CudaGemm}). Per group, the column
 * matrices of a chunk of samples are built side by side and multiplied in one strided-batched GEMM with
 * the group's weights (stride 0: shared); the chunk is sized so the columns take at most
 * {@link #COLUMN_BYTES}. The weight gradient sums per-sample GEMMs into one accumulator (beta = 1).
 */
final class CudaConvolution {
    /** Device memory the column matrices of one chunk may take. */
    private static final long COLUMN_BYTES = 256L << 20;

    private final CudaBackend backend;
    private final CudaGemm gemm;

    CudaConvolution(CudaBackend backend, CudaGemm gemm) {
        this.backend = backend;
        this.gemm = gemm;
    }

    /** The Conv struct of im2col.cu: ConvSpec's fields in its record order. */
    private static int[] conv(ConvSpec s) {
        return new int[] {s.n(), s.c(), s.f(), s.groups(), s.h(), s.w(), s.kh(), s.kw(), s.sh(), s.sw(),
                s.padTop(), s.padLeft(), s.padBottom(), s.padRight(), s.dh(), s.dw(), s.oh(), s.ow()};
    }

    private static int chunk(ConvSpec s) {
        long perSample = (long) s.kg() * s.p() * Float.BYTES;
        return (int) Math.max(1, Math.min(s.n(), COLUMN_BYTES / Math.max(1, perSample)));
    }

    private static CUdeviceptr at(CUdeviceptr p, long floats) {
        return floats == 0 ? p : p.withByteOffset(floats * Float.BYTES);
    }

    Tensor forward(Tensor x, Tensor w, Tensor bias, ConvSpec s, boolean relu) {
        if (bias != null && bias.numel() != s.f()) {
            throw new ShapeException("Conv: bias has " + bias.numel() + " values for " + s.f() + " filters");
        }
        Tensor xc = backend.contiguous(x), wc = backend.contiguous(w);
        Tensor y = backend.empty(s.outShape(x.dim() - 2));
        if (y.numel() == 0) return y;
        int[] cs = conv(s);
        int p = s.p(), kg = s.kg(), cg = s.cg(), fg = s.fg(), chunk = chunk(s);
        long hw = (long) s.h() * s.w();
        Tensor col = backend.empty(chunk * kg * p);
        CUdeviceptr dx = backend.ptr(xc), dw = backend.ptr(wc), dy = backend.ptr(y), dcol = backend.ptr(col);
        CudaContext ctx = backend.context();
        for (int n0 = 0; n0 < s.n(); n0 += chunk) {
            int nc = Math.min(chunk, s.n() - n0);
            for (int g = 0; g < s.groups(); g++) {
                for (int i = 0; i < nc; i++) {
                    ctx.launch(Kernel.IM2COL, (long) kg * p, cs, cg, at(dx, ((long) (n0 + i) * s.c() + (long) g * cg) * hw),
                            at(dcol, (long) i * kg * p));
                }
                // y[n, g*fg:(g+1)*fg, :] (fg, P) = W_g (fg, kg) @ col_n (kg, P), for each n of the chunk
                gemm.sgemm(false, false, fg, p, kg, 1f, at(dw, (long) g * fg * kg), kg, 0,
                        dcol, p, (long) kg * p, 0f, at(dy, ((long) n0 * s.f() + (long) g * fg) * p), p, (long) s.f() * p, nc);
            }
        }
        long total = y.numel();
        if (bias != null) {
            Tensor bc = backend.contiguous(bias);
            ctx.launch(Kernel.ADD_CHANNEL_BIAS, total, total, p, s.f(), backend.ptr(bc), dy, relu ? 1 : 0);
        } else if (relu) {
            ctx.launch(Kernel.UNARY, total, UnaryKind.RELU.ordinal(), total, dy, dy, 0f, 0f);
        }
        return y;
    }

    Tensor backwardData(Tensor gy, Tensor w, ConvSpec s, int[] xShape) {
        Tensor gc = backend.contiguous(gy), wc = backend.contiguous(w);
        Tensor dxT = backend.empty(xShape);
        if (dxT.numel() == 0) return dxT;
        int[] cs = conv(s);
        int p = s.p(), kg = s.kg(), cg = s.cg(), fg = s.fg(), chunk = chunk(s);
        long hw = (long) s.h() * s.w();
        Tensor col = backend.empty(chunk * kg * p);
        CUdeviceptr dg = backend.ptr(gc), dw = backend.ptr(wc), dx = backend.ptr(dxT), dcol = backend.ptr(col);
        CudaContext ctx = backend.context();
        for (int n0 = 0; n0 < s.n(); n0 += chunk) {
            int nc = Math.min(chunk, s.n() - n0);
            for (int g = 0; g < s.groups(); g++) {
                // col_n (kg, P) = W_g^T (kg, fg) @ gy[n, group g] (fg, P)
                gemm.sgemm(true, false, kg, p, fg, 1f, at(dw, (long) g * fg * kg), kg, 0,
                        at(dg, ((long) n0 * s.f() + (long) g * fg) * p), p, (long) s.f() * p,
                        0f, dcol, p, (long) kg * p, nc);
                for (int i = 0; i < nc; i++) {
                    ctx.launch(Kernel.COL2IM, cg * hw, cs, cg, at(dcol, (long) i * kg * p),
                            at(dx, ((long) (n0 + i) * s.c() + (long) g * cg) * hw));
                }
            }
        }
        return dxT;
    }

    Tensor backwardWeight(Tensor x, Tensor gy, ConvSpec s, int[] wShape) {
        Tensor xc = backend.contiguous(x), gc = backend.contiguous(gy);
        Tensor gw = backend.zeros(wShape);
        if (gw.numel() == 0) return gw;
        int[] cs = conv(s);
        int p = s.p(), kg = s.kg(), cg = s.cg(), fg = s.fg();
        long hw = (long) s.h() * s.w();
        Tensor col = backend.empty(kg * p);
        CUdeviceptr dx = backend.ptr(xc), dg = backend.ptr(gc), dgw = backend.ptr(gw), dcol = backend.ptr(col);
        CudaContext ctx = backend.context();
        for (int n = 0; n < s.n(); n++) {
            for (int g = 0; g < s.groups(); g++) {
                ctx.launch(Kernel.IM2COL, (long) kg * p, cs, cg, at(dx, ((long) n * s.c() + (long) g * cg) * hw), dcol);
                // gw_g (fg, kg) += gy[n, group g] (fg, P) @ col^T (P, kg)
                gemm.sgemm(false, true, fg, kg, p, 1f, at(dg, ((long) n * s.f() + (long) g * fg) * p), p, 0,
                        dcol, p, 0, 1f, at(dgw, (long) g * fg * kg), kg, 0, 1);
            }
        }
        return gw;
    }
}
