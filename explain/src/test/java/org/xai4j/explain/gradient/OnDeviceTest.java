package org.xai4j.explain.gradient;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xai4j.engine.backend.Backends;
import org.xai4j.engine.backend.MirrorBackend;
import org.xai4j.engine.io.onnx.OnnxGraphModel;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;
import org.xai4j.explain.ComputeDevice;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gradient methods with their passes on a device ({@link ComputeDevice}): on the test's mirror device
 * (the CPU's kernels behind device storage) every attribution equals the CPU's bit for bit, and each pass
 * moved its batch to the device and its gradient back, nothing else. Integrated gradients takes its
 * plain path on a device (each pass from the input; {@link AffineInputPath} is the CPU's), so the CPU's
 * reference is the plain path too.
 */
class OnDeviceTest {
    private static MirrorBackend mirror;

    @BeforeAll
    static void register() {
        mirror = new MirrorBackend();
        Backends.register(mirror);
    }

    private static List<AttributionMethod> methods() {
        return List.of(new Saliency(), new InputXGradient(), new IntegratedGradients(), new GuidedBackprop(),
                new Deconvolution(), new GradientShap());
    }

    @ParameterizedTest
    @ValueSource(strings = {"iris_mlp", "dna_cnn", "image_cnn"})
    void attributionsEqualTheCpus(String name) {
        OnnxGraphModel model = Fixtures.model(name);
        Tensor x = Fixtures.tensor(name, "input.npy");
        int[] targets = Fixtures.targets(name);
        for (AttributionMethod m : methods()) {
            float[] cpu = m.attribute(PlainPathModel.of(model), x, targets).toArray();
            int uploads = mirror.uploads;
            Tensor onDevice;
            try (var d = ComputeDevice.use(MirrorBackend.DEVICE)) {
                onDevice = m.attribute(model, x, targets);
            }
            assertTrue(onDevice.isHost(), m.name() + ": attributions come back to the host");
            assertTrue(mirror.uploads > uploads, m.name() + ": nothing ran on the device");
            assertArrayEquals(cpu, onDevice.toArray(), name + " " + m.name());
        }
    }
}
