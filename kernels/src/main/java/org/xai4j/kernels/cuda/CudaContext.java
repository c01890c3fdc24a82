package org.xai4j.kernels.cuda;

import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.JCudaDriver;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One CUDA device through the driver API: its primary context (the one the CUDA runtime and so cuBLAS
 * share), the PTX modules loaded on first use (the driver JIT-compiles compute_75 PTX for the device once
 * and caches it), the kernels by name, and one-dimensional launches over the default stream. Launches are
 * asynchronous; copies to the host wait for them, so results are always complete when read.
 */
public final class CudaContext {
    private static final Map<Integer, CudaContext> CONTEXTS = new ConcurrentHashMap<>();
    static final int BLOCK = 256;

    private final int index;
    private final CUcontext context = new CUcontext();
    private final Map<String, CUmodule> modules = new HashMap<>();
    private final Map<Kernel, CUfunction> functions = new EnumMap<>(Kernel.class);
    private final int maxBlocks;
    final DevicePool pool;

    private CudaContext(int index) {
        this.index = index;
        JCudaDriver.setExceptionsEnabled(true);
        JCudaDriver.cuInit(0);
        CUdevice d = new CUdevice();
        JCudaDriver.cuDeviceGet(d, index);
        JCudaDriver.cuDevicePrimaryCtxRetain(context, d);
        JCudaDriver.cuCtxSetCurrent(context);
        int[] sms = new int[1];
        JCudaDriver.cuDeviceGetAttribute(sms, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT, d);
        // enough blocks of 256 threads to fill every SM several times; kernels loop over the rest (grid stride)
        this.maxBlocks = Math.max(1, sms[0]) * 32;
        this.pool = new DevicePool(this);
    }

    /** The context of device {@code index}, created on first use. */
    public static CudaContext get(int index) {
        return CONTEXTS.computeIfAbsent(index, CudaContext::new);
    }

    public int index() {
        return index;
    }

    /** Makes this context current on the calling thread (each thread that launches needs it; it is cheap). */
    void current() {
        JCudaDriver.cuCtxSetCurrent(context);
    }

    /** The kernel's function, loading its PTX module on first use. */
    synchronized CUfunction function(Kernel k) {
        CUfunction f = functions.get(k);
        if (f != null) return f;
        CUmodule m = modules.get(k.module());
        if (m == null) {
            m = new CUmodule();
            current();
            JCudaDriver.cuModuleLoadData(m, PtxResources.load(k.module()));
            modules.put(k.module(), m);
        }
        f = new CUfunction();
        JCudaDriver.cuModuleGetFunction(f, m, k.entry());
        functions.put(k, f);
        return f;
    }

    /** Launches k over n elements (grid-stride kernels): blocks of 256, at most a few per SM times 32. */
    void launch(Kernel k, long n, Object... args) {
        int blocks = (int) Math.max(1, Math.min((n + BLOCK - 1) / BLOCK, maxBlocks));
        launchGrid(k, blocks, 1, 1, BLOCK, args);
    }

    /** Launches k on a (gx, gy, gz) grid of blocks of {@code threads}. */
    void launchGrid(Kernel k, int gx, int gy, int gz, int threads, Object... args) {
        current();
        JCudaDriver.cuLaunchKernel(function(k), gx, gy, gz, threads, 1, 1, 0, null, KernelArguments.of(args), null);
    }

    /** Waits for every launch so far (for timings and error reporting). */
    public void synchronize() {
        current();
        JCudaDriver.cuCtxSynchronize();
    }

    /** A pointer to a kernel parameter's value, for the kernelParams array. */
    static Pointer parameter(Object a) {
        return KernelArguments.parameter(a);
    }
}
