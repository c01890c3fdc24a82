package org.xai4j.engine.nn;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.Safetensors;
import org.xai4j.engine.tensor.Shape;

/**
 * A module's parameters in a safetensors file (Hugging Face's format: a JSON header of names, dtypes,
 * shapes and offsets, then raw little-endian data), named as PyTorch's state_dict ("0.weight").
 */
public final class Weights {
    private Weights() {}

    /** Writes every parameter as float32, atomically. */
    public static void save(Module module, Path file) throws IOException {
        Map<String, HostArray> tensors = new LinkedHashMap<>();
        for (Parameter p : module.parameters()) tensors.put(p.name(), HostArray.ofFloat(p.value().shape(), p.data().clone()));
        Safetensors.write(file, tensors, Map.of("format", "pt"));
    }

    /**
     * Copies the file's tensors into the module's parameters; every parameter must be there, with its
     * shape. Everything is checked before anything is copied, so a refused file leaves the module as it was.
     */
    public static void load(Module module, Path file) throws IOException {
        Map<String, HostArray> tensors = Safetensors.read(file);
        for (Parameter p : module.parameters()) {
            HostArray a = tensors.get(p.name());
            if (a == null) {
                throw new IOException(file + ": no tensor '" + p.name() + "' (the file has " + tensors.keySet() + ")");
            }
            if (!Arrays.equals(a.shape(), p.value().shape())) {
                throw new IOException(file + ": tensor '" + p.name() + "' has shape " + Shape.str(a.shape())
                        + ", the model expects " + Shape.str(p.value().shape()));
            }
        }
        for (Parameter p : module.parameters()) {
            float[] v = tensors.get(p.name()).toFloatArray();
            System.arraycopy(v, 0, p.data(), 0, v.length);
        }
    }
}
