package org.xai4j.explain;

import org.xai4j.engine.tensor.Device;

/**
 * Where the explanation methods run their model passes, for a scope on this thread:
 * {@code try (var d = ComputeDevice.use(Device.cuda(0))) { method.attribute(model, x, targets); }}.
 * The methods keep building their batches (interpolation points, perturbations) on the host; each pass
 * copies its batch to the device, runs forward and backward there, and copies the gradient or scores
 * back. Methods that read activations on the host (the layer and CAM methods) refuse a device by name.
 */
public final class ComputeDevice {
    private static final ThreadLocal<Device> CURRENT = ThreadLocal.withInitial(() -> Device.CPU);

    private ComputeDevice() {}

    /** The device of this thread's passes (the host unless a scope says otherwise). */
    public static Device current() {
        return CURRENT.get();
    }

    /** Runs this thread's passes on {@code device} until the scope closes (scopes nest). */
    public static Scope use(Device device) {
        Device before = CURRENT.get();
        CURRENT.set(device);
        return () -> CURRENT.set(before);
    }

    /** The end of a {@link #use} scope. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
