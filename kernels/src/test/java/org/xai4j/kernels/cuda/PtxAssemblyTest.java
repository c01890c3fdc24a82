package org.xai4j.kernels.cuda;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every PTX module the build produced assembles for Turing (sm_75, the oldest target) and Hopper (sm_90)
 * with the toolkit's ptxas, and holds every entry the backend launches: what can be checked of the
 * kernels without a GPU.
 */
class PtxAssemblyTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> modulesAndArchitectures() {
        return PtxResources.modules().stream().flatMap(m -> Stream.of(Arguments.of(m, "sm_75"), Arguments.of(m, "sm_90")));
    }

    @ParameterizedTest(name = "{0}.ptx assembles for {1}")
    @MethodSource("modulesAndArchitectures")
    void assembles(String module, String arch) throws Exception {
        assumeTrue(PtxResources.complete(), "no PTX in this build: " + PtxResources.MISSING);
        Path ptxas = ExternalTool.find("ptxas").orElse(null);
        assumeTrue(ptxas != null, "ptxas not found on PATH or under $CUDA_HOME/bin");
        Path ptx = tmp.resolve(module + ".ptx");
        Files.writeString(ptx, PtxResources.text(module));
        Path cubin = tmp.resolve(module + "." + arch + ".cubin");
        var r = ExternalTool.run(List.of(ptxas.toString(), "-arch=" + arch, "-o", cubin.toString(), ptx.toString()), null);
        assertEquals(0, r.exitCode(), "ptxas -arch=" + arch + " " + module + ".ptx:\n" + r.output());
        // an ELF image with code in it (a cubin of a module with kernels is several KB)
        byte[] elf = Files.readAllBytes(cubin);
        assertTrue(elf.length > 1024, module + "." + arch + ".cubin has " + elf.length + " bytes");
        assertEquals(0x7f, elf[0]);
        assertEquals('E', elf[1]);
    }

    @Test
    void everyLaunchedKernelIsAnEntryOfItsModule() {
        assumeTrue(PtxResources.complete(), "no PTX in this build: " + PtxResources.MISSING);
        int found = 0;
        for (Kernel k : Kernel.values()) {
            Matcher m = Pattern.compile("\\.entry\\s+" + Pattern.quote(k.entry()) + "\\s*\\(").matcher(PtxResources.text(k.module()));
            assertTrue(m.find(), k + ": no .entry " + k.entry() + " in " + k.module() + ".ptx");
            found++;
        }
        assertEquals(Kernel.values().length, found);
    }
}
