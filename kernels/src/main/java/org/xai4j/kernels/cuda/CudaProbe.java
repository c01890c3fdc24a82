package org.xai4j.kernels.cuda;

import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.JCudaDriver;
import jcuda.jcublas.JCublas2;
import jcuda.jcublas.cublasHandle;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds out once whether CUDA is usable here, and if not, why, in one line: no PTX in this build, no
 * {@code libcuda.so.1} (no NVIDIA driver), JCuda's natives not loadable, no device. It also probes JCublas
 * once: its natives need {@code libcublas.so.12}, which CUDA 13 machines lack, and GEMM then runs on our
 * own kernel (sgemm.cu).
 */
public final class CudaProbe {
    private static volatile CudaStatus status;

    private CudaProbe() {}

    /** The probe's result, computed on first use. */
    public static CudaStatus status() {
        CudaStatus s = status;
        if (s == null) {
            synchronized (CudaProbe.class) {
                if (status == null) status = probe();
                s = status;
            }
        }
        return s;
    }

    private static CudaStatus probe() {
        if (!PtxResources.complete()) return CudaStatus.unusable(PtxResources.MISSING);
        List<CudaStatus.Gpu> gpus = new ArrayList<>();
        try {
            JCudaDriver.setExceptionsEnabled(true);
            JCudaDriver.cuInit(0);
            int[] count = new int[1];
            JCudaDriver.cuDeviceGetCount(count);
            for (int i = 0; i < count[0]; i++) {
                CUdevice d = new CUdevice();
                JCudaDriver.cuDeviceGet(d, i);
                byte[] name = new byte[256];
                JCudaDriver.cuDeviceGetName(name, name.length, d);
                int[] major = new int[1], minor = new int[1];
                JCudaDriver.cuDeviceGetAttribute(major, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR, d);
                JCudaDriver.cuDeviceGetAttribute(minor, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR, d);
                long[] bytes = new long[1];
                JCudaDriver.cuDeviceTotalMem(bytes, d);
                gpus.add(new CudaStatus.Gpu(i, cString(name), major[0] * 10 + minor[0], bytes[0]));
            }
        } catch (Throwable t) {
            return CudaStatus.unusable(reasonFor(t, "the NVIDIA driver"));
        }
        if (gpus.isEmpty()) return CudaStatus.unusable("no CUDA device (the driver reports none)");
        return new CudaStatus(null, gpus, cublasReason());
    }

    /** Null when JCublas loads and creates a handle, else why not (GEMM then runs on our kernel). */
    private static String cublasReason() {
        try {
            JCublas2.setExceptionsEnabled(true);
            // a handle on the primary context of device 0, as CudaContext uses
            CudaContext.get(0).current();
            JCublas2.cublasCreate(new cublasHandle());
            return null;
        } catch (Throwable t) {
            return reasonFor(t, "cuBLAS 12");
        }
    }

    private static final Pattern MISSING_LIBRARY = Pattern.compile("(lib[A-Za-z0-9_+.-]+\\.so[.0-9]*): cannot open shared object file");

    /**
     * One line for a failure to load or initialise a CUDA library: "no libcuda.so.1 (...)" when the native
     * library a JCuda library links against is missing, else the first line of the error.
     */
    static String reasonFor(Throwable t, String whatIsMissing) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String msg = String.valueOf(c.getMessage());
            Matcher m = MISSING_LIBRARY.matcher(msg);
            // the first missing library that is not JCuda's own wrapper (which is extracted from the jar)
            while (m.find()) {
                if (!m.group(1).startsWith("libJ")) return "no " + m.group(1) + " (" + whatIsMissing + " is not installed)";
            }
        }
        String first = String.valueOf(t.getMessage()).lines().findFirst().orElse("");
        return t.getClass().getSimpleName() + ": " + first;
    }

    private static String cString(byte[] b) {
        int n = 0;
        while (n < b.length && b[n] != 0) n++;
        return new String(b, 0, n, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
