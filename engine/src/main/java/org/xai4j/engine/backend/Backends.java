package org.xai4j.engine.backend;

import org.xai4j.engine.backend.cpu.CpuBackend;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds backends: the CPU backend always, others (CUDA) through {@link ServiceLoader} of
 * {@link BackendProvider}, in the manner of DJL's Engine/EngineProvider.
 */
public final class Backends {
    private static final Backend CPU = new CpuBackend();
    private static volatile Backend current = CPU;

    private Backends() {}

    /** The backend ops run on now (the CPU backend unless one was selected). */
    public static Backend current() {
        return current;
    }

    public static Backend cpu() {
        return CPU;
    }

    /** Makes {@code backend} the one ops run on. */
    public static void use(Backend backend) {
        current = backend;
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
        String name();

        boolean isAvailable();

        Backend create();
    }
}
