package org.xai4j.explain.uncertainty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.backend.Parallel;
import org.xai4j.engine.io.onnx.OnnxModelLoader;
import org.xai4j.engine.nn.PassHook;
import org.xai4j.engine.tensor.Tensor;

/**
 * MC dropout runs its passes on worker threads; the pass hooks of the calling thread (a service's
 * progress, cancellation, deadline) still run once before every pass, one call at a time.
 */
class McPassHookTest {
    @Test
    void theCallersHooksRunForEveryPassOnAnyThread() throws Exception {
        var model = OnnxModelLoader.load(UncertaintyPyTorchTest.resource("mlp_dropout_logvar.onnx"));
        Tensor x = Tensor.ones(9, 4);
        int before = Parallel.threads();
        try {
            for (int threads : new int[] {1, 2, 3}) {
                Parallel.setThreads(threads);
                // 9 samples x 40 passes in chunks of 2 samples (80 rows): 5 passes; 30 rows: waves of 30-row chunks
                for (int rows : new int[] {80, 30}) {
                    List<Integer> seen = new ArrayList<>(); // not thread-safe: the calls must come one at a time
                    int[] outer = {0};
                    UncertaintyOptions o = UncertaintyOptions.monteCarlo(40, 1).withBatchRows(rows);
                    try (PassHook a = PassHook.install(r -> outer[0]++); PassHook b = PassHook.install(seen::add)) {
                        MonteCarloDropout.estimate(model, List.of(x), o, null);
                    }
                    int passes = rows == 80 ? 5 : 12;
                    assertEquals(passes, seen.size(), rows + " rows, " + threads + " threads");
                    assertEquals(passes, outer[0], "the outer hook too, once per pass");
                    assertEquals(9 * 40, seen.stream().mapToInt(Integer::intValue).sum(), "every row once");
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    @Test
    void aHookThatThrowsStopsTheRun() throws Exception {
        var model = OnnxModelLoader.load(UncertaintyPyTorchTest.resource("mlp_dropout_logvar.onnx"));
        int before = Parallel.threads();
        try {
            Parallel.setThreads(2);
            int[] calls = {0};
            try (PassHook h = PassHook.install(r -> {
                if (++calls[0] == 3) throw new IllegalStateException("cancelled");
            })) {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> MonteCarloDropout.estimate(
                        model, List.of(Tensor.ones(20, 4)), UncertaintyOptions.monteCarlo(40, 1).withBatchRows(40), null));
                assertEquals("cancelled", e.getMessage());
            }
        } finally {
            Parallel.setThreads(before);
        }
    }
}
