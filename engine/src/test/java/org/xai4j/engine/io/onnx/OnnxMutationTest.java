package org.xai4j.engine.io.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.io.onnx.importer.OnnxImportException;
import org.xai4j.engine.tensor.Tensor;

/**
 * Hundreds of truncated and bit-flipped copies of the reference models: each loads (and runs) or is
 * refused with a one-line message that starts with the file name, never another exception type.
 */
class OnnxMutationTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS) // a hang fails; speed is the benchmarks' business
    void mutatedModelsFailCleanly() throws IOException {
        Random rnd = new Random(20261124);
        int refused = 0, loaded = 0;
        for (String name : List.of("iris_mlp", "dna_cnn", "image_cnn", "mc_dropout_mlp")) {
            byte[] original = Files.readAllBytes(OnnxModelLoaderTest.resource(name + ".onnx"));
            int[] inputShape = switch (name) {
                case "iris_mlp" -> new int[] {2, 4};
                case "dna_cnn" -> new int[] {2, 4, 101};
                case "image_cnn" -> new int[] {2, 3, 32, 32};
                default -> new int[] {2, 8};
            };
            for (int trial = 0; trial < 80; trial++) {
                byte[] bytes;
                if (trial % 4 == 0) {
                    bytes = java.util.Arrays.copyOf(original, rnd.nextInt(original.length));
                } else {
                    bytes = original.clone();
                    int flips = 1 + rnd.nextInt(trial % 4 == 3 ? 16 : 3);
                    for (int f = 0; f < flips; f++) bytes[rnd.nextInt(bytes.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
                Path file = dir.resolve("mutant.onnx");
                Files.write(file, bytes);
                try {
                    OnnxGraphModel m = OnnxModelLoader.load(file);
                    loaded++;
                    try (GradMode.Scope g = GradMode.noGrad()) {
                        m.forward(Tensor.zeros(inputShape));
                    } catch (OnnxImportException e) {
                        assertClean(e);
                    }
                } catch (OnnxFormatException | OnnxImportException e) {
                    refused++;
                    assertClean(e);
                } catch (RuntimeException | Error e) {
                    fail(name + " trial " + trial + ": unexpected " + e + " at " + java.util.Arrays.toString(java.util.Arrays.copyOf(e.getStackTrace(), 4)));
                }
            }
        }
        assertEquals(320, refused + loaded);
        assertTrue(refused > 150, "most mutants should be refused, got " + refused);
    }

    private static void assertClean(Exception e) {
        String msg = e.getMessage();
        assertTrue(msg.startsWith("mutant.onnx: "), msg);
        assertFalse(msg.contains("\n"), msg);
    }

    @Test
    void unknownLengthDelimitedFieldsAreSkipped() throws IOException {
        // a graph input of optional(sequence(tensor)) type: the reader must skip the type it does not model
        OnnxModel m = OnnxReader.read(OnnxModelLoaderTest.resource("conformance/optional_input.onnx"));
        assertEquals("opt_in", m.graph().inputs().get(0).name());
        assertEquals("opt_out", m.graph().outputs().get(0).name());
    }
}
