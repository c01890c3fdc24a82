package org.xai4j.engine.io.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.nn.ActivationOverride;
import org.xai4j.engine.nn.Activations;
import org.xai4j.engine.nn.RunOptions;
import org.xai4j.engine.tensor.Tensor;

/**
 * Scoped replacement of a named value in an ONNX run (what Captum does with a forward hook), on the
 * miniature ResNet whose Conv + Relu pairs the plain forward fuses: the replacement reaches every reader
 * of the value, the fused path is not taken while an override is in force, and nothing leaks out of the scope.
 */
class ActivationOverrideTest {
    private static OnnxGraphModel model() throws IOException {
        return OnnxModelLoader.load(OnnxModelLoaderTest.resource("residual/residual.onnx"));
    }

    /** The last Relu output of the graph (a value the fused forward never materializes). */
    private static String lastRelu(OnnxGraphModel m) {
        String found = null;
        for (OnnxNode n : m.nodes()) if (n.opType().equals("Relu")) found = n.outputs().get(0);
        return found;
    }

    @Test
    void identityReplacementKeepsTheBitsAndZerosChangeEveryReader() throws IOException {
        OnnxGraphModel m = model();
        Tensor x = OnnxModelLoaderTest.npy("residual/input.npy");
        String relu = lastRelu(m);
        float[] plain = m.forward(x).toArray();
        try (ActivationOverride o = ActivationOverride.replace(relu, h -> h)) {
            assertArrayEquals(plain, m.forward(x).toArray());
            assertTrue(o.applied());
        }
        Activations zeroed;
        try (ActivationOverride o = ActivationOverride.replace(relu, h -> Tensor.zeros(h.shape()))) {
            zeroed = m.run(List.of(x), RunOptions.INFERENCE);
            assertTrue(o.applied());
        }
        for (float v : zeroed.get(relu).toArray()) assertEquals(0f, v);
        assertFalse(java.util.Arrays.equals(plain, zeroed.output(0).toArray()), "the zeros reached the output");
        // out of the scope the model runs as before
        assertArrayEquals(plain, m.forward(x).toArray());
        assertFalse(ActivationOverride.active());
    }

    /**
     * A fixed replacement gives the numbers a function replacement gives, and the nodes that only led to
     * it are not run: their values are absent. Inside the stride-2 block the shortcut still reads the first
     * block's output, so that (and the stem) is computed; fixing the first block's output skips the stem.
     */
    @Test
    void aFixedReplacementSkipsWhatOnlyItNeededAndKeepsShortcuts() throws IOException {
        OnnxGraphModel m = model();
        Tensor x = OnnxModelLoaderTest.npy("residual/input.npy");
        for (String fixedName : List.of("/b2/Relu_output_0", "/b1/Relu_1_output_0")) {
            int[] shape = m.run(List.of(x), RunOptions.INFERENCE).get(fixedName).shape();
            Tensor value = Tensor.zeros(shape);
            float[] v = value.data();
            for (int i = 0; i < v.length; i++) v[i] = (float) Math.sin(0.37 * i) + 0.5f;
            Activations byFunction;
            try (ActivationOverride o = ActivationOverride.replace(fixedName, h -> value)) {
                byFunction = m.run(List.of(x), RunOptions.INFERENCE);
            }
            Activations fixed;
            try (ActivationOverride o = ActivationOverride.replaceWith(fixedName, value)) {
                assertEquals(java.util.Set.of(fixedName), ActivationOverride.fixedNames());
                fixed = m.run(List.of(x), RunOptions.INFERENCE);
                assertTrue(o.applied());
            }
            assertArrayEquals(byFunction.output(0).toArray(), fixed.output(0).toArray(), fixedName);
            assertArrayEquals(v, fixed.get(fixedName).toArray());
            boolean inBlock2 = fixedName.startsWith("/b2");
            assertFalse(fixed.contains(inBlock2 ? "/b2/conv1/Conv_output_0" : "/b1/conv2/Conv_output_0"), "skipped");
            assertEquals(inBlock2, fixed.contains("/stem/Conv_output_0"), "the shortcut's inputs are computed");
            assertTrue(fixed.contains("/b2/down/Conv_output_0"), "the shortcut after the fixed value is computed");
        }
        // a function override of the same name made later shadows the fixed one
        try (ActivationOverride outer = ActivationOverride.replaceWith("/b2/Relu_output_0", Tensor.zeros(1));
             ActivationOverride inner = ActivationOverride.replace("/b2/Relu_output_0", h -> h)) {
            assertTrue(ActivationOverride.fixedNames().isEmpty());
            assertArrayEquals(m.forward(x).toArray(), m.run(List.of(x), RunOptions.INFERENCE).output(0).toArray());
        }
    }

    @Test
    void aNameNoNodeComputesIsNeverApplied() throws IOException {
        OnnxGraphModel m = model();
        Tensor x = OnnxModelLoaderTest.npy("residual/input.npy");
        try (ActivationOverride o = ActivationOverride.replace("no such value", h -> h)) {
            m.forward(x);
            assertFalse(o.applied());
        }
    }

    @Test
    void scopesCloseInOrder() {
        ActivationOverride outer = ActivationOverride.replace("a", h -> h);
        ActivationOverride inner = ActivationOverride.replace("b", h -> h);
        assertThrows(IllegalStateException.class, outer::close);
        inner.close();
        outer.close();
        assertFalse(ActivationOverride.active());
    }
}
