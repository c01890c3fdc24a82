package org.xai4j.kernels.cuda;

import org.xai4j.engine.backend.Backend;
import org.xai4j.engine.backend.Backends;

/** Makes the CUDA backend known to {@link Backends} (META-INF/services); devices "cuda:N". */
public final class CudaBackendProvider implements Backends.BackendProvider {
    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public boolean isAvailable() {
        return CudaProbe.status().usable();
    }

    @Override
    public Backend create() {
        return create(0);
    }

    @Override
    public Backend create(int index) {
        CudaStatus s = CudaProbe.status();
        if (!s.usable()) throw new IllegalStateException("cuda: " + s.reason());
        if (index >= s.gpus().size()) {
            throw new IllegalStateException("no device cuda:" + index + " (" + s.gpus().size() + " found)");
        }
        return new CudaBackend(index);
    }

    @Override
    public String unavailableReason() {
        return CudaProbe.status().reason();
    }

    @Override
    public String describe() {
        return CudaProbe.status().describe();
    }
}
