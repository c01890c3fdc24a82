package org.xai4j.explain.perturbation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A window's elements against the definition (every in-bounds multi-index from the window's start,
 * flattened row-major), in order, on 1-, 2- and 3-axis rows, windows clipped at the edge; and the
 * precomputed table equal to the one-at-a-time answer.
 */
class WindowGridTest {
    private static int[] expected(int[] dims, int[] window, int[] stride, int k) {
        int rank = dims.length;
        int[] counts = new int[rank], begin = new int[rank];
        for (int a = 0; a < rank; a++) counts[a] = (dims[a] - window[a] + stride[a] - 1) / stride[a] + 1;
        int rest = k;
        for (int a = 0; a < rank; a++) {
            begin[a] = (rest % counts[a]) * stride[a];
            rest /= counts[a];
        }
        List<Integer> out = new ArrayList<>();
        int total = 1;
        for (int w : window) total *= w;
        for (int e = 0; e < total; e++) {
            int rem = e, flat = 0, mul = 1;
            boolean inside = true;
            int[] idx = new int[rank];
            for (int a = rank - 1; a >= 0; a--) {
                idx[a] = begin[a] + rem % window[a];
                rem /= window[a];
                if (idx[a] >= dims[a]) inside = false;
            }
            for (int a = rank - 1; a >= 0; a--) {
                flat += idx[a] * mul;
                mul *= dims[a];
            }
            if (inside) out.add(flat);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Test
    void elementsFollowTheDefinition() {
        int[][][] cases = {
            {{101}, {5}, {1}}, {{4, 101}, {4, 5}, {4, 1}}, {{3, 32, 32}, {3, 16, 16}, {3, 8, 8}},
            {{3, 10, 7}, {1, 4, 3}, {1, 3, 2}}, {{2, 9}, {2, 4}, {1, 4}}};
        for (int[][] c : cases) {
            WindowGrid grid = new WindowGrid(c[0], c[1], c[2]);
            int[][] table = grid.allElements();
            int[] buffer = new int[grid.maxElements()];
            for (int k = 0; k < grid.windows(); k++) {
                int[] want = expected(c[0], c[1], c[2], k);
                int n = grid.elements(k, buffer);
                assertArrayEquals(want, java.util.Arrays.copyOf(buffer, n), java.util.Arrays.deepToString(c) + " window " + k);
                assertArrayEquals(want, table[k], "table, window " + k);
            }
            assertEquals(grid.windows(), table.length);
        }
    }
}
