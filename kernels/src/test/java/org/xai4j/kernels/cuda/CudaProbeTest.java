package org.xai4j.kernels.cuda;

import org.junit.jupiter.api.Test;
import org.xai4j.engine.backend.Backends;
import org.xai4j.engine.tensor.Device;
import org.xai4j.engine.tensor.Tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The backend's loading code where CUDA is not usable: one line saying why, everywhere it shows. */
class CudaProbeTest {
    private static final String NO_DRIVER = "no libcuda.so.1 (the NVIDIA driver is not installed)";

    @Test
    void aMissingDriverLibraryIsNamedInOneLine() {
        // the shape of JCuda's error when libJCudaDriver cannot find libcuda.so.1 (JCuda 12.6.0, Linux)
        var e = new UnsatisfiedLinkError("Error while loading native library \"JCudaDriver-12.6.0-linux-x86_64\"\n"
                + "Stack trace from the attempt to load the library as a resource:\n"
                + "java.lang.UnsatisfiedLinkError: /tmp/libJCudaDriver-12.6.0-linux-x86_64.so: libcuda.so.1: cannot open shared object file: No such file or directory");
        assertEquals(NO_DRIVER, CudaProbe.reasonFor(e, "the NVIDIA driver"));
        var cublas = new UnsatisfiedLinkError("/tmp/libJCublas2-12.6.0-linux-x86_64.so: libcublas.so.12: cannot open shared object file");
        assertEquals("no libcublas.so.12 (cuBLAS 12 is not installed)", CudaProbe.reasonFor(cublas, "cuBLAS 12"));
        assertEquals("IllegalStateException: out of memory", CudaProbe.reasonFor(new IllegalStateException("out of memory\nmore"), "x"));
    }

    @Test
    void withoutTheDriverCudaIsReportedUnusableAndRefusedByName() {
        CudaStatus s = CudaProbe.status();
        assumeFalse(s.usable(), "a GPU is usable here, so the missing-driver path cannot be exercised");
        assumeTrue(PtxResources.complete(), "no PTX in this build: " + PtxResources.MISSING);
        assumeFalse(java.nio.file.Files.exists(java.nio.file.Path.of("/usr/lib/x86_64-linux-gnu/libcuda.so.1")),
                "libcuda.so.1 is installed but no GPU is usable: " + s.reason());
        assertEquals(NO_DRIVER, s.reason());
        assertTrue(s.gpus().isEmpty());
        assertEquals("not usable: " + NO_DRIVER, s.describe());
        assertFalse(Backends.available().contains("cuda"));
        assertEquals(java.util.List.of("cuda: not usable: " + NO_DRIVER), Backends.describeProviders());
        Tensor x = Tensor.of(new float[] {1, 2}, 2);
        var e = assertThrows(IllegalStateException.class, () -> x.to(Device.cuda(0)));
        assertEquals("device cuda:0: " + NO_DRIVER, e.getMessage());
    }

    @Test
    void poolSizeClassesArePowersOfTwoThenMultiplesOfTwoMebibytes() {
        assertEquals(256, DevicePool.sizeClass(1));
        assertEquals(1024, DevicePool.sizeClass(1000));
        assertEquals(1024, DevicePool.sizeClass(1024));
        assertEquals(1 << 20, DevicePool.sizeClass(1 << 20));
        assertEquals(2 << 20, DevicePool.sizeClass((1 << 20) + 1));
        assertEquals(6 << 20, DevicePool.sizeClass(5L << 20));
    }

    @Test
    void stridedStructIsPackedAsCommonCuhDeclaresIt() {
        int[] s = CudaBackend.strided(new int[] {2, 3}, new int[] {3, 1}, new int[] {0, 1});
        assertEquals(1 + 3 * 8, s.length);
        assertEquals(2, s[0]);
        assertArrayEquals(new int[] {2, 3}, java.util.Arrays.copyOfRange(s, 1, 3));
        assertArrayEquals(new int[] {3, 1}, java.util.Arrays.copyOfRange(s, 9, 11));
        assertArrayEquals(new int[] {0, 1}, java.util.Arrays.copyOfRange(s, 17, 19));
    }
}
