package org.xai4j.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xai4j.engine.nn.Activations;
import org.xai4j.engine.nn.Model;
import org.xai4j.engine.nn.RunOptions;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;

/** The outputs the default targets come from, --batch-size rows per pass: the same numbers, passes no larger. */
class TargetsTest {
    @Test
    void outputsInChunksAreTheWholeBatchsAndRespectTheBatchSize() {
        Tensor w = Tensor.of(new float[] {1, -2, 0.5f, 3, 1, -1}, 3, 2);
        List<Integer> passRows = new ArrayList<>();
        Model model = new Model() {
            @Override
            public List<String> inputNames() {
                return List.of("x");
            }

            @Override
            public List<String> outputNames() {
                return List.of("y");
            }

            @Override
            public Activations run(List<Tensor> inputs, RunOptions options) {
                passRows.add(inputs.get(0).shape()[0]);
                Tensor y = Ops.linear(inputs.get(0), w, null);
                return new Activations(new java.util.LinkedHashMap<>(java.util.Map.of("x", inputs.get(0), "y", y)), List.of("y"));
            }
        };
        float[] xv = new float[14];
        for (int i = 0; i < xv.length; i++) xv[i] = (float) Math.sin(i);
        Tensor x = Tensor.of(xv, 7, 2);
        float[] whole = Targets.outputs(model, x, 64).toArray();
        passRows.clear();
        float[] chunked = Targets.outputs(model, x, 3).toArray();
        assertArrayEquals(whole, chunked);
        assertEquals(List.of(3, 3, 1), passRows);
        assertArrayEquals(Targets.resolve(model, x, null), Targets.resolve(Targets.outputs(model, x, 2), 7, null));
    }
}
