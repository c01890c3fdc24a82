package org.xai4j.kernels.cuda;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.backend.Backend;
import org.xai4j.engine.backend.Backends;
import org.xai4j.engine.backend.BinaryKind;
import org.xai4j.engine.backend.ConvSpec;
import org.xai4j.engine.backend.PoolSpec;
import org.xai4j.engine.backend.ReduceKind;
import org.xai4j.engine.backend.UnaryKind;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.random.PhiloxRandom;
import org.xai4j.engine.tensor.Device;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.engine.tensor.Views;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every backend operation on the GPU against the CPU backend, on random shapes including sizes that are
 * not multiples of the kernels' tiles (SGEMM's 128x128x8 tile, the 256-thread blocks). Tolerances per op: exact
 * where the GPU does the same float operations (copies, max, pooling's argmax, Philox), a few ulp where
 * CUDA's expf/logf/tanhf/powf differ from Java's, and for sums and GEMMs relative to the magnitude of the
 * summed terms (the order of summation differs). Skipped, with the reason, where no GPU is usable.
 */
class CudaTwinTest {
    private static final Device GPU = Device.cuda(0);
    private static Backend cpu, cuda;
    private long seed = 1;

    @BeforeAll
    static void backends() {
        cpu = Backends.cpu();
        CudaStatus s = CudaProbe.status();
        if (s.usable()) cuda = Backends.forDevice(GPU);
    }

    @BeforeEach
    void needsGpu() {
        assumeTrue(CudaProbe.status().usable(), "no usable GPU: " + CudaProbe.status().reason());
    }

    private Tensor random(int... shape) {
        Tensor t = Tensor.zeros(shape);
        PhiloxRandom.fillNormal(17, seed++, 0, t.data(), 0, t.numel());
        return t;
    }

    private static Tensor gpu(Tensor host) {
        return host.to(GPU);
    }

    /** |cuda - cpu| <= atol + rtol |cpu| elementwise, NaN where the CPU has NaN. */
    private static void assertClose(Tensor expected, Tensor actual, float rtol, float atol, String what) {
        assertEquals(GPU, actual.device(), what + ": result not on the GPU");
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        float[] e = expected.toArray(), a = actual.toHost().toArray();
        for (int i = 0; i < e.length; i++) {
            if (Float.isNaN(e[i])) {
                assertTrue(Float.isNaN(a[i]), what + " [" + i + "]: expected NaN, got " + a[i]);
                continue;
            }
            float tol = atol + rtol * Math.abs(e[i]);
            if (!(Math.abs(e[i] - a[i]) <= tol) && !(e[i] == a[i])) {
                throw new AssertionError(what + " [" + i + "] of " + e.length + ": cpu " + e[i] + ", cuda " + a[i] + " (tol " + tol + ")");
            }
        }
    }

    private static void assertBitIdentical(Tensor expected, Tensor actual, String what) {
        float[] e = expected.toArray(), a = actual.toHost().toArray();
        assertEquals(e.length, a.length, what);
        for (int i = 0; i < e.length; i++) {
            if (Float.floatToRawIntBits(e[i]) != Float.floatToRawIntBits(a[i])) {
                throw new AssertionError(what + " [" + i + "]: cpu " + e[i] + ", cuda " + a[i]);
            }
        }
    }

    @Test
    void transfersRoundTripViews() {
        Tensor h = random(37, 129);
        Tensor d = gpu(h);
        assertBitIdentical(h, d, "round trip");
        Tensor view = Views.slice(Views.transpose(h, 0, 1), 0, 3, 120, 7);
        assertBitIdentical(view.contiguous(), Views.slice(Views.transpose(d, 0, 1), 0, 3, 120, 7).toHost(), "strided view copy");
    }

    @Test
    void unaryKernelsMatchTheCpu() {
        Tensor x = random(3, 1000, 7);
        Tensor pos = cpu.unary(UnaryKind.ABS, x, 0, 0);
        for (UnaryKind k : UnaryKind.values()) {
            Tensor in = (k == UnaryKind.LOG || k == UnaryKind.SQRT || k == UnaryKind.POW_SCALAR) ? pos : x;
            float p0 = switch (k) { case LEAKY_RELU -> 0.1f; case ELU -> 1.3f; case CLIP -> -0.5f; case POW_SCALAR -> 1.7f; case AFFINE -> 2.5f; default -> 0f; };
            float p1 = k == UnaryKind.CLIP ? 0.7f : (k == UnaryKind.AFFINE ? -1f : 0f);
            // exp, log, tanh, pow, sigmoid: CUDA's single-precision functions are within 2 ulp
            assertClose(cpu.unary(k, in, p0, p1), cuda.unary(k, gpu(in), p0, p1), 1e-6f * 4, 1e-7f, "unary " + k);
        }
    }

    @Test
    void binaryKernelsBroadcastAsTheCpu() {
        int[][][] shapes = {{{5, 1, 33}, {4, 33}}, {{257}, {257}}, {{2, 3, 1, 65}, {1, 3, 17, 1}}, {{1}, {7, 9}}};
        for (int[][] sh : shapes) {
            Tensor a = random(sh[0]), b = random(sh[1]);
            for (BinaryKind k : BinaryKind.values()) {
                Tensor aa = k == BinaryKind.POW ? cpu.unary(UnaryKind.ABS, a, 0, 0) : a;
                float p0 = k == BinaryKind.CLIP_GRAD ? -0.5f : 0.2f, p1 = 0.6f;
                assertClose(cpu.binary(k, aa, b, p0, p1), cuda.binary(k, gpu(aa), gpu(b), p0, p1), 1e-6f * 4, 1e-7f,
                        "binary " + k + " " + Arrays.toString(sh[0]) + " " + Arrays.toString(sh[1]));
            }
        }
        // a one-element host operand joins as a scalar
        Tensor a = random(10, 3);
        assertClose(cpu.binary(BinaryKind.MUL, a, Tensor.scalar(3f), 0, 0), cuda.binary(BinaryKind.MUL, gpu(a), Tensor.scalar(3f), 0, 0), 0, 0, "scalar");
    }

    @Test
    void addInPlaceAccumulates() {
        Tensor acc = random(1001), g = random(1001);
        Tensor dacc = gpu(acc);
        cuda.addInPlace(dacc, gpu(g));
        assertClose(cpu.binary(BinaryKind.ADD, acc, g, 0, 0), dacc, 0, 0, "addInPlace");
    }

    @Test
    void reductionsOverAnyAxes() {
        Tensor x = random(6, 35, 1, 300);
        int[][] axesSets = {{0}, {1}, {3}, {0, 2}, {1, 3}, {0, 1, 2, 3}};
        for (ReduceKind k : ReduceKind.values()) {
            for (int[] axes : axesSets) {
                for (boolean keep : new boolean[] {false, true}) {
                    float rtol = (k == ReduceKind.MAX || k == ReduceKind.MIN) ? 0 : 1e-5f;
                    float atol = (k == ReduceKind.MAX || k == ReduceKind.MIN) ? 0 : 2e-5f * (float) Math.sqrt(x.numel());
                    assertClose(cpu.reduce(k, x, axes, keep), cuda.reduce(k, gpu(x), axes, keep), rtol, atol,
                            "reduce " + k + " " + Arrays.toString(axes) + " keep " + keep);
                }
            }
        }
    }

    @Test
    void matmulOnShapesThatAreNotMultiplesOfTheTile() {
        int[][] mkn = {{1, 1, 1}, {65, 17, 130}, {200, 300, 70}, {128, 128, 128}, {129, 9, 257}, {3, 1000, 5}};
        for (int[] d : mkn) {
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0, tb = (t & 2) != 0;
                Tensor a = random(ta ? new int[] {d[1], d[0]} : new int[] {d[0], d[1]});
                Tensor b = random(tb ? new int[] {d[2], d[1]} : new int[] {d[1], d[2]});
                float atol = 1e-5f * (float) Math.sqrt(d[1]) * 4;
                assertClose(cpu.matmul(a, b, ta, tb), cuda.matmul(gpu(a), gpu(b), ta, tb), 1e-5f, atol,
                        "matmul " + Arrays.toString(d) + " ta " + ta + " tb " + tb);
            }
        }
        // batched with broadcasting: (3, 1, 33, 20) @ (4, 20, 47), and a shared matrix
        Tensor a = random(3, 1, 33, 20), b = random(4, 20, 47), w = random(20, 5);
        assertClose(cpu.matmul(a, b, false, false), cuda.matmul(gpu(a), gpu(b), false, false), 1e-5f, 1e-4f, "batched matmul");
        assertClose(cpu.matmul(a, w, false, false), cuda.matmul(gpu(a), gpu(w), false, false), 1e-5f, 1e-4f, "shared matrix");
    }

    @Test
    void softmaxAndItsGradientAlongEveryAxis() {
        Tensor x = random(4, 37, 9);
        Tensor g = random(4, 37, 9);
        for (int axis = 0; axis < 3; axis++) {
            for (boolean log : new boolean[] {false, true}) {
                Tensor y = cpu.softmax(x, axis, log);
                assertClose(y, cuda.softmax(gpu(x), axis, log), 1e-5f, 1e-6f, "softmax axis " + axis + " log " + log);
                assertClose(cpu.softmaxBackward(y, g, axis, log), cuda.softmaxBackward(gpu(y), gpu(g), axis, log), 1e-4f, 1e-5f,
                        "softmax backward axis " + axis + " log " + log);
            }
        }
    }

    @Test
    void gatherAndItsAdjoint() {
        Tensor x = random(5, 40, 3);
        int[] indexShape = {5, 70, 2};
        int[] index = new int[5 * 70 * 2];
        for (int i = 0; i < index.length; i++) index[i] = (int) (PhiloxRandom.uniform(3, 3, i) * 80) - 40; // negatives wrap
        assertClose(cpu.gather(x, 1, index, indexShape), cuda.gather(gpu(x), 1, index, indexShape), 0, 0, "gather");
        Tensor g = random(indexShape);
        assertClose(cpu.gatherBackward(x.shape(), 1, index, indexShape, g), cuda.gatherBackward(x.shape(), 1, index, indexShape, gpu(g)),
                1e-6f, 1e-6f, "gather backward (repeated indices add in any order)");
    }

    @Test
    void convolutionsAndTheirGradients() {
        // {n, c, h, w, f, k, stride, pad, dilation, groups}
        int[][] cases = {{2, 3, 17, 19, 8, 3, 1, 1, 1, 1}, {3, 4, 15, 15, 6, 5, 2, 2, 1, 2}, {1, 2, 9, 30, 3, 3, 1, 0, 2, 1},
                {2, 16, 8, 8, 70, 1, 1, 0, 1, 1}};
        for (int[] c : cases) {
            Tensor x = random(c[0], c[1], c[2], c[3]);
            Tensor w = random(c[4], c[1] / c[9], c[5], c[5]);
            Tensor b = random(c[4]);
            int[] st = {c[6], c[6]}, pad = {c[7], c[7]}, dil = {c[8], c[8]};
            ConvSpec s = ConvSpec.of(x.shape(), w.shape(), st, pad, pad, dil, c[9]);
            float atol = 1e-5f * (float) Math.sqrt(s.kg()) * 4;
            String what = "conv " + Arrays.toString(c);
            Tensor y = cpu.convForward(x, w, b, s);
            assertClose(y, cuda.convForward(gpu(x), gpu(w), gpu(b), s), 1e-5f, atol, what);
            assertClose(cpu.convForwardRelu(x, w, b, s), cuda.convForwardRelu(gpu(x), gpu(w), gpu(b), s), 1e-5f, atol, what + " relu");
            assertClose(cpu.convForward(x, w, null, s), cuda.convForward(gpu(x), gpu(w), null, s), 1e-5f, atol, what + " no bias");
            Tensor gy = random(y.shape());
            assertClose(cpu.convBackwardData(gy, w, s, x.shape()), cuda.convBackwardData(gpu(gy), gpu(w), s, x.shape()),
                    1e-5f, atol, what + " backward data");
            assertClose(cpu.convBackwardWeight(x, gy, s, w.shape()), cuda.convBackwardWeight(gpu(x), gpu(gy), s, w.shape()),
                    1e-5f, 1e-5f * (float) Math.sqrt(c[0] * s.p()) * 4, what + " backward weight");
        }
    }

    @Test
    void poolingWithArgmaxAndGradients() {
        Tensor x = random(2, 3, 13, 17);
        // {k, stride, pad, dilation, ceil}
        int[][] cases = {{2, 2, 0, 1, 0}, {3, 2, 1, 1, 1}, {3, 1, 1, 2, 0}};
        for (int[] c : cases) {
            int[] k = {c[0], c[0]}, st = {c[1], c[1]}, pad = {c[2], c[2]}, dil = {c[3], c[3]};
            PoolSpec s = PoolSpec.of("MaxPool", x.shape(), k, st, pad, pad, dil, c[4] == 1);
            int n = s.planes() * s.oh() * s.ow();
            int[] argCpu = new int[n], argGpu = new int[n];
            Tensor y = cpu.maxPool(x, s, argCpu);
            assertClose(y, cuda.maxPool(gpu(x), s, argGpu), 0, 0, "maxPool " + Arrays.toString(c));
            assertArrayEquals(argCpu, argGpu, "argmax " + Arrays.toString(c));
            Tensor gy = random(y.shape());
            assertClose(cpu.maxPoolBackward(gy, argCpu, s, x.shape()), cuda.maxPoolBackward(gpu(gy), argGpu, s, x.shape()),
                    1e-6f, 1e-6f, "maxPool backward " + Arrays.toString(c));
            if (c[3] != 1) continue; // average pooling has no dilation
            PoolSpec a = PoolSpec.of("AveragePool", x.shape(), k, st, pad, pad, dil, c[4] == 1);
            for (boolean cip : new boolean[] {false, true}) {
                Tensor ya = cpu.avgPool(x, a, cip);
                assertClose(ya, cuda.avgPool(gpu(x), a, cip), 1e-6f, 1e-7f, "avgPool " + Arrays.toString(c) + " cip " + cip);
                Tensor ga = random(ya.shape());
                assertClose(cpu.avgPoolBackward(ga, a, cip, x.shape()), cuda.avgPoolBackward(gpu(ga), a, cip, x.shape()),
                        1e-6f, 1e-7f, "avgPool backward " + Arrays.toString(c) + " cip " + cip);
            }
        }
    }

    @Test
    void philoxStreamsAreBitIdentical() {
        int[] shape = {3, 33_333};
        assertBitIdentical(cpu.bernoulliMask(shape, 42, 5, 0.7f, 1 / 0.7f), cuda.bernoulliMask(shape, 42, 5, 0.7f, 1 / 0.7f), "dropout mask");
        assertBitIdentical(cpu.randomNormal(shape, -3, 1L << 40, 7), cuda.randomNormal(shape, -3, 1L << 40, 7), "normals");
        assertBitIdentical(cpu.randomUniform(shape, 9, 2, 1L << 33), cuda.randomUniform(shape, 9, 2, 1L << 33), "uniforms");
        // MC dropout through the op: the same mask on both devices
        Tensor x = random(8, 500);
        assertBitIdentical(Ops.dropout(x, 0.3f, true, 11, 4), Ops.dropout(gpu(x), 0.3f, true, 11, 4), "Ops.dropout");
    }

    @Test
    void inputGradientOfASmallConvNetMatchesTheCpu() {
        Tensor x = random(2, 3, 16, 16), w1 = random(8, 3, 3, 3), b1 = random(8), w2 = random(10, 8 * 8 * 8);
        Tensor[] grads = new Tensor[2];
        for (int d = 0; d < 2; d++) {
            Device dev = d == 0 ? Device.CPU : GPU;
            Tensor xi = x.to(dev).requiresGrad(true);
            Tensor h = Ops.relu(Ops.conv(xi, w1.to(dev), b1.to(dev), new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1));
            h = Ops.maxPool(h, new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0}, new int[] {0, 0}, new int[] {1, 1}, false);
            Tensor logits = Ops.matmul(Views.reshape(h, 2, 8 * 8 * 8), w2.to(dev), false, true);
            Tensor seed = Gradients.oneHotSeed(new int[] {2, 10}, new int[] {3, 7});
            grads[d] = Gradients.grad(logits, seed, xi)[0];
        }
        assertClose(grads[0], grads[1], 1e-4f, 1e-4f, "input gradient");
    }

    @Test
    void repeatedPassesReuseDeviceMemory() {
        CudaBackend b = (CudaBackend) cuda;
        Tensor x = gpu(random(64, 1000));
        for (int pass = 0; pass < 3; pass++) {
            try (var scope = DevicePool.scope()) {
                b.unary(UnaryKind.RELU, b.binary(BinaryKind.MUL, x, x, 0, 0), 0, 0);
            }
        }
        long after = b.context().pool.driverAllocations();
        for (int pass = 0; pass < 5; pass++) {
            try (var scope = DevicePool.scope()) {
                b.unary(UnaryKind.RELU, b.binary(BinaryKind.MUL, x, x, 0, 0), 0, 0);
            }
        }
        assertEquals(after, b.context().pool.driverAllocations(), "cuMemAlloc called again for a repeated pass");
    }
}
