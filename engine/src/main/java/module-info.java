/**
 * xai4j's engine: float32 tensors, reverse-mode autodiff, the CPU backend and its kernels, nn, and the
 * .npy, ONNX, safetensors, CSV, image and FASTA readers. The Vector API kernels run when the JVM resolves
 * {@code jdk.incubator.vector} (on the module path: {@code --add-modules jdk.incubator.vector}); without
 * it the same results come from plain loops. Other backends (CUDA) are found through the
 * {@link java.util.ServiceLoader}.
 */
module org.xai4j.engine {
    requires static jdk.incubator.vector;
    requires java.desktop; // javax.imageio: the PNG and JPEG reader

    exports org.xai4j.engine.autodiff;
    exports org.xai4j.engine.backend;
    exports org.xai4j.engine.backend.cpu;
    exports org.xai4j.engine.io;
    exports org.xai4j.engine.io.data;
    exports org.xai4j.engine.io.onnx;
    exports org.xai4j.engine.io.onnx.importer;
    exports org.xai4j.engine.nn;
    exports org.xai4j.engine.ops;
    exports org.xai4j.engine.random;
    exports org.xai4j.engine.tensor;

    uses org.xai4j.engine.backend.Backends.BackendProvider;
}
