package org.xai4j.kernels.cuda;

import jcuda.Pointer;
import jcuda.driver.JCudaDriver;
import org.xai4j.engine.backend.BinaryKind;
import org.xai4j.engine.tensor.Tensor;

/**
 * GPU figures for bench/RESULTS.md, run by kernels/scripts/gpu-check.sh on the device machine (no JMH
 * there: no JDK to build its harness): our SGEMM at 4096^3 and 8192^3 (and cuBLAS's when JCublas loads),
 * host-device copies, and the cost of one launch. Times are medians of synchronised repetitions after a
 * warm-up; the PyTorch peer (torch_peer.py) runs in the same script.
 */
public final class GpuBench {
    private GpuBench() {}

    public static void main(String[] args) {
        CudaStatus s = CudaProbe.status();
        System.out.println("cuda: " + s.describe());
        if (!s.usable()) {
            System.out.println("no usable GPU: nothing measured");
            return;
        }
        CudaContext ctx = CudaContext.get(0);
        CudaBackend backend = new CudaBackend(0);
        for (int size : new int[] {4096, 8192}) {
            sgemm(backend, ctx, new CudaGemm(ctx, false), size, "xai4j sgemm kernel");
            if (s.cublasReason() == null) sgemm(backend, ctx, new CudaGemm(ctx, true), size, "cuBLAS via JCublas");
        }
        copies(backend, ctx);
        launches(backend, ctx);
    }

    private static void sgemm(CudaBackend b, CudaContext ctx, CudaGemm gemm, int n, String what) {
        Tensor a = b.randomNormal(new int[] {n, n}, 1, 1, 0), bb = b.randomNormal(new int[] {n, n}, 1, 2, 0);
        Tensor c = b.empty(n, n);
        int reps = n >= 8192 ? 5 : 10;
        double[] t = new double[reps];
        for (int r = -2; r < reps; r++) {
            ctx.synchronize();
            long t0 = System.nanoTime();
            gemm.sgemm(false, false, n, n, n, 1f, b.ptr(a), n, 0, b.ptr(bb), n, 0, 0f, b.ptr(c), n, 0, 1);
            ctx.synchronize();
            if (r >= 0) t[r] = (System.nanoTime() - t0) / 1e9;
        }
        double med = median(t);
        System.out.printf("sgemm %d^3 %s: %.3f ms, %.1f TFLOP/s%n", n, what, med * 1e3, 2.0 * n * n * n / med / 1e12);
    }

    private static void copies(CudaBackend b, CudaContext ctx) {
        int n = 16 << 20; // 64 MB
        float[] host = new float[n];
        Tensor d = b.empty(n);
        double[] up = new double[10], down = new double[10];
        for (int r = -2; r < 10; r++) {
            long t0 = System.nanoTime();
            ctx.current();
            JCudaDriver.cuMemcpyHtoD(b.ptr(d), Pointer.to(host), (long) n * 4);
            long t1 = System.nanoTime();
            JCudaDriver.cuMemcpyDtoH(Pointer.to(host), b.ptr(d), (long) n * 4);
            long t2 = System.nanoTime();
            if (r >= 0) {
                up[r] = (t1 - t0) / 1e9;
                down[r] = (t2 - t1) / 1e9;
            }
        }
        System.out.printf("copy 64 MB host->device (pageable): %.2f GB/s; device->host: %.2f GB/s%n",
                n * 4 / median(up) / 1e9, n * 4 / median(down) / 1e9);
        Tensor small = Tensor.of(new float[] {1, 2, 3, 4}, 4);
        double[] rt = new double[1000];
        for (int r = 0; r < rt.length; r++) {
            long t0 = System.nanoTime();
            b.fromHost(small).toHost();
            rt[r] = (System.nanoTime() - t0) / 1e9;
        }
        System.out.printf("round trip of a 4-float tensor (upload + download): %.1f us%n", median(rt) * 1e6);
    }

    private static void launches(CudaBackend b, CudaContext ctx) {
        Tensor x = b.randomUniform(new int[] {256}, 3, 3, 0);
        for (int i = 0; i < 1000; i++) b.binary(BinaryKind.ADD, x, x, 0, 0);
        ctx.synchronize();
        int calls = 10_000;
        long t0 = System.nanoTime();
        for (int i = 0; i < calls; i++) b.binary(BinaryKind.ADD, x, x, 0, 0);
        ctx.synchronize();
        System.out.printf("binary op on 256 floats through the backend (launch + pooled allocation): %.2f us per call%n",
                (System.nanoTime() - t0) / 1e3 / calls);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s[s.length / 2];
    }
}
