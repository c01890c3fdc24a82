package org.xai4j.explain.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The error-vs-sigma scatter and the reliability diagram, by hand-computed shares, bins and ECE. */
class UncertaintyChartsTest {
    @Test
    void errorSigmaDotsLinesAndShares() {
        double[] sigma = {1, 2, 0.5, 1, 4}, err = {0.5, 3, 1.2, 2.5, 1};
        ErrorSigmaPlot p = new ErrorSigmaPlot(sigma, err, new double[] {1, 2}, "solubility");
        // |e| <= sigma: rows 0, 4 -> 40%; |e| <= 2 sigma: rows 0, 1, 4 -> 60%
        assertEquals(0.4, p.shareUnder(1), 1e-12);
        assertEquals(0.6, p.shareUnder(2), 1e-12);
        String svg = p.svg();
        Matcher m = Pattern.compile("<circle cx=\"([-\\d.]+)\" cy=\"([-\\d.]+)\"").matcher(svg);
        for (int i = 0; i < 5; i++) {
            m.find();
            assertEquals(p.xScale().map(sigma[i]), Double.parseDouble(m.group(1)), 0.006);
            assertEquals(p.yScale().map(err[i]), Double.parseDouble(m.group(2)), 0.006);
        }
        // y = 2x: from the origin with slope 2 in data units
        Matcher l = Pattern.compile("<line x1=\"([-\\d.]+)\" y1=\"([-\\d.]+)\" x2=\"([-\\d.]+)\" y2=\"([-\\d.]+)\" stroke=\"#b40426\"").matcher(svg);
        l.find();
        l.find();
        double x0 = Double.parseDouble(l.group(1)), y0 = Double.parseDouble(l.group(2)), x1 = Double.parseDouble(l.group(3)), y1 = Double.parseDouble(l.group(4));
        double slope = (y1 - y0) / p.yScale().perUnit() / ((x1 - x0) / p.xScale().perUnit());
        assertEquals(2, slope, 0.01);
        assertEquals(true, svg.contains("y = 2x: 60% under"));
    }

    @Test
    void reliabilityBinsAndExpectedCalibrationError() {
        double[] conf = {0.05, 0.15, 0.55, 0.6, 0.95, 0.92, 1.0, 0.58};
        boolean[] right = {false, false, true, false, true, true, false, true};
        ReliabilityDiagram d = new ReliabilityDiagram(conf, right, 10, null);
        // bin 0: 0.05 wrong; bin 1: 0.15 wrong; bin 5: 0.55 right, 0.58 right; bin 6: 0.6 wrong; bin 9: 0.95, 0.92 right, 1.0 wrong
        assertEquals(1.0, d.accuracy(5), 1e-12);
        assertEquals(0.0, d.accuracy(6), 1e-12);
        assertEquals(2 / 3.0, d.accuracy(9), 1e-12);
        double ece = (1 * 0.05 + 1 * 0.15 + 2 * Math.abs(1 - 0.565) + 1 * 0.6 + 3 * Math.abs(2 / 3.0 - (0.95 + 0.92 + 1.0) / 3)) / 8;
        assertEquals(ece, d.expectedCalibrationError(), 1e-12);
        // bar heights: accuracy x pixels per unit (empty bins and zero accuracy draw nothing visible)
        List<double[]> bars = TabularChartsTest.rects(d.svg(), "#3b4cc0");
        assertEquals(5, bars.size()); // bins 0, 1, 5, 6, 9
        Matcher m = Pattern.compile("<rect x=\"[-\\d.]+\" y=\"([-\\d.]+)\" width=\"[-\\d.]+\" height=\"([-\\d.]+)\" fill=\"#3b4cc0\"/>").matcher(d.svg());
        double[] expected = {0, 0, 1, 0, 2 / 3.0};
        for (int k = 0; k < 5; k++) {
            m.find();
            assertEquals(expected[k] * -d.yScale().perUnit(), Double.parseDouble(m.group(2)), 0.011, "bar " + k);
        }
    }
}
