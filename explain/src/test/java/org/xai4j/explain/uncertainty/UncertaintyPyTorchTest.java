package org.xai4j.explain.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.Npy;
import org.xai4j.engine.io.onnx.OnnxGraphModel;
import org.xai4j.engine.io.onnx.OnnxModelLoader;
import org.xai4j.engine.tensor.Tensor;

/**
 * An ONNX MLP with two Dropout(0.2) layers and a log-variance head against PyTorch's MC estimates
 * (uncertainty/make_fixture.py: 100,000 passes in train mode). Both sides are Monte Carlo estimates of the
 * same expectations with independent masks, so they agree within 5 standard errors of their difference,
 * sqrt(sd²/T_java + sd²/T_torch) with the per-pass standard deviations PyTorch measured.
 */
class UncertaintyPyTorchTest {
    static Path resource(String name) throws Exception {
        return Path.of(UncertaintyPyTorchTest.class.getResource("/uncertainty/" + name).toURI());
    }

    static double[] doubles(String name) throws Exception {
        return Npy.read(resource(name)).toDoubleArray();
    }

    @Test
    void mcDropoutMomentsAgreeWithPyTorch() throws Exception {
        OnnxGraphModel model = OnnxModelLoader.load(resource("mlp_dropout_logvar.onnx"));
        HostArray x = Npy.read(resource("input.npy"));
        int passes = 20000, torchPasses = 100000;
        var o = UncertaintyOptions.monteCarlo(passes, 3).withVarianceHead(1, VarianceKind.LOGVAR);
        PredictiveMoments got = MonteCarloDropout.estimate(model, List.of(Tensor.of(x.toFloatArray(), x.shape())), o, null);
        double[] mean = doubles("torch_mean.npy"), epistemic = doubles("torch_epistemic.npy"), aleatoric = doubles("torch_aleatoric.npy");
        double[] sdMean = doubles("torch_sd_mean.npy"), sdEpistemic = doubles("torch_sd_epistemic.npy"),
                sdAleatoric = doubles("torch_sd_aleatoric.npy");
        double k = Math.sqrt(1.0 / passes + 1.0 / torchPasses);
        for (int n = 0; n < 5; n++) {
            assertEquals(mean[n], got.mean()[n], 5 * sdMean[n] * k, "mean of sample " + n);
            assertEquals(epistemic[n], got.epistemic()[n], 5 * sdEpistemic[n] * k, "epistemic of sample " + n);
            assertEquals(aleatoric[n], got.aleatoric()[n], 5 * sdAleatoric[n] * k, "aleatoric of sample " + n);
        }
    }
}
