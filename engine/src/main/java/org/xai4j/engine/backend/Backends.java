package org.xai4j.engine.backend;

import org.xai4j.engine.backend.cpu.CpuBackend;
import org.xai4j.engine.tensor.Device;
import org.xai4j.engine.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds backends: the CPU backend always, others (CUDA) through {@link ServiceLoader} of
 * {@link BackendProvider}, in the manner of DJL's Engine/EngineProvider. Ops pick the backend of their
 * inputs' device ({@link #of(Tensor)}); host tensors go to {@link #current()}.
 */
public final class Backends {
    private static final Backend CPU = new CpuBackend();
    private static volatile Backend current = CPU;
    private static final ConcurrentHashMap<Device, Backend> BY_DEVICE = new ConcurrentHashMap<>();

    private Backends() {}

    /** The backend host tensors are computed on (the CPU backend unless one was selected). */
    public static Backend current() {
        return current;
    }

    public static Backend cpu() {
        return CPU;
    }

    /** Makes {@code backend} the one host tensors are computed on. */
    public static void use(Backend backend) {
        current = backend;
    }

    /**
     * Makes {@code backend} the one for its {@link Backend#device()} (a device backend an embedder or a test
     * supplies without a provider); replaces the provider's.
     */
    public static void register(Backend backend) {
        if (backend.device().isHost()) throw new IllegalArgumentException("register: " + backend.name() + " computes on the host; use use()");
        BY_DEVICE.put(backend.device(), backend);
    }

    /** The backend of x's device. */
    public static Backend of(Tensor x) {
        return x.isHost() ? current : forDevice(x.device());
    }

    /**
     * The backend of the device both operands live on; a one-element host operand joins a device operand as
     * a scalar. Operands on different devices are an error naming both.
     */
    public static Backend of(Tensor a, Tensor b) {
        if (a.isHost() && b.isHost()) return current;
        Device da = a.device(), db = b.device();
        if (da.equals(db) || (a.isHost() && a.numel() == 1)) return forDevice(db);
        if (b.isHost() && b.numel() == 1) return forDevice(da);
        throw new IllegalArgumentException("operands on different devices: " + da + " and " + db
                + "; move one with to(device)");
    }

    /** The backend of the device of every tensor in {@code xs} (nulls ignored), as {@link #of(Tensor, Tensor)}. */
    public static Backend of(Tensor... xs) {
        Tensor first = null;
        for (Tensor x : xs) {
            if (x == null) continue;
            if (first == null) first = x;
            else of(first, x);
        }
        if (first == null) return current;
        for (Tensor x : xs) if (x != null && !x.isHost()) return forDevice(x.device());
        return current;
    }

    /**
     * The backend that computes on {@code device}: the current one for the host, else the one its provider
     * creates (once per device). The error says why none is usable.
     */
    public static Backend forDevice(Device device) {
        if (device.isHost()) return current;
        Backend b = BY_DEVICE.get(device);
        if (b != null) return b;
        synchronized (BY_DEVICE) {
            b = BY_DEVICE.get(device);
            if (b != null) return b;
            BackendProvider p = provider(device.kind());
            if (p == null) {
                throw new IllegalStateException("device " + device + ": no " + device.kind()
                        + " backend in this build (the xai4j-kernels jar is not on the class path)");
            }
            String why = p.unavailableReason();
            if (why != null) throw new IllegalStateException("device " + device + ": " + why);
            b = p.create(device.index());
            BY_DEVICE.put(device, b);
            return b;
        }
    }

    private static BackendProvider provider(String name) {
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            if (p.name().equals(name)) return p;
        }
        return null;
    }

    /** The names of every available backend ("cpu" first). */
    public static List<String> available() {
        List<String> names = new ArrayList<>();
        names.add(CPU.name());
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            if (p.isAvailable()) names.add(p.name());
        }
        return names;
    }

    /** One line per backend provider in this build: what it found (devices) or why it is not usable. */
    public static List<String> describeProviders() {
        List<String> lines = new ArrayList<>();
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) lines.add(p.name() + ": " + p.describe());
        return lines;
    }

    /** The backend with that name; the error lists the available ones. */
    public static Backend byName(String name) {
        if (CPU.name().equals(name)) return CPU;
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            if (p.name().equals(name) && p.isAvailable()) return p.create();
        }
        throw new IllegalArgumentException("no backend '" + name + "'; available: " + available());
    }

    /** How a backend other than the CPU one (e.g. CUDA in kernels/) makes itself known. */
    public interface BackendProvider {
        /** The backend's name, which is also the kind of the devices it serves ("cuda"). */
        String name();

        boolean isAvailable();

        /** The backend for device 0. */
        Backend create();

        /** The backend for device {@code index} of this provider's kind. */
        default Backend create(int index) {
            if (index != 0) throw new IllegalStateException(name() + " has no device " + index);
            return create();
        }

        /** Why no device of this kind is usable (one line), or null when one is. */
        default String unavailableReason() {
            return isAvailable() ? null : "not available";
        }

        /** One line for {@code xai --version}: the devices found, or why none is usable. */
        default String describe() {
            String why = unavailableReason();
            return why == null ? "available" : "not usable: " + why;
        }
    }
}
