package org.xai4j.explain.dataset;

/**
 * Permutation importances of each feature.
 *
 * @param baselineScore the metric on the unpermuted data
 * @param features      the feature labels (the mask's labels, or element indices), in increasing order
 * @param importances   per feature, per repeat: the score lost by permuting it (baseline − permuted for
 *                      accuracy and r2, permuted − baseline for logloss and mse)
 * @param mean          per feature, the mean over repeats
 * @param std           per feature, the population standard deviation over repeats (numpy's std, as scikit-learn)
 */
public record PermutationImportanceResult(double baselineScore, int[] features, double[][] importances, double[] mean, double[] std) {}
