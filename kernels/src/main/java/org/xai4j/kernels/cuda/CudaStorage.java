package org.xai4j.kernels.cuda;

import jcuda.driver.CUdeviceptr;
import org.xai4j.engine.tensor.Device;
import org.xai4j.engine.tensor.DeviceStorage;

import java.lang.ref.Cleaner;

/** A block of device memory from the {@link DevicePool}, the storage of device tensors (and their views). */
final class CudaStorage implements DeviceStorage {
    private final CudaContext context;
    private final CUdeviceptr pointer;
    private final long floats;
    private Cleaner.Cleanable cleanable;
    private volatile boolean released;

    CudaStorage(CudaContext context, CUdeviceptr pointer, long floats) {
        this.context = context;
        this.pointer = pointer;
        this.floats = floats;
    }

    /** The cleaner registration that returns the block to the pool (once). */
    void attach(Cleaner.Cleanable c) {
        this.cleanable = c;
    }

    @Override
    public Device device() {
        return Device.cuda(context.index());
    }

    @Override
    public long length() {
        return floats;
    }

    /** The device address of float {@code offset}; refuses storage its scope has given back. */
    CUdeviceptr at(long offset) {
        if (released) throw new IllegalStateException("device tensor used after its memory scope closed");
        return offset == 0 ? pointer : pointer.withByteOffset(offset * Float.BYTES);
    }

    /** Returns the block to the pool now (a scope closed); later use is refused. */
    void release() {
        released = true;
        cleanable.clean();
    }

    CudaContext context() {
        return context;
    }
}
