package org.xai4j.engine.nn;

import java.util.List;

/**
 * Stochastic gradient descent with momentum, as torch.optim.SGD: g += wd w; b = mu b + (1 - dampening) g
 * (b = g on the first step); g = nesterov ? g + mu b : b; w -= lr g.
 */
public final class Sgd extends Optimizer {
    private final float lr, momentum, dampening, weightDecay;
    private final boolean nesterov;
    private final float[][] buffers;

    public Sgd(List<Parameter> parameters, float lr, float momentum, float dampening, float weightDecay, boolean nesterov) {
        super(parameters);
        if (!(lr > 0) || momentum < 0 || weightDecay < 0) {
            throw new IllegalArgumentException("SGD needs lr > 0, momentum >= 0, weight decay >= 0; got " + lr + ", " + momentum + ", " + weightDecay);
        }
        if (nesterov && (momentum <= 0 || dampening != 0)) throw new IllegalArgumentException("Nesterov momentum requires momentum > 0 and zero dampening");
        this.lr = lr;
        this.momentum = momentum;
        this.dampening = dampening;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        this.buffers = new float[parameters.size()][];
    }

    public Sgd(List<Parameter> parameters, float lr, float momentum) {
        this(parameters, lr, momentum, 0f, 0f, false);
    }

    @Override
    protected void update(int index, float[] w, float[] g) {
        float[] b = buffers[index];
        boolean first = b == null;
        if (momentum != 0 && first) b = buffers[index] = new float[w.length];
        for (int i = 0; i < w.length; i++) {
            float gi = g[i] + weightDecay * w[i];
            if (momentum != 0) {
                b[i] = first ? gi : momentum * b[i] + (1 - dampening) * gi;
                gi = nesterov ? gi + momentum * b[i] : b[i];
            }
            w[i] -= lr * gi;
        }
    }
}
