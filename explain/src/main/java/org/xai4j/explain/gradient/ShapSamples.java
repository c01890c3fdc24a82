package org.xai4j.explain.gradient;

import org.xai4j.explain.Baseline;
import org.xai4j.engine.random.PhiloxRandom;
import org.xai4j.engine.tensor.Tensor;

/**
 * The samples of the GradientSHAP family (Lundberg and Lee 2017; Captum's {@code GradientShap},
 * {@code LayerGradientShap}, {@code NeuronGradientShap}): for each (row, sample) pair q, the row with
 * Gaussian noise, a baseline row drawn from the distribution and a point α·noisy + (1 − α)·baseline with
 * α ~ U(0, 1), all from Philox (seed, q), so the numbers do not depend on the batch size. Pairs are handed
 * out {@code batchSize} at a time.
 */
final class ShapSamples {
    /** One chunk of m pairs: sample i belongs to input row {@code row[i]}; arrays m × row size, row-major. */
    record Chunk(int m, int[] row, int[] targets, float[] noisy, float[] baselines, Tensor points) {}

    @FunctionalInterface
    interface ChunkConsumer {
        void accept(Chunk chunk);
    }

    private ShapSamples() {}

    static void forEach(Tensor inputs, int[] targets, Baseline baselines, int samples, float stdev, long seed, int batchSize,
                        ChunkConsumer consumer) {
        int n = inputs.size(0), rs = GradientSupport.rowSize(inputs);
        float[] dist = baselines.distributionRows(inputs.shape());
        int k = dist.length / rs;
        float[] x = inputs.contiguous().toArray();
        long total = (long) n * samples;
        for (long q0 = 0; q0 < total; q0 += batchSize) {
            int m = (int) Math.min(batchSize, total - q0);
            int[] shape = inputs.shape();
            shape[0] = m;
            float[] noisy = new float[m * rs], points = new float[m * rs], base = new float[m * rs];
            int[] tt = new int[m], rows = new int[m];
            for (int i = 0; i < m; i++) {
                long q = q0 + i;
                int r = (int) (q / samples);
                rows[i] = r;
                tt[i] = targets[r];
                int chosen = Math.min(k - 1, (int) (PhiloxRandom.uniform(seed, Noise.BASELINE_CHOICE, q) * k));
                float alpha = PhiloxRandom.uniform(seed, Noise.INTERPOLATION, q);
                Noise.addTo(noisy, i * rs, x, r * rs, rs, stdev, seed, q);
                System.arraycopy(dist, chosen * rs, base, i * rs, rs);
                for (int j = 0; j < rs; j++) points[i * rs + j] = alpha * noisy[i * rs + j] + (1f - alpha) * base[i * rs + j];
            }
            consumer.accept(new Chunk(m, rows, tt, noisy, base, Tensor.of(points, shape)));
        }
    }
}
