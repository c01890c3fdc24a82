package org.xai4j.engine.nn;

import java.util.List;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.random.PhiloxRandom;
import org.xai4j.engine.tensor.Tensor;

/**
 * y = x W^T + b (torch.nn.Linear). Initialized as PyTorch does: weight and bias uniform in
 * ±1/sqrt(in) (kaiming_uniform with a = sqrt(5) reduces to that bound), drawn from Philox (seed, stream 0
 * for the weight, 1 for the bias) so a seed gives the same model everywhere.
 */
public final class Linear implements Module {
    private final Parameter weight, bias;

    public Linear(int in, int out, long seed) {
        if (in < 1 || out < 1) throw new IllegalArgumentException("Linear needs positive sizes, got " + in + " -> " + out);
        float bound = (float) (1.0 / Math.sqrt(in));
        weight = new Parameter("weight", Init.uniform(seed, 0, bound, out, in));
        bias = new Parameter("bias", Init.uniform(seed, 1, bound, out));
    }

    @Override
    public Tensor forward(Tensor x, RunOptions options) {
        return Ops.linear(x, weight.value(), bias.value());
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    /** Uniform initialization from Philox. */
    static final class Init {
        private Init() {}

        static Tensor uniform(long seed, long stream, float bound, int... shape) {
            Tensor t = Tensor.zeros(shape);
            float[] d = t.data();
            PhiloxRandom.fillUniform(seed, stream, 0, d, 0, d.length);
            for (int i = 0; i < d.length; i++) d[i] = (2f * d[i] - 1f) * bound;
            return t;
        }
    }
}
