/**
 * What input a model scores highest: greedy mutation over a discrete alphabet (the DeepChem book's
 * transcription-factor design loop), its gradient-guided variant, in-silico mutagenesis, and activation
 * maximization for continuous inputs (Simonyan et al. 2013).
 */
package org.xai4j.explain.optimize;
