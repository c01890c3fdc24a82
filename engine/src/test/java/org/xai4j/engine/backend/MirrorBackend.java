package org.xai4j.engine.backend;

import org.xai4j.engine.tensor.Device;
import org.xai4j.engine.tensor.DeviceStorage;
import org.xai4j.engine.tensor.Tensor;
import org.xai4j.engine.tensor.Views;

/**
 * A pretend accelerator for tests without one: device "mirror:0" whose storage is a private Java array.
 * Every op copies its operands out, runs the CPU kernel and copies the result back in, so the device
 * plumbing (dispatch, transfers, views of device storage, refusals) is exercised with the CPU's numbers.
 * It counts transfers, so tests can assert that work stays on the device, and its memory scopes poison
 * what they give back, so a tensor used after its scope fails as it would on a GPU.
 */
public final class MirrorBackend implements Backend {
    public static final Device DEVICE = new Device("mirror", 0);
    private final Backend cpu = Backends.cpu();
    public int uploads, downloads;

    /** Device memory of the mirror: an array host code cannot reach through the tensor. */
    static final class MirrorStorage implements DeviceStorage {
        final float[] values;
        volatile boolean released;

        MirrorStorage(float[] values) {
            this.values = values;
        }

        @Override
        public Device device() {
            return DEVICE;
        }

        @Override
        public long length() {
            return values.length;
        }
    }

    /** Open scopes on this thread, innermost last: what each allocated, and whether it gives that back. */
    private static final ThreadLocal<java.util.ArrayList<java.util.Map.Entry<java.util.List<MirrorStorage>, Boolean>>> SCOPES =
            ThreadLocal.withInitial(java.util.ArrayList::new);

    private static MemoryScope open(boolean release) {
        var scopes = SCOPES.get();
        var entry = java.util.Map.<java.util.List<MirrorStorage>, Boolean>entry(new java.util.ArrayList<>(), release);
        scopes.add(entry);
        return () -> {
            if (scopes.isEmpty() || scopes.get(scopes.size() - 1) != entry) throw new IllegalStateException("mirror scopes closed out of order");
            scopes.remove(scopes.size() - 1);
            if (release) for (MirrorStorage s : entry.getKey()) s.released = true;
        };
    }

    private static MirrorStorage allocate(float[] values) {
        MirrorStorage s = new MirrorStorage(values);
        var scopes = SCOPES.get();
        if (!scopes.isEmpty()) scopes.get(scopes.size() - 1).getKey().add(s);
        return s;
    }

    @Override
    public MemoryScope memoryScope() {
        return open(true);
    }

    @Override
    public MemoryScope persistentScope() {
        return open(false);
    }

    @Override
    public String name() {
        return "mirror";
    }

    @Override
    public Device device() {
        return DEVICE;
    }

    @Override
    public Tensor fromHost(Tensor x) {
        uploads++;
        return Tensor.onDevice(allocate(x.toArray()), x.shape());
    }

    @Override
    public Tensor toHost(Tensor x) {
        downloads++;
        return host(x).contiguous();
    }

    /** The host view of a device tensor (the same geometry over the mirror's array), or a host scalar as is. */
    private static Tensor host(Tensor x) {
        if (x == null || x.isHost()) return x;
        MirrorStorage s = (MirrorStorage) x.storage();
        if (s.released) throw new IllegalStateException("device tensor used after its memory scope closed");
        float[] v = s.values;
        return Views.of(Tensor.of(v, v.length), x.offset(), x.shape(), x.strides());
    }

    private static Tensor dev(Tensor hostResult) {
        return Tensor.onDevice(allocate(hostResult.toArray()), hostResult.shape());
    }

    @Override public Tensor unary(UnaryKind kind, Tensor x, float p0, float p1) { return dev(cpu.unary(kind, host(x), p0, p1)); }
    @Override public Tensor binary(BinaryKind kind, Tensor a, Tensor b, float p0, float p1) { return dev(cpu.binary(kind, host(a), host(b), p0, p1)); }

    @Override
    public void addInPlace(Tensor acc, Tensor g) {
        Tensor sum = cpu.binary(BinaryKind.ADD, host(acc), host(g), 0, 0);
        float[] v = ((MirrorStorage) acc.storage()).values;
        System.arraycopy(sum.toArray(), 0, v, acc.offset(), acc.numel());
    }

    @Override public Tensor reduce(ReduceKind kind, Tensor x, int[] axes, boolean keepDims) { return dev(cpu.reduce(kind, host(x), axes, keepDims)); }
    @Override public Tensor copy(Tensor x) { return dev(cpu.copy(host(x))); }
    @Override public Tensor matmul(Tensor a, Tensor b, boolean ta, boolean tb) { return dev(cpu.matmul(host(a), host(b), ta, tb)); }
    @Override public Tensor softmax(Tensor x, int axis, boolean log) { return dev(cpu.softmax(host(x), axis, log)); }
    @Override public Tensor softmaxBackward(Tensor y, Tensor g, int axis, boolean log) { return dev(cpu.softmaxBackward(host(y), host(g), axis, log)); }
    @Override public Tensor gather(Tensor x, int axis, int[] index, int[] is) { return dev(cpu.gather(host(x), axis, index, is)); }
    @Override public Tensor gatherBackward(int[] xs, int axis, int[] index, int[] is, Tensor g) { return dev(cpu.gatherBackward(xs, axis, index, is, host(g))); }
    @Override public Tensor convForward(Tensor x, Tensor w, Tensor b, ConvSpec s) { return dev(cpu.convForward(host(x), host(w), host(b), s)); }
    @Override public Tensor convBackwardData(Tensor gy, Tensor w, ConvSpec s, int[] xs) { return dev(cpu.convBackwardData(host(gy), host(w), s, xs)); }
    @Override public Tensor convBackwardWeight(Tensor x, Tensor gy, ConvSpec s, int[] ws) { return dev(cpu.convBackwardWeight(host(x), host(gy), s, ws)); }
    @Override public Tensor maxPool(Tensor x, PoolSpec s, int[] argmax) { return dev(cpu.maxPool(host(x), s, argmax)); }
    @Override public Tensor maxPoolBackward(Tensor gy, int[] argmax, PoolSpec s, int[] xs) { return dev(cpu.maxPoolBackward(host(gy), argmax, s, xs)); }
    @Override public Tensor avgPool(Tensor x, PoolSpec s, boolean cip) { return dev(cpu.avgPool(host(x), s, cip)); }
    @Override public Tensor avgPoolBackward(Tensor gy, PoolSpec s, boolean cip, int[] xs) { return dev(cpu.avgPoolBackward(host(gy), s, cip, xs)); }

    @Override
    public Tensor bernoulliMask(int[] shape, long seed, long stream, float keepProb, float scale) {
        return dev(cpu.bernoulliMask(shape, seed, stream, keepProb, scale));
    }
}
