package org.xai4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The stderr progress bar: its line, its throttling, and a plain line every 10 s without a console. */
class CliProgressTest {
    private long now;

    @Test
    void lineShowsCountRateAndTimeLeft() {
        now = 0;
        Progress p = new Progress(new PrintWriter(new StringWriter()), "mc-dropout", 200, true, () -> now);
        p.step(50);
        now = 2_000_000_000L; // 50 steps in 2 s: 25/s, 150 left: 6 s
        assertEquals("mc-dropout [######..................] 50/200  25.0/s  ETA 6s", p.line(now));
        p.step(150);
        assertEquals("mc-dropout [########################] 200/200  100.0/s  in 2s", p.line(now));
    }

    @Test
    void redrawsAreThrottledAndTheLastIsAlwaysDrawn() {
        StringWriter sink = new StringWriter();
        now = 0;
        try (Progress p = new Progress(new PrintWriter(sink), "x", 1000, true, () -> now)) {
            for (int i = 0; i < 1000; i++) {
                now += 1_000_000L; // 1 ms per step: a redraw every 100 steps
                p.step();
            }
        }
        String s = sink.toString();
        long draws = s.chars().filter(c -> c == '\r').count();
        assertTrue(draws >= 10 && draws <= 12, draws + " redraws");
        assertTrue(s.contains("1000/1000"), s);
        assertTrue(s.endsWith(System.lineSeparator()), "the bar's line is ended on close");
    }

    @Test
    void withoutAConsoleAShortRunWritesNothing() {
        StringWriter sink = new StringWriter();
        try (Progress p = new Progress(new PrintWriter(sink), "x", 10, false, System::nanoTime)) {
            for (int i = 0; i < 10; i++) p.step();
            assertEquals(10, p.count());
        }
        assertEquals("", sink.toString());
    }

    @Test
    void withoutAConsoleALineAtMostEveryTenSeconds() {
        StringWriter sink = new StringWriter();
        now = 0;
        try (Progress p = new Progress(new PrintWriter(sink), "mc-dropout", 100, false, () -> now)) {
            for (int i = 0; i < 100; i++) {
                now += 1_000_000_000L; // 1 s per step: 100 s in all, lines at 10 s, 20 s, ... 90 s (not at the end)
                p.step();
            }
        }
        String[] lines = sink.toString().split("\\R");
        assertEquals(9, lines.length, sink.toString());
        assertEquals("xai: mc-dropout: 10/100  1.0/s  ETA 1m30s", lines[0]);
        assertEquals("xai: mc-dropout: 90/100  1.0/s  ETA 10s", lines[8]);
    }

    @Test
    void durationsReadNaturally() {
        assertEquals("7s", Progress.duration(7.2));
        assertEquals("2m05s", Progress.duration(125));
        assertEquals("1h01m", Progress.duration(3660));
    }
}
