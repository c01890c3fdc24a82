package org.xai4j.explain.gradient;

import org.xai4j.explain.Baseline;
import org.xai4j.explain.Batches;
import org.xai4j.engine.random.PhiloxRandom;
import org.xai4j.engine.tensor.Tensor;

/**
 * The samples of the GradientSHAP family (Lundberg and Lee 2017; Captum's {@code GradientShap},
 * {@code LayerGradientShap}, {@code NeuronGradientShap}): for each (row, sample) pair q, the row with
 * Gaussian noise, a baseline row drawn from the distribution and a point α·noisy + (1 − α)·baseline with
 * α ~ U(0, 1), all from Philox (seed, q), so the numbers do not depend on the batch size. Pairs are handed
 * out {@code batchSize} at a time by {@link Batches}; the points' storage is reused from chunk to chunk, so
 * a consumer must not keep it.
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
        Batches.forEach(n, samples, batchSize, c -> {
            int m = c.size();
            float[] noisy = new float[m * rs], points = c.buffer(rs), base = new float[m * rs];
            for (int i = 0; i < m; i++) {
                long q = c.pair(i);
                int r = c.row(i);
                int chosen = Math.min(k - 1, (int) (PhiloxRandom.uniform(seed, Noise.BASELINE_CHOICE, q) * k));
                float alpha = PhiloxRandom.uniform(seed, Noise.INTERPOLATION, q);
                Noise.addTo(noisy, i * rs, x, r * rs, rs, stdev, seed, q);
                System.arraycopy(dist, chosen * rs, base, i * rs, rs);
                for (int j = 0; j < rs; j++) points[i * rs + j] = alpha * noisy[i * rs + j] + (1f - alpha) * base[i * rs + j];
            }
            int[] rows = new int[m];
            for (int i = 0; i < m; i++) rows[i] = c.row(i);
            consumer.accept(new Chunk(m, rows, c.perPair(targets), noisy, base, Tensor.of(points, c.shape(inputs.shape()))));
        });
    }
}
