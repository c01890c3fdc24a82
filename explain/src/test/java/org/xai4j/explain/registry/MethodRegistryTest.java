package org.xai4j.explain.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.xai4j.explain.AttributionMethod;
import org.xai4j.explain.gradient.ConvergenceDeltaMethod;
import org.xai4j.explain.gradient.DeepLift;
import org.xai4j.explain.gradient.GradientShap;
import org.xai4j.explain.gradient.IntegratedGradients;
import org.xai4j.explain.gradient.NoiseTunnel;
import org.xai4j.explain.gradient.Saliency;

/** The registry: names, defaults from each method's Options.defaults(), extras, required options. */
class MethodRegistryTest {
    private static final MethodArguments.Given NOTHING = new MethodArguments.Given() {
        @Override
        public <T> T value(MethodOption<T> option) {
            return null;
        }
    };

    /** Methods that cannot be built with no option at all: cam (it reads the model) and those with a required option. */
    private static boolean needsMore(MethodSpec s) {
        return s.name().equals("cam") || s.params().stream().anyMatch(p -> p.required() != null);
    }

    @Test
    void everyMethodIsNamedAsItsClassSaysInKebabCase() {
        for (MethodSpec s : MethodRegistry.all()) {
            assertTrue(s.name().matches("[a-z]+(-[a-z]+)*"), s.name());
            if (needsMore(s)) continue;
            AttributionMethod m = s.create(NOTHING, null, null);
            // a noise tunnel names itself after its type; every other method by its registered name
            assertEquals(s.name(), m.name(), s.name());
        }
    }

    @Test
    void defaultsAreTheMethodsOwn() {
        assertEquals(IntegratedGradients.Options.defaults(),
                ((IntegratedGradients) MethodRegistry.get("integrated-gradients").create(NOTHING, null, null)).options());
        assertEquals(Saliency.Options.defaults(), ((Saliency) MethodRegistry.get("saliency").create(NOTHING, null, null)).options());
        assertEquals(DeepLift.Options.defaults(), ((DeepLift) MethodRegistry.get("deeplift").create(NOTHING, null, null)).options());
        assertEquals(GradientShap.Options.defaults(),
                ((GradientShap) MethodRegistry.get("gradient-shap").create(NOTHING, null, null)).options());
        assertEquals(NoiseTunnel.Options.defaults(), ((NoiseTunnel) MethodRegistry.get("smoothgrad").create(NOTHING, null, null)).options());
        assertEquals(50, MethodRegistry.get("integrated-gradients").param(MethodOptions.STEPS).defaultValue());
        assertEquals("50", MethodRegistry.get("integrated-gradients").param(MethodOptions.STEPS).defaultText());
    }

    @Test
    void givenValuesReachTheMethod() {
        Map<MethodOption<?>, Object> values = Map.of(MethodOptions.STEPS, 7, MethodOptions.BATCH_SIZE, 3);
        MethodArguments.Given given = new MethodArguments.Given() {
            @Override
            public <T> T value(MethodOption<T> option) {
                return option.type().cast(values.get(option));
            }
        };
        IntegratedGradients ig = (IntegratedGradients) MethodRegistry.get("integrated-gradients").create(given, null, null);
        assertEquals(7, ig.options().steps());
        assertEquals(3, ig.options().batchSize());
    }

    @Test
    void methodsWithADeltaDeclareItAndImplementIt() {
        for (MethodSpec s : MethodRegistry.all()) {
            if (needsMore(s)) continue;
            boolean implemented = s.create(NOTHING, null, null) instanceof ConvergenceDeltaMethod;
            assertEquals(implemented, s.has(MethodExtra.CONVERGENCE_DELTA), s.name());
        }
        assertTrue(MethodRegistry.get("deeplift").has(MethodExtra.CONVERGENCE_DELTA));
        assertTrue(MethodRegistry.acceptedFlags(MethodRegistry.get("deeplift"), null).contains("--delta-out"));
        // a noise tunnel over integrated-gradients takes IG's options, but has no delta of its own
        Set<String> tunnel = MethodRegistry.acceptedFlags(MethodRegistry.get("smoothgrad"), "integrated-gradients");
        assertTrue(tunnel.contains("--steps"));
        assertTrue(!tunnel.contains("--delta-out"));
    }

    @Test
    void requiredOptionsAndUnknownNamesAreRefusedNamingTheOption() {
        OptionValueException e = assertThrows(OptionValueException.class,
                () -> MethodRegistry.get("occlusion").create(NOTHING, null, null));
        assertEquals("--window", e.flag());
        assertEquals("occlusion needs --window (one size per non-batch axis, e.g. 3,8,8)", e.getMessage());
        OptionValueException n = assertThrows(OptionValueException.class,
                () -> MethodRegistry.get("neuron-gradient").create(NOTHING, null, null));
        assertEquals("neuron-gradient needs --neuron-layer NAME (a tensor of xai layers)", n.getMessage());
        OptionValueException u = assertThrows(OptionValueException.class, () -> MethodRegistry.get("lrp-typo"));
        assertEquals("--method", u.flag());
        OptionValueException b = assertThrows(OptionValueException.class, () -> MethodRegistry.noiseBase("occlusion"));
        assertEquals("--base-method", b.flag());
        assertNotNull(MethodRegistry.find("grad-cam-plus-plus"));
        // layer-grad-cam is Captum's name for grad-cam: the same registration
        assertEquals(MethodRegistry.get("grad-cam"), MethodRegistry.get("layer-grad-cam"));
        assertEquals(java.util.List.of("layer-grad-cam"), MethodRegistry.aliasesOf("grad-cam"));
        assertInstanceOf(Saliency.class, MethodRegistry.noiseBase(null).create(NOTHING, null, null));
    }
}
