package org.xai4j.engine.nn;

import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.ShapeException;
import org.xai4j.engine.tensor.Tensor;

/**
 * Training losses, mean over the batch, built from differentiable ops (so their gradients come from the
 * ops' rules). Semantics as PyTorch's functional losses with reduction='mean'.
 */
public final class Losses {
    private Losses() {}

    /** mean((prediction - target)^2). */
    public static Tensor mse(Tensor prediction, Tensor target) {
        same("mse", prediction, target);
        Tensor d = Ops.sub(prediction, target);
        return Ops.mean(Ops.mul(d, d), false, all(d));
    }

    /** -mean_r log softmax(logits)[r, t_r] (F.cross_entropy), via log-softmax for stability. */
    public static Tensor crossEntropy(Tensor logits, int[] targets) {
        if (logits.dim() != 2 || logits.size(0) != targets.length) {
            throw new ShapeException("crossEntropy: logits " + Shape.str(logits.shape()) + " for " + targets.length + " targets");
        }
        return Ops.neg(Ops.mean(Ops.pickTargets(Ops.logSoftmax(logits, 1), targets), false, 0));
    }

    /**
     * mean(max(z, 0) - z y + log(1 + e^-|z|)) (F.binary_cross_entropy_with_logits): the stable form of
     * -[y log sigmoid(z) + (1 - y) log(1 - sigmoid(z))].
     */
    public static Tensor binaryCrossEntropyWithLogits(Tensor logits, Tensor target) {
        same("binaryCrossEntropyWithLogits", logits, target);
        Tensor softplusNegAbs = Ops.log(Ops.addScalar(Ops.exp(Ops.neg(Ops.abs(logits))), 1f));
        Tensor l = Ops.add(Ops.sub(Ops.relu(logits), Ops.mul(logits, target)), softplusNegAbs);
        return Ops.mean(l, false, all(l));
    }

    /** -mean(y log p + (1 - y) log(1 - p)) with each log clamped at -100, as F.binary_cross_entropy. */
    public static Tensor binaryCrossEntropy(Tensor probability, Tensor target) {
        same("binaryCrossEntropy", probability, target);
        Tensor logP = Ops.clip(Ops.log(probability), -100f, Float.MAX_VALUE);
        Tensor log1mP = Ops.clip(Ops.log(Ops.affine(probability, -1f, 1f)), -100f, Float.MAX_VALUE);
        Tensor l = Ops.add(Ops.mul(target, logP), Ops.mul(Ops.affine(target, -1f, 1f), log1mP));
        return Ops.neg(Ops.mean(l, false, all(l)));
    }

    /**
     * Gaussian negative log-likelihood of a mean and log-variance head, mean of
     * 0.5 (log s^2 + (y - mu)^2 / s^2), the constant dropped (Nix and Weigend 1994; Kendall and Gal,
     * NeurIPS 2017, eq. 5). Predicting log-variance keeps the variance positive without a clamp.
     */
    public static Tensor gaussianNll(Tensor mean, Tensor logVariance, Tensor target) {
        same("gaussianNll", mean, target);
        same("gaussianNll", logVariance, target);
        Tensor d = Ops.sub(target, mean);
        Tensor l = Ops.scale(Ops.add(logVariance, Ops.mul(Ops.mul(d, d), Ops.exp(Ops.neg(logVariance)))), 0.5f);
        return Ops.mean(l, false, all(l));
    }

    private static void same(String loss, Tensor a, Tensor b) {
        if (!Shape.same(a.shape(), b.shape())) {
            throw new ShapeException(loss + ": prediction " + Shape.str(a.shape()) + " and target " + Shape.str(b.shape()) + " differ");
        }
    }

    private static int[] all(Tensor t) {
        int[] ax = new int[t.dim()];
        for (int i = 0; i < ax.length; i++) ax[i] = i;
        return ax;
    }
}
