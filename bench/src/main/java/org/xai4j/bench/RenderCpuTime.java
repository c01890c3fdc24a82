package org.xai4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * RenderBench's pictures timed by the CPU time of the drawing thread (ThreadMXBean) rather than the wall
 * clock: on the shared 2-vCPU VM, where other builds leave this thread waiting for a core, the wall-clock
 * figures swing by 5x, while the thread's own CPU time does not count the waiting. Median of 40 after 40
 * warm-up calls. Run: {@code java --add-modules=jdk.incubator.vector -cp bench/target/benchmarks.jar
 * org.xai4j.bench.RenderCpuTime}.
 */
public final class RenderCpuTime {
    private RenderCpuTime() {}

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        RenderBench b = new RenderBench();
        b.setUp();
        time("heatmap224", b::heatmap224);
        time("heatmap224Png", b::heatmap224Png);
        time("heatmap224BlendedSvg", b::heatmap224BlendedSvg);
        time("logo1000Svg", b::logo1000Svg);
        time("logo1000Png", b::logo1000Png);
    }

    private static void time(String name, Supplier<Object> op) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 40; i++) op.get();
        double[] cpu = new double[40], wall = new double[40];
        for (int i = 0; i < cpu.length; i++) {
            long c0 = mx.getCurrentThreadCpuTime(), w0 = System.nanoTime();
            op.get();
            cpu[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
            wall[i] = (System.nanoTime() - w0) / 1e6;
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        System.out.printf(Locale.ROOT, "%-22s cpu median %7.2f ms (min %7.2f, max %7.2f)   wall median %7.2f ms%n", name, cpu[20], cpu[0],
                cpu[39], wall[20]);
    }
}
