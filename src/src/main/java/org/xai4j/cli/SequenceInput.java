package org.xai4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.xai4j.engine.io.HostArray;
import org.xai4j.engine.io.Npy;
import org.xai4j.engine.io.onnx.OnnxGraphModel;
import org.xai4j.engine.io.onnx.OnnxValueInfo;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.explain.optimize.Alphabet;
import org.xai4j.explain.optimize.ScoreTransform;
import picocli.CommandLine.Option;

/**
 * The options of the commands that score one-hot sequences ({@code xai optimize}, {@code xai
 * mutagenesis}): the alphabet, the layout the model takes ((N, |A|, L) unless it declares (N, L, |A|)),
 * the length, the target and the score transform; and reading a sequence from .npy or text.
 */
final class SequenceInput {
    @Option(names = "--alphabet", paramLabel = "LETTERS", defaultValue = "ACGT", description = "the letters, in one-hot channel order (default: ${DEFAULT-VALUE})")
    String alphabetLetters;

    @Option(names = "--length", paramLabel = "L", description = "sequence length (default: the model's declared length)")
    Integer length;

    @Option(names = "--target", paramLabel = "K", defaultValue = "0", description = "the output column to raise (default: ${DEFAULT-VALUE})")
    int target;

    @Option(names = "--score", paramLabel = "HOW", defaultValue = "raw",
            description = "the score of the target column: raw, sigmoid or softmax (over the row) (default: ${DEFAULT-VALUE})")
    String score;

    @Option(names = "--sequence", paramLabel = "TEXT", description = "a sequence given as letters (instead of a one-hot --input; default: none)")
    String sequenceText;

    /** The resolved layout of the model's input. */
    record Layout(Alphabet alphabet, int length, boolean channelsFirst) {
        int[] rowShape() {
            return channelsFirst ? new int[] {1, alphabet.size(), length} : new int[] {1, length, alphabet.size()};
        }
    }

    Alphabet alphabet() {
        try {
            return new Alphabet(alphabetLetters);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError("--alphabet: " + e.getMessage());
        }
    }

    ScoreTransform transform() {
        return switch (score.toLowerCase(java.util.Locale.ROOT)) {
            case "raw" -> ScoreTransform.RAW;
            case "sigmoid" -> ScoreTransform.SIGMOID;
            case "softmax" -> ScoreTransform.SOFTMAX;
            default -> throw new Main.UsageError("--score must be raw, sigmoid or softmax, got '" + score + "'");
        };
    }

    /**
     * (N, |A|, L) when the model declares its axis 1 as |A| or declares nothing, (N, L, |A|) when its axis 2
     * is |A| and axis 1 is not; the length from --length or the declaration, which must agree.
     */
    Layout layout(OnnxGraphModel m, Path modelFile) {
        Alphabet a = alphabet();
        if (target < 0) throw new Main.UsageError("--target must be >= 0, got " + target);
        if (m.inputInfos().size() != 1) {
            throw new Main.UsageError(modelFile + " takes " + m.inputInfos().size() + " inputs " + m.inputNames() + "; sequence design needs one");
        }
        OnnxValueInfo info = m.inputInfos().get(0);
        boolean first = true;
        long declared = -1;
        if (info.hasShape()) {
            List<OnnxValueInfo.Dim> d = info.dims();
            if (d.size() != 3) {
                throw new Main.UsageError("input '" + info.name() + "' is declared " + info.shapeString()
                        + "; a one-hot sequence input is (N, " + a.size() + ", L) or (N, L, " + a.size() + ")");
            }
            long d1 = d.get(1).value(), d2 = d.get(2).value();
            if (d1 == a.size()) {
                declared = d2;
            } else if (d2 == a.size()) {
                first = false;
                declared = d1;
            } else if (d1 > 0 || d2 > 0) {
                throw new Main.UsageError("input '" + info.name() + "' is declared " + info.shapeString() + ", which has no axis of "
                        + a.size() + " letters for the alphabet " + a.letters());
            }
        }
        int l;
        if (length != null) {
            if (length < 1) throw new Main.UsageError("--length must be at least 1, got " + length);
            if (declared > 0 && declared != length) {
                throw new Main.UsageError("--length " + length + " but input '" + info.name() + "' is declared " + info.shapeString());
            }
            l = length;
        } else if (declared > 0) {
            l = (int) declared;
        } else if (sequenceText != null) {
            l = sequenceText.length();
        } else {
            l = -1; // from the --input file, if any
        }
        return new Layout(a, l, first);
    }

    /** The sequence from --sequence or a one-hot .npy ((|A|, L) or (1, |A|, L) in the model's layout), or null. */
    int[] read(Path file, Layout layout) throws IOException {
        if (sequenceText != null && file != null) throw new Main.UsageError("give --input or --sequence, not both");
        Alphabet a = layout.alphabet();
        if (sequenceText != null) {
            int[] s;
            try {
                s = a.parse(sequenceText.trim());
            } catch (IllegalArgumentException e) {
                throw new Main.UsageError("--sequence: " + e.getMessage());
            }
            if (layout.length() > 0 && s.length != layout.length()) {
                throw new Main.UsageError("--sequence has " + s.length + " letters, the model takes " + layout.length());
            }
            return s;
        }
        if (file == null) return null;
        CliFiles.requireFile(file);
        HostArray h = Npy.read(file);
        int[] shape = h.shape();
        int r = shape.length;
        boolean ok = (r == 2 || (r == 3 && shape[0] == 1));
        int rows = ok ? shape[r - 2] : -1, cols = ok ? shape[r - 1] : -1;
        int len = layout.channelsFirst() ? cols : rows;
        int letters = layout.channelsFirst() ? rows : cols;
        if (!ok || letters != a.size() || (layout.length() > 0 && len != layout.length())) {
            String want = layout.channelsFirst() ? "(" + a.size() + ", L) or (1, " + a.size() + ", L)" : "(L, " + a.size() + ") or (1, L, " + a.size() + ")";
            throw new Main.UsageError("--input " + file + ": expected a one-hot sequence " + want
                    + (layout.length() > 0 ? " with L = " + layout.length() : "") + ", got " + Shape.str(shape));
        }
        return a.decode(h.toFloatArray(), len, layout.channelsFirst());
    }
}
