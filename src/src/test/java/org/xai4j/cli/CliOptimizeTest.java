package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xai4j.cli.CliRunner.example;
import static org.xai4j.cli.CliRunner.read;
import static org.xai4j.cli.CliRunner.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.engine.io.onnx.OnnxModelLoader;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.explain.optimize.ActivationMaximization;
import org.xai4j.explain.optimize.ActivationMaximizationOptions;
import org.xai4j.explain.optimize.Alphabet;

/**
 * {@code xai optimize} and {@code xai mutagenesis} on the shipped DNA CNN (examples/dna_motif: a planted
 * TGACTCA/TGAGTCA motif, 99.9 % test accuracy) and, for activation maximization, the blobs MLP.
 */
class CliOptimizeTest {
    static final List<String> MOTIFS = List.of("TGACTCA", "TGAGTCA", "TGACGTCA");
    static final Alphabet DNA = new Alphabet("ACGT");

    @TempDir Path tmp;

    static Path dna(String file) {
        Path p = Paths.get("..", "examples", "dna_motif", file);
        return Files.exists(p) ? p : Paths.get("examples", "dna_motif", file);
    }

    static double bestScore(Path fasta) throws Exception {
        String header = Files.readAllLines(fasta).get(0);
        return Double.parseDouble(header.replaceAll(".*score=([0-9.]+).*", "$1"));
    }

    /** The acceptance: from a random start, 1,000 steps reach ≥ 0.99 and a motif for at least 9 of 10 seeds. */
    @Test
    void greedyRediscoversThePlantedMotifForNineOfTenSeeds() throws Exception {
        int found = 0;
        StringBuilder log = new StringBuilder();
        for (int seed = 1; seed <= 10; seed++) {
            Path out = tmp.resolve("best" + seed + ".npy"), fasta = tmp.resolve("best" + seed + ".fa"), trace = tmp.resolve("t" + seed + ".csv");
            CliRunner.Result r = run("optimize", "--model", dna("model.onnx").toString(), "--steps", "1000", "--seed", Integer.toString(seed),
                    "--out", out.toString(), "--fasta", fasta.toString(), "--trace", trace.toString());
            assertEquals(0, r.code(), r.err());
            String sequence = r.out().trim();
            double score = bestScore(fasta);
            boolean motif = MOTIFS.stream().anyMatch(sequence::contains);
            log.append(seed).append(": ").append(score).append(motif ? " motif\n" : " no motif\n");
            if (score >= 0.99 && motif) found++;
            // --out is the one-hot of the printed sequence, (1, 4, 101); the trace never decreases and ends at the score
            assertArrayEquals(new int[] {1, 4, 101}, CliRunner.shape(out));
            assertEquals(sequence, DNA.text(DNA.decode(read(out), 101, true)));
            assertEquals(sequence, Files.readAllLines(fasta).get(1));
            List<String> lines = Files.readAllLines(trace);
            assertEquals(1002, lines.size());
            double previous = Double.NEGATIVE_INFINITY;
            for (String line : lines.subList(1, lines.size())) {
                double v = Double.parseDouble(line.split(",")[1]);
                assertTrue(v >= previous, "the trace fell: " + line);
                previous = v;
            }
            assertEquals(score, previous, 1e-6);
        }
        assertTrue(found >= 9, "motif found with score >= 0.99 for " + found + " of 10 seeds:\n" + log);
    }

    @Test
    void aSeedReproducesTheRunForAnyBatchSizeAndRestartsAreBatched() throws Exception {
        Path a = tmp.resolve("a.fa"), b = tmp.resolve("b.fa"), out = tmp.resolve("o.npy");
        String model = dna("model.onnx").toString();
        assertEquals(0, run("optimize", "--model", model, "--steps", "300", "--seed", "4", "--restarts", "3", "--out", out.toString(),
                "--fasta", a.toString()).code());
        CliRunner.Result r = run("optimize", "--model", model, "--steps", "300", "--seed", "4", "--restarts", "3", "--out", out.toString(),
                "--fasta", b.toString(), "--batch-size", "1", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertEquals(Files.readString(a), Files.readString(b));
        assertEquals(6, Files.readAllLines(a).size());
        // gradient-guided: never below the start, and the best chain first in the FASTA
        Path g = tmp.resolve("g.fa");
        r = run("optimize", "--model", model, "--method", "gradient-guided", "--steps", "200", "--seed", "2", "--out", out.toString(),
                "--fasta", g.toString());
        assertEquals(0, r.code(), r.err());
        String header = Files.readAllLines(g).get(0);
        double score = bestScore(g), start = Double.parseDouble(header.replaceAll(".*start=([0-9.]+).*", "$1"));
        assertTrue(score > start && score >= 0.99, header);
    }

    @Test
    void mutagenesisGivesEverySubstitutionsScoreChange() throws Exception {
        String seq = "A".repeat(40) + "TGACTCA" + "C".repeat(54);
        Path out = tmp.resolve("ism.npy"), csv = tmp.resolve("ism.csv");
        CliRunner.Result r = run("mutagenesis", "--model", dna("model.onnx").toString(), "--sequence", seq, "--out", out.toString(),
                "--csv", csv.toString(), "--batch-size", "50");
        assertEquals(0, r.code(), r.err());
        assertArrayEquals(new int[] {4, 101}, CliRunner.shape(out));
        float[] delta = read(out);
        var model = OnnxModelLoader.load(dna("model.onnx"));
        int[] s = DNA.parse(seq);
        float base = model.forward(Tensor.of(DNA.oneHot(s, true), 1, 4, 101)).toArray()[0];
        for (int[] change : new int[][] {{40, 0}, {43, 2}, {0, 3}, {100, 1}}) {
            int[] m = s.clone();
            m[change[0]] = change[1];
            float v = model.forward(Tensor.of(DNA.oneHot(m, true), 1, 4, 101)).toArray()[0];
            assertEquals(v - base, delta[change[1] * 101 + change[0]], 1e-6, "substitution " + change[1] + " at " + change[0]);
        }
        for (int i = 0; i < 101; i++) assertEquals(0f, delta[s[i] * 101 + i], 0);
        // breaking the motif costs most of the score; TGACTCA -> TGAGTCA (C to G at 43) keeps it
        assertTrue(delta[0 * 101 + 40] < -0.5f);
        assertTrue(Math.abs(delta[2 * 101 + 43]) < 0.01f);
        assertEquals(102, Files.readAllLines(csv).size());
    }

    @Test
    void activationMaximizationWritesTheLibrarysResult() throws Exception {
        Path out = tmp.resolve("am.npy"), trace = tmp.resolve("am.csv");
        CliRunner.Result r = run("optimize", "--model", example("model.onnx").toString(), "--method", "activation-max", "--target", "2",
                "--steps", "60", "--lr", "0.05", "--l2", "0.02", "--clip", "-3,3", "--out", out.toString(), "--trace", trace.toString());
        assertEquals(0, r.code(), r.err());
        var model = OnnxModelLoader.load(example("model.onnx"));
        double[] scores = new double[61];
        float[] expected = ActivationMaximization.run(model, Tensor.zeros(1, 4), ActivationMaximizationOptions.of(2, 0.05f, 60, 0.02f, -3f, 3f), scores).toArray();
        assertArrayEquals(expected, read(out), 0);
        List<String> lines = Files.readAllLines(trace);
        assertEquals(62, lines.size());
        assertEquals(scores[60], Double.parseDouble(lines.get(61).split(",")[1]), 0);
        assertTrue(scores[60] > scores[0]);
        for (float v : read(out)) assertTrue(v >= -3f && v <= 3f);
    }

    @Test
    void badOptionsAreUsageErrors() {
        String model = dna("model.onnx").toString(), out = tmp.resolve("x.npy").toString();
        CliRunner.Result r = run("optimize", "--model", model, "--out", out, "--method", "annealing");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--method must be greedy, gradient-guided or activation-max"), r.err());
        r = run("optimize", "--model", model, "--out", out, "--alphabet", "ACGU T");
        assertEquals(2, r.code());
        r = run("optimize", "--model", model, "--out", out, "--length", "50");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--length 50 but input 'input' is declared"), r.err());
        r = run("optimize", "--model", model, "--out", out, "--target", "3", "--steps", "5");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--target 3 is outside"), r.err());
        r = run("optimize", "--model", example("model.onnx").toString(), "--method", "activation-max", "--clip", "3", "--out", out);
        assertEquals(2, r.code());
        r = run("mutagenesis", "--model", model, "--sequence", "ACGTN", "--out", out);
        assertEquals(2, r.code());
        r = run("mutagenesis", "--model", model, "--sequence", "ACGT", "--out", out);
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--sequence has 4 letters, the model takes 101"), r.err());
    }
}
