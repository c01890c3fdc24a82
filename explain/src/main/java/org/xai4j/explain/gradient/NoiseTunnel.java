package org.xai4j.explain.gradient;

import org.xai4j.explain.Batches;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.AttributionMethod;

/**
 * NoiseTunnel over any base method: each row is copied S times with Gaussian noise x + N(0, stdev²)
 * (stdev absolute, as Captum), the base method explains every copy for the row's target, and the
 * copies' attributions are combined per {@link NoiseType}: SmoothGrad (Smilkov et al. 2017)
 * mean(a), SmoothGrad² mean(a²), VarGrad mean(a²) − mean(a)². As Captum 0.7
 * {@code NoiseTunnel(base).attribute(x, nt_type, nt_samples, stdevs)}, with the noise from Philox at
 * (seed, copy, element), so the same seed gives the same result for any batch size.
 */
public final class NoiseTunnel implements AttributionMethod {
    /**
     * @param type      smoothgrad, smoothgrad-sq or vargrad (the {@code --method} name)
     * @param samples   noisy copies per row ({@code --samples}; Captum's nt_samples, default 5)
     * @param stdev     standard deviation of the noise, in input units ({@code --stdev}; default 1.0 as Captum)
     * @param seed      Philox key of the noise ({@code --seed})
     * @param batchSize noisy copies handed to the base method per call ({@code --batch-size}); the base
     *                  method batches its own model evaluations with its own batch size
     */
    public record Options(NoiseType type, int samples, float stdev, long seed, int batchSize) {
        public Options {
            if (type == null) throw new IllegalArgumentException("noise tunnel type must not be null");
            if (samples < 1) throw new IllegalArgumentException("samples must be >= 1, got " + samples);
            Noise.checkStdev(stdev);
            GradientSupport.checkBatchSize(batchSize);
        }

        public static Options defaults() {
            return new Options(NoiseType.SMOOTHGRAD, 5, 1.0f, 0L, 64);
        }

        public Options withType(NoiseType t) { return new Options(t, samples, stdev, seed, batchSize); }
        public Options withSamples(int s) { return new Options(type, s, stdev, seed, batchSize); }
        public Options withStdev(float s) { return new Options(type, samples, s, seed, batchSize); }
        public Options withSeed(long s) { return new Options(type, samples, stdev, s, batchSize); }
        public Options withBatchSize(int b) { return new Options(type, samples, stdev, seed, b); }
    }

    private final AttributionMethod base;
    private final Options options;

    /** @param base the method run on each noisy copy ({@code --base-method}) */
    public NoiseTunnel(AttributionMethod base, Options options) {
        if (base == null) throw new IllegalArgumentException("NoiseTunnel needs a base method");
        this.base = base;
        this.options = options;
    }

    public AttributionMethod base() {
        return base;
    }

    public Options options() {
        return options;
    }

    @Override
    public String name() {
        return options.type().cliName();
    }

    @Override
    public Tensor attribute(Model model, Tensor inputs, int[] targets) {
        int[] t = GradientSupport.targets(model, inputs, targets, options.batchSize());
        int n = inputs.size(0), rs = GradientSupport.rowSize(inputs), samples = options.samples();
        float[] x = inputs.contiguous().toArray();
        // the per-row sums and the output's row shape, made at the first chunk (the base method's output shape)
        double[][] sums = new double[2][];
        int[][] outRowShape = new int[1][];
        Batches.forEach(n, samples, options.batchSize(), c -> {
            int m = c.size();
            float[] noisy = c.buffer(rs);
            for (int i = 0; i < m; i++) Noise.addTo(noisy, i * rs, x, c.row(i) * rs, rs, options.stdev(), options.seed(), c.pair(i));
            Tensor a = base.attribute(model, Tensor.of(noisy, c.shape(inputs.shape())), c.perPair(t));
            float[] av = a.toArray();
            int outRow = av.length / m;
            if (sums[0] == null) {
                outRowShape[0] = a.shape();
                sums[0] = new double[n * outRow];
                sums[1] = new double[n * outRow];
            }
            // per row, the copies are added in sample order whatever the chunking
            for (int i = 0; i < m; i++) {
                int r = c.row(i);
                for (int j = 0; j < outRow; j++) {
                    double v = av[i * outRow + j];
                    sums[0][r * outRow + j] += v;
                    sums[1][r * outRow + j] += v * v;
                }
            }
        });
        float[] out = new float[sums[0].length];
        for (int i = 0; i < out.length; i++) out[i] = (float) options.type().combine(sums[0][i], sums[1][i], samples);
        outRowShape[0][0] = n;
        return Tensor.of(out, outRowShape[0]);
    }
}
