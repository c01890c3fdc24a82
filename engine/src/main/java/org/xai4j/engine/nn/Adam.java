package org.xai4j.engine.nn;

import java.util.List;

/**
 * Adam (Kingma and Ba, ICLR 2015), as torch.optim.Adam: g += wd w; m = b1 m + (1 - b1) g;
 * v = b2 v + (1 - b2) g^2; w -= lr (m / (1 - b1^t)) / (sqrt(v / (1 - b2^t)) + eps).
 */
public final class Adam extends Optimizer {
    private final float lr, beta1, beta2, eps, weightDecay;
    private final float[][] m, v;
    private final int[] steps;

    public Adam(List<Parameter> parameters, float lr, float beta1, float beta2, float eps, float weightDecay) {
        super(parameters);
        if (!(lr > 0) || beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1 || !(eps > 0) || weightDecay < 0) {
            throw new IllegalArgumentException("Adam needs lr > 0, betas in [0, 1), eps > 0, weight decay >= 0");
        }
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.m = new float[parameters.size()][];
        this.v = new float[parameters.size()][];
        this.steps = new int[parameters.size()];
    }

    /** PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public Adam(List<Parameter> parameters, float lr) {
        this(parameters, lr, 0.9f, 0.999f, 1e-8f, 0f);
    }

    @Override
    protected void update(int index, float[] w, float[] g) {
        if (m[index] == null) {
            m[index] = new float[w.length];
            v[index] = new float[w.length];
        }
        float[] mi = m[index], vi = v[index];
        int t = ++steps[index];
        double c1 = 1 - Math.pow(beta1, t), c2 = 1 - Math.pow(beta2, t);
        double stepSize = lr / c1, c2Sqrt = Math.sqrt(c2);
        for (int i = 0; i < w.length; i++) {
            float gi = g[i] + weightDecay * w[i];
            mi[i] = beta1 * mi[i] + (1 - beta1) * gi;
            vi[i] = beta2 * vi[i] + (1 - beta2) * gi * gi;
            // torch: denom = sqrt(v) / sqrt(bias_correction2) + eps; w -= (lr / bias_correction1) * m / denom
            double denom = Math.sqrt(vi[i]) / c2Sqrt + eps;
            w[i] = (float) (w[i] - stepSize * mi[i] / denom);
        }
    }
}
