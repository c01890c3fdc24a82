/**
 * Gradient-based attribution methods, one class per method, each an
 * {@link org.xai4j.explain.AttributionMethod} configured by its {@code Options} record (fields map 1:1
 * to the {@code xai explain} options): {@link org.xai4j.explain.gradient.Saliency},
 * {@link org.xai4j.explain.gradient.InputXGradient}, {@link org.xai4j.explain.gradient.IntegratedGradients},
 * {@link org.xai4j.explain.gradient.NoiseTunnel}, {@link org.xai4j.explain.gradient.GuidedBackprop},
 * {@link org.xai4j.explain.gradient.Deconvolution}, {@link org.xai4j.explain.gradient.DeepLift},
 * {@link org.xai4j.explain.gradient.GradientShap}, {@link org.xai4j.explain.gradient.LayerGradCam},
 * {@link org.xai4j.explain.gradient.GradCamPlusPlus}, {@link org.xai4j.explain.gradient.GuidedGradCam},
 * {@link org.xai4j.explain.gradient.Cam}, and {@link org.xai4j.explain.gradient.LayerSelection} for
 * {@code --layer auto}.
 *
 * <p>Semantics follow Captum 0.7 (checked against its numbers in the tests). Every method evaluates the
 * model on chunks of at most {@code batchSize} inputs, and each row's result depends on that row alone
 * (random numbers are addressed by row, sample and element), so results are identical for any batch size.
 */
package org.xai4j.explain.gradient;
