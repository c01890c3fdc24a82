package org.xai4j.engine.io.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.nn.PassHook;
import org.xai4j.engine.nn.RunOptions;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;

/**
 * The hook between model passes that the Java API's progress, cancellation and deadline hang on: called
 * once per pass (forward or run) with the pass's rows, innermost scope first, only on the installing
 * thread and only inside its scope; a hook that throws stops the pass before any node runs.
 */
class PassHookTest {
    private static OnnxGraphModel model() throws IOException {
        return OnnxModelLoader.load(OnnxModelLoaderTest.resource("residual/residual.onnx"));
    }

    @Test
    void everyPassIsSeenWithItsRowsInnermostFirst() throws Exception {
        OnnxGraphModel m = model();
        Tensor x = OnnxModelLoaderTest.npy("residual/input.npy");
        int n = x.shape()[0];
        List<String> seen = new ArrayList<>();
        try (PassHook outer = PassHook.install(rows -> seen.add("outer " + rows))) {
            m.forward(x);
            try (PassHook inner = PassHook.install(rows -> seen.add("inner " + rows))) {
                m.run(List.of(Ops.slice(x, 0, 0, 1, 1).contiguous()), RunOptions.INFERENCE);
            }
            m.forward(x);
        }
        m.forward(x); // out of every scope: not seen
        assertEquals(List.of("outer " + n, "inner 1", "outer 1", "outer " + n), seen);
        // another thread's passes are not this thread's hook's
        List<Integer> other = new ArrayList<>();
        try (PassHook h = PassHook.install(other::add)) {
            Thread t = new Thread(() -> m.forward(x));
            t.start();
            t.join();
        }
        assertEquals(List.of(), other);
    }

    @Test
    void aThrowingHookStopsThePassAndLeavesTheModelAsItWas() throws Exception {
        OnnxGraphModel m = model();
        Tensor x = OnnxModelLoaderTest.npy("residual/input.npy");
        float[] before = m.forward(x).toArray();
        IllegalStateException stop = new IllegalStateException("stop");
        try (PassHook h = PassHook.install(rows -> {
            throw stop;
        })) {
            assertEquals(stop, assertThrows(IllegalStateException.class, () -> m.forward(x)));
        }
        assertArrayEquals(before, m.forward(x).toArray());
        PassHook a = PassHook.install(rows -> { });
        PassHook b = PassHook.install(rows -> { });
        assertThrows(IllegalStateException.class, a::close); // out of order
        b.close();
        a.close();
    }
}
