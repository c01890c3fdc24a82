package org.xai4j.kernels.cuda;

import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;
import jcuda.jcublas.cublasOperation;

/**
 * Row-major batched SGEMM on the device, C = alpha op(A) op(B) + beta C with element strides between the
 * batch's matrices (0 broadcasts one): cuBLAS when JCublas loaded (CudaProbe), else our sgemm.cu kernel.
 * cuBLAS is column-major, so it computes C^T = op(B)^T op(A)^T, which has C's row-major layout. FP32 only:
 * cuBLAS's default math mode does not use TF32.
 */
final class CudaGemm {
    /** sgemm.cu's tile of C per block and its thread count. */
    private static final int TILE = 128, THREADS = 256, MAX_GRID_Z = 65535;

    private final CudaContext context;
    private final cublasHandle cublas;

    CudaGemm(CudaContext context, boolean useCublas) {
        this.context = context;
        cublasHandle h = null;
        if (useCublas) {
            context.current();
            h = new cublasHandle();
            JCublas2.cublasCreate(h);
        }
        this.cublas = h;
    }

    /** Which implementation runs. */
    String implementation() {
        return cublas != null ? "cuBLAS" : "xai4j sgemm kernel";
    }

    void sgemm(boolean ta, boolean tb, int m, int n, int k, float alpha,
               CUdeviceptr a, int lda, long strideA, CUdeviceptr b, int ldb, long strideB,
               float beta, CUdeviceptr c, int ldc, long strideC, int batch) {
        if (m == 0 || n == 0 || batch == 0) return;
        if (cublas != null) {
            context.current();
            JCublas2.cublasSgemmStridedBatched(cublas,
                    tb ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N,
                    ta ? cublasOperation.CUBLAS_OP_T : cublasOperation.CUBLAS_OP_N,
                    n, m, k, Pointer.to(new float[] {alpha}), b, ldb, strideB, a, lda, strideA,
                    Pointer.to(new float[] {beta}), c, ldc, strideC, batch);
            return;
        }
        int gx = (n + TILE - 1) / TILE, gy = (m + TILE - 1) / TILE;
        for (int b0 = 0; b0 < batch; b0 += MAX_GRID_Z) {
            int nb = Math.min(MAX_GRID_Z, batch - b0);
            context.launchGrid(Kernel.SGEMM, gx, gy, nb, THREADS,
                    ta ? 1 : 0, tb ? 1 : 0, m, n, k, alpha,
                    offset(a, b0 * strideA), lda, strideA, offset(b, b0 * strideB), ldb, strideB,
                    beta, offset(c, b0 * strideC), ldc, strideC);
        }
    }

    private static CUdeviceptr offset(CUdeviceptr p, long floats) {
        return floats == 0 ? p : p.withByteOffset(floats * Float.BYTES);
    }
}
