/**
 * The public Java API for embedding explanations: load a {@link org.xai4j.api.Model} once, build
 * {@link org.xai4j.api.Inputs} from arrays or files (CSV, images, FASTA, .npy), pick a
 * {@link org.xai4j.api.Method} by its Captum name with Captum's defaults, and
 * {@link org.xai4j.api.Method#attribute attribute}: an {@link org.xai4j.api.Attribution} with its shape, its
 * float32 values and the method's extras. The numbers are those {@code xai explain} writes.
 *
 * <pre>{@code
 * Model model = Model.load(Path.of("examples/blobs/model.onnx"));
 * Attribution a = Method.named("integrated-gradients").attribute(model, Inputs.npy(Path.of("examples/blobs/input.npy")));
 * float[] delta = a.convergenceDelta();
 * }</pre>
 *
 * <p>Errors are typed ({@link org.xai4j.api.XaiException} and its subclasses, carrying the file, node,
 * tensor or option at fault); nothing prints or exits. Long runs are followed and stopped through a
 * {@link org.xai4j.api.RunControl}. Models and methods are immutable and may be shared by threads.
 */
package org.xai4j.api;
