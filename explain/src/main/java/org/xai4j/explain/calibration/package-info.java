/**
 * Whether predicted uncertainties can be trusted on held-out data: Gaussian coverage, NLL and
 * miscalibration area for regression, ECE, Brier and reliability tables for classification (Guo et al.,
 * ICML 2017), and split-conformal intervals with a finite-sample coverage guarantee (Vovk et al. 2005;
 * Lei et al., JASA 2018).
 */
package org.xai4j.explain.calibration;
