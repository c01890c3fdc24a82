package org.xai4j.engine.backend.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The rule of {@link CpuFeatures}: every Vector API kernel uses the preferred float species and no
 * other, because a second float species in the JVM makes JDK 17's C2 compile some kernels on boxed
 * vectors (10x slower, depending on which kernel ran first).
 */
class OneFloatSpeciesTest {
    /** Every class of the engine that holds vector species (simple names: this package). */
    private static final String[] KERNELS = {"VectorMicroKernel", "VectorElementwise", "VectorExp",
        "WinogradConvolution", "TransposedPackedGemm", "DirectConvolution", "org.xai4j.engine.random.VectorPhiloxBlocks"};

    @Test
    void everyFloatSpeciesIsThePreferredOne() throws Exception {
        Assumptions.assumeTrue(CpuFeatures.vectorModulePresent(), "jdk.incubator.vector not loaded");
        Class<?> floatVector = Class.forName("jdk.incubator.vector.FloatVector");
        Object preferred = floatVector.getField("SPECIES_PREFERRED").get(null);
        Class<?> speciesType = Class.forName("jdk.incubator.vector.VectorSpecies");
        List<String> seen = new ArrayList<>();
        for (String name : KERNELS) {
            Class<?> cls = Class.forName(name.contains(".") ? name : "org.xai4j.engine.backend.cpu." + name);
            for (Field f : cls.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers()) || !speciesType.isAssignableFrom(f.getType())) continue;
                f.setAccessible(true);
                Object species = f.get(null);
                Object elementType = speciesType.getMethod("elementType").invoke(species);
                if (elementType != float.class) continue;
                assertEquals(preferred, species, name + "." + f.getName() + " is not FloatVector.SPECIES_PREFERRED");
                seen.add(name + "." + f.getName());
            }
        }
        assertTrue(seen.size() >= KERNELS.length, "species fields found: " + seen);
    }
}
