package org.xai4j.engine.io.onnx;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.backend.Backends;
import org.xai4j.engine.backend.MirrorBackend;
import org.xai4j.engine.nn.RunOptions;
import org.xai4j.engine.tensor.Tensor;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An imported graph runs where its inputs are: on the test's mirror device the weights are copied there
 * once, every node computes on the device, and the output and the input gradient equal the CPU's bit
 * for bit (the mirror runs the CPU kernels). What a GPU run of a model does, minus the GPU.
 */
class OnnxOnDeviceTest {
    private static MirrorBackend mirror;

    @BeforeAll
    static void register() {
        mirror = new MirrorBackend();
        Backends.register(mirror);
    }

    @ParameterizedTest
    @ValueSource(strings = {"iris_mlp", "dna_cnn", "image_cnn", "mc_dropout_mlp", "residual"})
    void outputsAndInputGradientsEqualTheCpus(String name) throws Exception {
        boolean residual = name.equals("residual");
        OnnxGraphModel m = OnnxModelLoader.load(OnnxModelLoaderTest.resource(residual ? "residual/residual.onnx" : name + ".onnx"));
        Tensor x = OnnxModelLoaderTest.npy(residual ? "residual/input.npy" : "captum/" + name + "/input.npy");
        RunOptions options = name.equals("mc_dropout_mlp") ? RunOptions.monteCarlo(5, 2) : RunOptions.INFERENCE;

        Tensor xc = Tensor.of(x.toArray(), x.shape()).requiresGrad(true);
        Tensor yc = m.run(List.of(xc), options).output(0);
        Tensor seed = Gradients.oneHotSeed(yc.shape(), new int[yc.shape()[0]]);
        Tensor gc = Gradients.grad(yc, seed, xc)[0];

        Tensor xd = x.to(MirrorBackend.DEVICE).requiresGrad(true);
        int downloads = mirror.downloads;
        Tensor yd = m.run(List.of(xd), options).output(0);
        Tensor gd = Gradients.grad(yd, seed, xd)[0];
        // nothing moves: not even the Dropout nodes' optional mask outputs, which an MC run skips when unread
        assertEquals(downloads, mirror.downloads, name + ": a value was copied to the host during the device run");
        assertEquals(MirrorBackend.DEVICE, yd.device());
        assertEquals(MirrorBackend.DEVICE, gd.device());
        assertArrayEquals(yc.toArray(), yd.toHost().toArray(), name + ": output");
        assertArrayEquals(gc.toArray(), gd.toHost().toArray(), name + ": input gradient");
        // forward (ReLU fused into the Conv/Add before it) on the device too
        assertArrayEquals(m.forward(x).toArray(), m.forward(x.to(MirrorBackend.DEVICE)).toHost().toArray(), name + ": forward");
    }
}
