package org.xai4j.engine.tensor;

/**
 * The storage of a tensor that lives on an accelerator: device memory that the backend of its
 * {@link #device()} allocated and alone reads and writes. Views share one storage, as host tensors share
 * one array. Host code never sees device memory: it moves tensors with {@link Tensor#to(Device)}.
 */
public interface DeviceStorage {
    /** The device holding this memory. */
    Device device();

    /** Capacity in floats. */
    long length();
}
