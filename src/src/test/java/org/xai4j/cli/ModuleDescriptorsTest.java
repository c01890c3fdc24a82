package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The engine's and explain's module descriptors, as an embedder on the module path (or jlink) sees them:
 * the two modules with EJML's jars resolve against the JDK, the API is exported, and a class of it loads
 * and runs (a model loads and predicts) inside a module layer built from them alone.
 */
class ModuleDescriptorsTest {
    private static Path jarOf(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void theModulesResolveAndTheApiRunsInTheirOwnLayer() throws Exception {
        List<Path> paths = new ArrayList<>();
        for (Class<?> c : List.of(org.xai4j.api.Model.class, org.xai4j.engine.tensor.Tensor.class,
                org.ejml.dense.row.CommonOps_DDRM.class, org.ejml.data.DMatrixRMaj.class)) {
            Path p = jarOf(c);
            if (!paths.contains(p)) paths.add(p);
        }
        ModuleFinder finder = ModuleFinder.of(paths.toArray(Path[]::new));
        ModuleDescriptor explain = finder.find("org.xai4j.explain").orElseThrow().descriptor();
        ModuleDescriptor engine = finder.find("org.xai4j.engine").orElseThrow().descriptor();
        assertTrue(!explain.isAutomatic() && !engine.isAutomatic(), "both have a module-info");
        assertTrue(explain.exports().stream().anyMatch(e -> e.source().equals("org.xai4j.api")), "the API is exported");
        assertTrue(engine.requires().stream().noneMatch(r -> r.name().startsWith("ejml")), "the engine needs no EJML at run time");

        Configuration cf = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(), Set.of("org.xai4j.explain"));
        ModuleLayer layer = ModuleLayer.boot().defineModulesWithOneLoader(cf, ClassLoader.getPlatformClassLoader());
        ClassLoader loader = layer.findLoader("org.xai4j.explain");
        Class<?> model = loader.loadClass("org.xai4j.api.Model");
        assertEquals("org.xai4j.explain", model.getModule().getName(), "loaded from the module, not the class path");
        Object m = model.getMethod("load", Path.class).invoke(null, CliRunner.example("model.onnx"));
        assertEquals(model, m.getClass());
    }
}
