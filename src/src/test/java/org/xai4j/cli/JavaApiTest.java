package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.api.Attribution;
import org.xai4j.api.InputException;
import org.xai4j.api.Inputs;
import org.xai4j.api.Method;
import org.xai4j.api.Model;
import org.xai4j.api.ModelException;
import org.xai4j.api.OptionException;
import org.xai4j.api.RunControl;
import org.xai4j.api.RunStoppedException;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.gradient.DeepLiftShap;
import org.xai4j.explain.gradient.IntegratedGradients;
import org.xai4j.explain.gradient.LayerGradCam;
import org.xai4j.explain.gradient.NoiseTunnel;
import org.xai4j.explain.shapley.KernelShap;
import org.xai4j.explain.shapley.ShapleyValues;
import org.xai4j.explain.registry.MethodExtra;
import org.xai4j.explain.registry.MethodOptions;

/**
 * The public Java API (issue 16): integrated gradients' completeness through it, the typed exceptions and
 * the facts they carry, the readers, and the progress, cancellation and deadline hooks between passes.
 */
class JavaApiTest {
    @TempDir
    Path tmp;

    private static final Path BLOBS = CliRunner.example("model.onnx"), BLOBS_INPUT = CliRunner.example("input.npy");

    @Test
    void integratedGradientsAddUpToTheScoreDifferenceMinusTheDelta() {
        Model model = Model.load(BLOBS);
        Inputs rows = Inputs.npy(BLOBS_INPUT);
        Attribution ig = Method.named("integrated-gradients").attribute(model, rows);
        assertArrayEquals(new int[] {8, 4}, ig.shape());
        assertEquals(java.util.Set.of(MethodExtra.CONVERGENCE_DELTA), ig.extras());
        // Σ attr − (f_t(x) − f_t(0)) computed here in float64 from the model's outputs is the delta returned
        float[] a = ig.data(), delta = ig.convergenceDelta();
        int[] t = ig.targets();
        float[] fx, f0;
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            fx = model.graph().forward(Tensor.of(rows.data(), rows.shape())).contiguous().toArray();
            f0 = model.graph().forward(Tensor.zeros(8, 4)).contiguous().toArray();
        }
        int classes = fx.length / 8;
        for (int r = 0; r < 8; r++) {
            double sum = 0;
            for (int j = 0; j < 4; j++) sum += a[r * 4 + j];
            double expected = sum - (fx[r * classes + t[r]] - f0[r * classes + t[r]]);
            assertEquals(expected, delta[r], 1e-5, "row " + r);
            assertTrue(Math.abs(delta[r]) < 0.1, "row " + r + " delta " + delta[r]); // 50 Gauss-Legendre steps on large logits
        }
        // Captum's defaults: 50 steps, gausslegendre, zeros
        Method m = Method.named("integrated-gradients");
        assertEquals(50, m.get(MethodOptions.STEPS));
        assertEquals(64, m.get(MethodOptions.BATCH_SIZE));
        assertNull(Method.named("saliency").attribute(model, rows).convergenceDelta());
    }

    @Test
    void methodsArePickedByCaptumClassToo() {
        assertEquals("integrated-gradients", Method.of(IntegratedGradients.class).name());
        assertEquals("deeplift-shap", Method.of(DeepLiftShap.class).name());
        assertEquals("shapley-exact", Method.of(ShapleyValues.class).name());
        assertEquals("kernel-shap", Method.of(KernelShap.class).name());
        assertEquals("grad-cam", Method.of(LayerGradCam.class).name()); // layer-grad-cam is grad-cam's alias
        OptionException e = assertThrows(OptionException.class, () -> Method.of(NoiseTunnel.class));
        assertTrue(e.getMessage().contains("smoothgrad"), e.getMessage());
    }

    @Test
    void errorsAreTypedAndCarryTheFacts() throws Exception {
        OptionException unknown = assertThrows(OptionException.class, () -> Method.named("gradcam"));
        assertEquals("gradcam", unknown.method());
        assertNull(unknown.option());
        assertTrue(unknown.getMessage().contains("known: saliency"), unknown.getMessage());

        OptionException notTaken = assertThrows(OptionException.class, () -> Method.named("saliency").with(MethodOptions.STEPS, 10));
        assertEquals("--steps", notTaken.option());
        assertEquals("saliency does not take --steps; it takes --no-abs", notTaken.getMessage());

        Model model = Model.load(BLOBS);
        InputException shape = assertThrows(InputException.class,
                () -> Method.named("saliency").attribute(model, Inputs.of(new float[24], 8, 3)));
        assertEquals(model.inputNames().get(0), shape.tensor());
        assertEquals("[8,3]", shape.actual());
        assertTrue(shape.expected().endsWith(",4]"), shape.expected());

        OptionException required = assertThrows(OptionException.class,
                () -> Method.named("occlusion").attribute(model, Inputs.npy(BLOBS_INPUT)));
        assertEquals("--window", required.option());

        OptionException target = assertThrows(OptionException.class,
                () -> Method.named("saliency").attribute(model, Inputs.npy(BLOBS_INPUT), new int[] {7}));
        assertEquals("--target", target.option());

        Path notOnnx = tmp.resolve("model.onnx");
        Files.writeString(notOnnx, "not a model");
        ModelException bad = assertThrows(ModelException.class, () -> Model.load(notOnnx));
        assertEquals(notOnnx, bad.file());
        assertNull(bad.node());
        ModelException pow = assertThrows(ModelException.class, () -> Model.load(CliHostileModelsTest.hostile("pow_mlp.onnx")));
        assertEquals("'/1/Pow' (Pow)", pow.node());
        ModelException bytes = assertThrows(ModelException.class, () -> Model.load(new byte[] {1, 2, 3}));
        assertNull(bytes.file());

        Path csv = tmp.resolve("rows.csv");
        Files.writeString(csv, "a,b\n1,2\n3,x\n");
        InputException cell = assertThrows(InputException.class, () -> Inputs.csv(csv));
        assertEquals(csv, cell.file());
        assertTrue(cell.getMessage().contains("expected a number, got"), cell.getMessage());
        assertEquals("b", ((org.xai4j.engine.io.data.CsvFormatException) cell.getCause()).column());
        InputException nan = assertThrows(InputException.class, () -> Inputs.of(new float[] {1, Float.NaN}, 1, 2));
        assertEquals("NaN", nan.actual());
    }

    @Test
    void aModelFromBytesAndRowsFromCsvGiveTheNpyBits() throws Exception {
        Model fromBytes = Model.load(Files.readAllBytes(BLOBS));
        Inputs npy = Inputs.npy(BLOBS_INPUT);
        float[] v = npy.data();
        StringBuilder s = new StringBuilder("f0,f1,f2,f3\n");
        for (int r = 0; r < 8; r++) {
            for (int j = 0; j < 4; j++) s.append(j == 0 ? "" : ",").append(Float.toString(v[r * 4 + j]));
            s.append('\n');
        }
        Path csv = tmp.resolve("blobs.csv");
        Files.writeString(csv, s);
        Inputs fromCsv = Inputs.read(csv);
        assertEquals(List.of("f0", "f1", "f2", "f3"), fromCsv.featureNames());
        Attribution a = Method.named("deeplift").attribute(fromBytes, fromCsv);
        Attribution b = Method.named("deeplift").attribute(Model.load(BLOBS), npy);
        assertArrayEquals(b.data(), a.data(), 0f);
        assertArrayEquals(b.convergenceDelta(), a.convergenceDelta(), 0f);
        Inputs reordered = Inputs.csv(csv, "f3", "f0");
        assertArrayEquals(new int[] {8, 2}, reordered.shape());
        assertEquals(v[4 * 2 + 3], reordered.data()[2 * 2], 0f);
    }

    @Test
    void progressCountsEveryPassAndItsRows() {
        Model model = Model.load(BLOBS);
        List<long[]> seen = new ArrayList<>();
        Method ig = Method.named("integrated-gradients").with(MethodOptions.STEPS, 16).withBatchSize(8);
        Attribution withListener = ig.attribute(model, Inputs.npy(BLOBS_INPUT), null,
                RunControl.NONE.withProgress((passes, rows, elapsed) -> seen.add(new long[] {passes, rows})));
        // 8 rows × 16 steps = 128 path points, 8 per pass: at least 16 passes beside the targets' and the delta's
        assertTrue(seen.size() >= 17, "passes " + seen.size());
        long previousRows = 0;
        for (int k = 0; k < seen.size(); k++) {
            assertEquals(k + 1, seen.get(k)[0]);
            long pass = seen.get(k)[1] - previousRows;
            assertTrue(pass >= 1 && pass <= 8, "pass " + k + " has " + pass + " rows (batch size 8)");
            previousRows = seen.get(k)[1];
        }
        assertTrue(previousRows >= 8 * 16 + 8, "rows " + previousRows);
        // the listener changes nothing
        assertArrayEquals(ig.attribute(model, Inputs.npy(BLOBS_INPUT)).data(), withListener.data(), 0f);
    }

    @Test
    void aCancelledRunStopsBeforeItsNextPassAndTheModelStaysUsable() {
        Model model = Model.load(BLOBS);
        Inputs rows = Inputs.npy(BLOBS_INPUT);
        Method ig = Method.named("integrated-gradients").with(MethodOptions.STEPS, 16).withBatchSize(8);
        AtomicBoolean stop = new AtomicBoolean();
        RunControl control = RunControl.NONE.withCancellation(stop::get).withProgress((passes, r, elapsed) -> {
            if (passes == 3) stop.set(true);
        });
        RunStoppedException e = assertThrows(RunStoppedException.class, () -> ig.attribute(model, rows, null, control));
        assertEquals(RunStoppedException.Reason.CANCELLED, e.reason());
        assertEquals(3, e.passes());
        assertTrue(e.getMessage().startsWith("cancelled after 3 model passes"), e.getMessage());
        // nothing of the stopped run's hook stays on the thread
        assertArrayEquals(ig.attribute(model, rows).data(), ig.attribute(model, rows, null, RunControl.NONE).data(), 0f);
    }

    @Test
    void aRunPastItsDeadlineStops() {
        // a clock one second further on each time it is read: the run starts at 0 s, passes read 1 s, 2 s, 3 s
        AtomicLong seconds = new AtomicLong();
        Clock ticking = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochSecond(seconds.getAndIncrement());
            }
        };
        RunControl control = RunControl.NONE.withClock(ticking).withDeadline(Instant.ofEpochMilli(2500));
        RunStoppedException e = assertThrows(RunStoppedException.class,
                () -> Method.named("integrated-gradients").withBatchSize(8).attribute(Model.load(BLOBS), Inputs.npy(BLOBS_INPUT), null, control));
        assertEquals(RunStoppedException.Reason.DEADLINE, e.reason());
        assertEquals(2, e.passes());
        assertEquals(3, e.elapsed().getSeconds());
        assertEquals("deadline passed after 2 model passes in 3000 ms", e.getMessage().toLowerCase(Locale.ROOT));
    }

    @Test
    void fastaAndImagesComeWithTheirNamesAndNumbers() throws Exception {
        Path fasta = tmp.resolve("seqs.fa");
        Files.writeString(fasta, ">first\nACGTN\n>second\nTTGCA\n");
        Inputs dna = Inputs.fasta(fasta);
        assertArrayEquals(new int[] {2, 4, 5}, dna.shape());
        assertEquals(List.of("first", "second"), dna.rowNames());
        float[] d = dna.data();
        // (row, base in A,C,G,T order, position): ACGTN is the identity on its first four columns, N all zeros
        float[] first = {1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0};
        assertArrayEquals(first, java.util.Arrays.copyOf(d, 20), 0f);
        assertEquals(1f, d[20 + 3 * 5 + 0], 0f); // second row, T at position 0

        // a 2 x 1 RGB image: pixels to [0, 1] as ToTensor, then ImageNet's Normalize
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(1, 2, java.awt.image.BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, (255 << 16) | (128 << 8) | 0);
        img.setRGB(0, 1, (10 << 16) | (20 << 8) | 30);
        Path png = tmp.resolve("a.png");
        javax.imageio.ImageIO.write(img, "png", png.toFile());
        Inputs raw = Inputs.images(org.xai4j.engine.io.data.ImageOptions.DEFAULT, png);
        assertArrayEquals(new int[] {1, 3, 2, 1}, raw.shape());
        assertEquals(List.of("a.png"), raw.rowNames());
        assertArrayEquals(new float[] {1f, 10 / 255f, 128 / 255f, 20 / 255f, 0f, 30 / 255f}, raw.data(), 1e-7f);
        float[] mean = org.xai4j.engine.io.data.ImageOptions.IMAGENET_MEAN, std = org.xai4j.engine.io.data.ImageOptions.IMAGENET_STD;
        Inputs normalized = Inputs.images(new org.xai4j.engine.io.data.ImageOptions(org.xai4j.engine.io.data.ImageOptions.Channels.RGB,
                null, mean, std), png);
        float[] n = normalized.data(), r = raw.data();
        for (int i = 0; i < 6; i++) assertEquals((r[i] - mean[i / 2]) / std[i / 2], n[i], 1e-6f, "element " + i);
        assertEquals(raw.data()[0], Inputs.read(png).data()[0], 0f);
    }

    @Test
    void theApiPrintsNothingOnSuccessOrFailure() {
        java.io.PrintStream out = System.out, err = System.err;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream sink = new java.io.PrintStream(captured, true);
        float[] ks;
        try {
            System.setOut(sink);
            System.setErr(sink);
            Model model = Model.load(BLOBS);
            ks = Method.named("kernel-shap").with(MethodOptions.SAMPLES, 50).attribute(model, Inputs.npy(BLOBS_INPUT)).data();
            Method.named("integrated-gradients").attribute(model, Inputs.npy(BLOBS_INPUT));
            assertThrows(OptionException.class, () -> Method.named("occlusion").attribute(model, Inputs.npy(BLOBS_INPUT)));
            assertThrows(InputException.class, () -> Method.named("saliency").attribute(model, Inputs.of(new float[3], 1, 3)));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
        assertEquals(32, ks.length);
        assertEquals("", captured.toString());
    }
}
