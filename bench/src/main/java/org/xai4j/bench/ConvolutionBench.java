package org.xai4j.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Conv2d forward, forward + input gradient, and weight gradient for the ResNet-18 layers at 64x64
 * input (batch 4) and the acceptance layer (64->64, 3x3, pad 1, batch 8 at 16x16). The same work in
 * PyTorch: bench/scripts/torch_conv.py.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class ConvolutionBench {
    /** name: batch, in channels, out channels, size, kernel, stride, pad. */
    @Param({"accept_8x64x16x16", "r18_conv1", "r18_layer1", "r18_layer2", "r18_layer3", "r18_layer4"})
    String layer;

    Tensor x, w, seed;
    int[] stride, pad;

    static int[] spec(String layer) {
        switch (layer) {
            case "accept_8x64x16x16": return new int[] {8, 64, 64, 16, 3, 1, 1};
            case "r18_conv1": return new int[] {4, 3, 64, 64, 7, 2, 3};
            case "r18_layer1": return new int[] {4, 64, 64, 16, 3, 1, 1};
            case "r18_layer2": return new int[] {4, 128, 128, 8, 3, 1, 1};
            case "r18_layer3": return new int[] {4, 256, 256, 4, 3, 1, 1};
            case "r18_layer4": return new int[] {4, 512, 512, 2, 3, 1, 1};
            default: throw new IllegalArgumentException(layer);
        }
    }

    @Setup
    public void setup() {
        int[] s = spec(layer);
        Random r = new Random(0);
        x = randn(r, s[0], s[1], s[3], s[3]);
        w = randn(r, s[2], s[1], s[4], s[4]);
        stride = new int[] {s[5], s[5]};
        pad = new int[] {s[6], s[6]};
        try (GradMode.Scope g = GradMode.noGrad()) {
            seed = Tensor.ones(conv(x, w).shape());
        }
    }

    static Tensor randn(Random r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) r.nextGaussian();
        return t;
    }

    Tensor conv(Tensor a, Tensor b) {
        return Ops.conv(a, b, null, stride, pad, pad, new int[] {1, 1}, 1);
    }

    @Benchmark
    public Tensor forward() {
        try (GradMode.Scope g = GradMode.noGrad()) {
            return conv(x, w);
        }
    }

    @Benchmark
    public Tensor forwardAndInputGradient() {
        Tensor xi = x.detach().requiresGrad(true);
        return Gradients.grad(conv(xi, w), seed, xi)[0];
    }

    @Benchmark
    public Tensor weightGradient() {
        Tensor wi = w.detach().requiresGrad(true);
        return Gradients.grad(conv(x, wi), seed, wi)[0];
    }
}
