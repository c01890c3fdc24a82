package org.xai4j.kernels.cuda;

import java.util.List;

/**
 * What {@link CudaProbe} found: the GPUs, or why none is usable; and whether GEMM runs on cuBLAS or on
 * our kernel (and why).
 *
 * @param reason       null when CUDA is usable, else one line saying why not
 * @param gpus         the devices found (empty when unusable)
 * @param cublasReason null when cuBLAS runs GEMM, else why our sgemm kernel does
 */
public record CudaStatus(String reason, List<Gpu> gpus, String cublasReason) {
    /** One device: its index, name, compute capability (major * 10 + minor) and memory. */
    public record Gpu(int index, String name, int computeCapability, long totalBytes) {
        @Override
        public String toString() {
            return "cuda:" + index + " " + name + " (sm_" + computeCapability + ", "
                    + String.format("%.1f", totalBytes / (double) (1L << 30)) + " GiB)";
        }
    }

    static CudaStatus unusable(String reason) {
        return new CudaStatus(reason, List.of(), reason);
    }

    public boolean usable() {
        return reason == null;
    }

    /** Which GEMM runs: "cuBLAS" or "xai4j sgemm kernel (reason)". */
    public String gemm() {
        return cublasReason == null ? "cuBLAS (JCublas " + CudaBackend.JCUDA_VERSION + ")"
                : "xai4j sgemm kernel (JCublas not usable: " + cublasReason + ")";
    }

    /** One line for xai --version. */
    public String describe() {
        if (!usable()) return "not usable: " + reason;
        StringBuilder sb = new StringBuilder();
        for (Gpu g : gpus) sb.append(sb.length() == 0 ? "" : "; ").append(g);
        return sb.append("; GEMM: ").append(gemm()).toString();
    }
}
