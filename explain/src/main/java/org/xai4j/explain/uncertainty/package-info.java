/**
 * How far to trust a prediction: MC dropout (Gal and Ghahramani, ICML 2016), a learned variance head
 * (Kendall and Gal, NeurIPS 2017) and deep ensembles (Lakshminarayanan et al., NeurIPS 2017), with the
 * total predictive variance split into its epistemic and aleatoric parts (Kendall and Gal eq. 9).
 */
package org.xai4j.explain.uncertainty;
