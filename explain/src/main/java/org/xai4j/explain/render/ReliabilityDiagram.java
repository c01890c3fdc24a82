package org.xai4j.explain.render;

import java.util.Locale;

/**
 * A reliability diagram (DeGroot and Fienberg 1983; Guo et al. 2017, "On Calibration of Modern Neural
 * Networks", figure 1): the rows binned by their confidence into equal-width bins, each bin's accuracy as
 * a bar against the diagonal a calibrated model would follow, and the expected calibration error
 * ECE = Σ_b (n_b / n) |accuracy_b − confidence_b| in the title.
 */
public final class ReliabilityDiagram implements Figure {
    static final int LEFT = 70, RIGHT = 20, TOP = 30, SIDE = 300, BOTTOM = 50;

    private final int bins;
    private final double[] accuracy, confidence;
    private final int[] count;
    private final double ece;
    private final String title;
    private final Scale x, y;

    /** {@code confidence} in [0, 1] and whether each row was right (not modified), over {@code bins} bins. */
    public ReliabilityDiagram(double[] confidence, boolean[] correct, int bins, String title) {
        if (confidence.length != correct.length) throw new IllegalArgumentException("one outcome per confidence");
        if (bins < 1) throw new IllegalArgumentException("bins must be at least 1, got " + bins);
        this.bins = bins;
        this.title = title;
        accuracy = new double[bins];
        this.confidence = new double[bins];
        count = new int[bins];
        for (int i = 0; i < confidence.length; i++) {
            int b = Math.min(bins - 1, Math.max(0, (int) (confidence[i] * bins))); // bin b holds [b/B, (b+1)/B), the last one 1 too
            count[b]++;
            this.confidence[b] += confidence[i];
            if (correct[i]) accuracy[b]++;
        }
        double e = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] == 0) continue;
            accuracy[b] /= count[b];
            this.confidence[b] /= count[b];
            e += count[b] / (double) confidence.length * Math.abs(accuracy[b] - this.confidence[b]);
        }
        ece = e;
        x = new Scale(0, 1, LEFT, LEFT + SIDE);
        y = new Scale(0, 1, TOP + SIDE, TOP);
    }

    /** The accuracy of bin b (NaN-free: 0 for an empty bin). */
    public double accuracy(int b) {
        return accuracy[b];
    }

    public double expectedCalibrationError() {
        return ece;
    }

    public Scale yScale() {
        return y;
    }

    @Override
    public int width() {
        return LEFT + SIDE + RIGHT;
    }

    @Override
    public int height() {
        return TOP + SIDE + BOTTOM;
    }

    @Override
    public void draw(Canvas c) {
        String t = String.format(Locale.ROOT, "%sECE %.4f", title == null ? "" : title + ", ", ece);
        c.text(10, 18, t, 12, Canvas.Anchor.START, Colors.TEXT);
        double w = SIDE / (double) bins;
        for (int b = 0; b < bins; b++) {
            if (count[b] == 0) continue;
            double top = y.map(accuracy[b]);
            c.rect(LEFT + b * w + 1, top, w - 2, TOP + SIDE - top, Colors.NEGATIVE);
        }
        c.line(x.map(0), y.map(0), x.map(1), y.map(1), Colors.POSITIVE, 1.2);
        x.drawX(c, TOP + SIDE, "confidence");
        y.drawY(c, LEFT, "accuracy");
    }
}
