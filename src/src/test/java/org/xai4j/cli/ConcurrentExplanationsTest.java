package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.Npy;
import org.xai4j.engine.io.onnx.OnnxGraphModel;
import org.xai4j.engine.io.onnx.OnnxModelLoader;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;
import org.xai4j.explain.Targets;
import org.xai4j.explain.gradient.Integration;
import org.xai4j.explain.gradient.IntegratedGradients;
import org.xai4j.explain.gradient.NoiseTunnel;
import org.xai4j.explain.gradient.NoiseType;
import org.xai4j.explain.gradient.Saliency;

/**
 * A loaded model is safe to share (issue 18's embedding programs): eight threads explaining with one
 * {@link OnnxGraphModel} at once get, each, the bits a lone run gets (tapes and gradient modes are per
 * thread; the model holds no state that a run changes).
 */
class ConcurrentExplanationsTest {
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void eightThreadsOnOneLoadedModelGetTheSequentialBits() throws Exception {
        OnnxGraphModel model = OnnxModelLoader.load(CliRunner.captum("image_cnn", "model.onnx"));
        HostArray a = Npy.read(CliRunner.captum("image_cnn", "input.npy"));
        Tensor x = Tensor.of(a.toFloatArray(), a.shape());
        int[] targets = Targets.resolve(model, x, null);
        List<AttributionMethod> methods = List.of(new Saliency(new Saliency.Options(true, 64)),
                new IntegratedGradients(new IntegratedGradients.Options(8, Integration.GAUSS_LEGENDRE, null, 5)),
                new NoiseTunnel(new Saliency(new Saliency.Options(true, 64)),
                        new NoiseTunnel.Options(NoiseType.parse("smoothgrad"), 4, 0.1f, 7L, 3)));
        List<float[]> sequential = new ArrayList<>();
        for (AttributionMethod m : methods) sequential.add(m.attribute(model, x, targets).contiguous().toArray());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<float[]>> runs = new ArrayList<>();
            for (int k = 0; k < 24; k++) {
                AttributionMethod m = methods.get(k % methods.size());
                runs.add(pool.submit(() -> m.attribute(model, x, targets).contiguous().toArray()));
            }
            for (int k = 0; k < runs.size(); k++) {
                assertArrayEquals(sequential.get(k % methods.size()), runs.get(k).get(), 0f, "run " + k + " (" + methods.get(k % methods.size()).name() + ")");
            }
            assertEquals(24, runs.size());
        } finally {
            pool.shutdownNow();
        }
    }
}
