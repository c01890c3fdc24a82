package org.xai4j.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;

/** Small models trained end to end: classification to a stated accuracy, a heteroscedastic regression, weights on disk. */
class TrainingTest {
    @TempDir
    Path tmp;

    /** Two interleaved half circles (scikit-learn's make_moons) with Gaussian noise; labels in y. */
    static Tensor moons(int n, long seed, int[] y) {
        Random r = new Random(seed);
        float[] x = new float[2 * n];
        for (int i = 0; i < n; i++) {
            double a = Math.PI * r.nextDouble();
            boolean upper = i % 2 == 0;
            x[2 * i] = (float) ((upper ? Math.cos(a) : 1 - Math.cos(a)) + 0.1 * r.nextGaussian());
            x[2 * i + 1] = (float) ((upper ? Math.sin(a) : 0.5 - Math.sin(a)) + 0.1 * r.nextGaussian());
            y[i] = upper ? 0 : 1;
        }
        return Tensor.of(x, n, 2);
    }

    static Sequential mlp(long seed) {
        return new Sequential(new Linear(2, 16, seed), Layers.relu(), new Linear(16, 16, seed + 1), Layers.relu(),
                new Linear(16, 2, seed + 2));
    }

    static double accuracy(Sequential model, Tensor x, int[] y) {
        Tensor logits;
        try (GradMode.Scope g = GradMode.noGrad()) {
            logits = model.forward(x);
        }
        float[] v = logits.toArray();
        int right = 0;
        for (int i = 0; i < y.length; i++) right += (v[2 * i + 1] > v[2 * i] ? 1 : 0) == y[i] ? 1 : 0;
        return right / (double) y.length;
    }

    private static double train(Function<List<Parameter>, Optimizer> optimizer, int epochs) {
        int[] yTrain = new int[512], yTest = new int[512];
        Tensor xTrain = moons(512, 1, yTrain), xTest = moons(512, 2, yTest);
        Sequential model = mlp(7);
        Optimizer opt = optimizer.apply(model.parameters());
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int b = 0; b < 512; b += 64) {
                Tensor xb = Ops.slice(xTrain, 0, b, b + 64, 1);
                int[] yb = java.util.Arrays.copyOfRange(yTrain, b, b + 64);
                opt.minimize(Losses.crossEntropy(model.forward(xb), yb));
            }
        }
        return accuracy(model, xTest, yTest);
    }

    @Test
    void adamLearnsTwoMoons() {
        double acc = train(ps -> new Adam(ps, 0.01f), 60);
        System.out.println("two moons, Adam, held-out accuracy " + acc);
        assertTrue(acc >= 0.97, "held-out accuracy " + acc);
    }

    @Test
    void sgdWithMomentumLearnsTwoMoons() {
        double acc = train(ps -> new Sgd(ps, 0.05f, 0.9f), 60);
        System.out.println("two moons, SGD momentum, held-out accuracy " + acc);
        assertTrue(acc >= 0.97, "held-out accuracy " + acc);
    }

    /**
     * y = sin(x) + noise whose standard deviation grows with |x| (0.05 at 0, 0.55 at |x| = 2): a mean and
     * log-variance head trained with the Gaussian NLL learns the larger variance where the noise is.
     */
    @Test
    void gaussianNllLearnsWhereTheNoiseIs() {
        Random r = new Random(3);
        int n = 1024;
        float[] x = new float[n], y = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (4 * r.nextDouble() - 2);
            y[i] = (float) (Math.sin(x[i]) + (0.05 + 0.25 * Math.abs(x[i])) * r.nextGaussian());
        }
        Tensor xs = Tensor.of(x, n, 1), ys = Tensor.of(y, n, 1);
        Sequential model = new Sequential(new Linear(1, 32, 11), Layers.tanh(), new Linear(32, 32, 12), Layers.tanh(),
                new Linear(32, 2, 13));
        Adam opt = new Adam(model.parameters(), 0.01f);
        for (int epoch = 0; epoch < 150; epoch++) {
            for (int b = 0; b < n; b += 128) {
                Tensor out = model.forward(Ops.slice(xs, 0, b, b + 128, 1));
                Tensor mean = Ops.slice(out, 1, 0, 1, 1), logVar = Ops.slice(out, 1, 1, 2, 1);
                opt.minimize(Losses.gaussianNll(mean, logVar, Ops.slice(ys, 0, b, b + 128, 1)));
            }
        }
        float[] probe;
        try (GradMode.Scope g = GradMode.noGrad()) {
            probe = model.forward(Tensor.of(new float[] {0f, 1.8f, -1.8f}, 3, 1)).contiguous().toArray();
        }
        double sdCenter = Math.exp(probe[1] / 2), sdRight = Math.exp(probe[3] / 2), sdLeft = Math.exp(probe[5] / 2);
        System.out.printf("learned noise sd: %.3f at 0, %.3f at 1.8, %.3f at -1.8 (planted 0.05, 0.50, 0.50)%n", sdCenter, sdRight, sdLeft);
        assertTrue(sdRight > 3 * sdCenter && sdLeft > 3 * sdCenter, "variance should grow with |x|");
        assertEquals(0.5, sdRight, 0.15);
        assertEquals(Math.sin(1.8), probe[2], 0.15);
    }

    @Test
    void weightsRoundTripAndRefuseMismatches() throws IOException {
        Sequential a = mlp(1), b = mlp(99);
        Path file = tmp.resolve("mlp.safetensors");
        Weights.save(a, file);
        Weights.load(b, file);
        Tensor x = Tensor.of(new float[] {0.3f, -0.7f, 1.1f, 0.2f}, 2, 2);
        try (GradMode.Scope g = GradMode.noGrad()) {
            assertArrayEquals(a.forward(x).toArray(), b.forward(x).toArray());
        }
        assertEquals(List.of("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"),
                a.parameters().stream().map(Parameter::name).toList());
        Sequential wider = new Sequential(new Linear(2, 8, 1));
        IOException e = assertThrows(IOException.class, () -> Weights.load(wider, file));
        assertEquals(file + ": tensor '0.weight' has shape [16,2], the model expects [8,2]", e.getMessage());
        // a refused file changes nothing: the first layer matches, the last does not
        Sequential mismatch = new Sequential(new Linear(2, 16, 5), Layers.relu(), new Linear(16, 16, 6), Layers.relu(),
                new Linear(16, 3, 7));
        float[] before = mismatch.parameters().get(0).data().clone();
        assertThrows(IOException.class, () -> Weights.load(mismatch, file));
        assertArrayEquals(before, mismatch.parameters().get(0).data());
    }

    @Test
    void dropoutLayersAreOffAtInferenceAndSeededInMcRuns() {
        Sequential m = new Sequential(new Linear(4, 64, 5), Layers.relu(), Layers.dropout(0.5f), new Linear(64, 1, 6));
        Sequential plain = new Sequential(new Linear(4, 64, 5), Layers.relu(), new Linear(64, 1, 6));
        Tensor x = Tensor.of(new float[] {0.5f, -1f, 2f, 0.1f}, 1, 4);
        try (GradMode.Scope g = GradMode.noGrad()) {
            assertArrayEquals(plain.forward(x).toArray(), m.forward(x).toArray());
            float[] a = m.run(List.of(x), RunOptions.monteCarlo(3, 0)).output(0).toArray();
            float[] b = m.run(List.of(x), RunOptions.monteCarlo(3, 0)).output(0).toArray();
            float[] c = m.run(List.of(x), RunOptions.monteCarlo(3, 1)).output(0).toArray();
            assertArrayEquals(a, b);
            assertTrue(a[0] != c[0], "another stream, another mask");
            // the layer's activations are named by position: "1" is the ReLU output, "2" the dropout output
            var acts = m.run(List.of(x), RunOptions.monteCarlo(3, 0));
            float[] relu = acts.get("1").toArray(), dropped = acts.get("2").toArray();
            int kept = 0;
            for (int i = 0; i < relu.length; i++) {
                if (dropped[i] != 0f) {
                    assertEquals(2 * relu[i], dropped[i], 1e-6);
                    kept++;
                }
            }
            assertTrue(kept > 0 && kept < relu.length);
        }
    }
}
