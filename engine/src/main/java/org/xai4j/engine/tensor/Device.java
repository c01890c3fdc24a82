package org.xai4j.engine.tensor;

/**
 * Where a tensor's storage lives: host memory ({@link #CPU}) or the memory of accelerator {@code index} of a
 * kind served by a backend found through {@code Backends.BackendProvider} ("cuda:0"). Written and parsed as
 * PyTorch writes devices: "cpu", "cuda" (index 0), "cuda:1".
 */
public record Device(String kind, int index) {
    /** Host memory: tensors backed by a Java array. */
    public static final Device CPU = new Device("cpu", 0);

    public Device {
        if (kind == null || kind.isEmpty() || !kind.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
            throw new IllegalArgumentException("device kind must be lower-case letters, got '" + kind + "'");
        }
        if (index < 0) throw new IllegalArgumentException("device index must be >= 0, got " + index);
        if (kind.equals("cpu") && index != 0) throw new IllegalArgumentException("there is one cpu device, got cpu:" + index);
    }

    /** CUDA device {@code index}. */
    public static Device cuda(int index) {
        return new Device("cuda", index);
    }

    /** "cpu", "cuda" or "cuda:N" (also any other kind:N a provider serves). */
    public static Device parse(String text) {
        String s = text == null ? "" : text.trim();
        int colon = s.indexOf(':');
        try {
            if (colon < 0) return s.equals("cpu") ? CPU : new Device(s, 0);
            return new Device(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("device: expected cpu, cuda or cuda:N, got '" + text + "'");
        }
    }

    public boolean isHost() {
        return kind.equals("cpu");
    }

    @Override
    public String toString() {
        return isHost() ? "cpu" : kind + ":" + index;
    }
}
