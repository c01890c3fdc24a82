package org.xai4j.engine.io.onnx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Structural checks on a graph: every node input is produced by a node, an initializer or a graph
 * input; no name is produced twice; no cycles. Returns the nodes in a topological order (Kahn's
 * algorithm, stable with respect to file order), so a file whose nodes are out of order still runs.
 */
public final class OnnxGraphValidator {
    private OnnxGraphValidator() {}

    public static List<OnnxNode> check(OnnxGraph g, String source) throws OnnxFormatException {
        Set<String> available = new HashSet<>();
        for (OnnxTensor t : g.initializers()) available.add(t.name());
        for (OnnxValueInfo v : g.inputs()) available.add(v.name());
        Map<String, Integer> producer = new HashMap<>();
        List<OnnxNode> nodes = g.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            for (String o : nodes.get(i).outputs()) {
                if (o.isEmpty()) continue;
                if (producer.put(o, i) != null) {
                    throw new OnnxFormatException(source + ": tensor '" + o + "' is produced twice (again by node " + nodes.get(i).label() + ")");
                }
            }
        }
        int[] pending = new int[nodes.size()];
        Map<String, List<Integer>> consumers = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            OnnxNode n = nodes.get(i);
            for (String in : n.inputs()) {
                if (in.isEmpty() || available.contains(in) && !producer.containsKey(in)) continue;
                if (!producer.containsKey(in)) {
                    throw new OnnxFormatException(source + ": dangling input '" + in + "' of node " + n.label()
                            + ": not produced by any node, initializer or graph input");
                }
                pending[i]++;
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(i);
            }
        }
        Deque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < nodes.size(); i++) if (pending[i] == 0) ready.add(i);
        List<OnnxNode> order = new ArrayList<>(nodes.size());
        while (!ready.isEmpty()) {
            int i = ready.poll();
            order.add(nodes.get(i));
            for (String o : nodes.get(i).outputs()) {
                for (int c : consumers.getOrDefault(o, List.of())) if (--pending[c] == 0) ready.add(c);
            }
        }
        if (order.size() != nodes.size()) {
            for (int i = 0; i < nodes.size(); i++) {
                if (pending[i] > 0) {
                    throw new OnnxFormatException(source + ": the graph has a cycle through node " + nodes.get(i).label());
                }
            }
        }
        for (OnnxValueInfo out : g.outputs()) {
            if (!producer.containsKey(out.name()) && !available.contains(out.name())) {
                throw new OnnxFormatException(source + ": graph output '" + out.name() + "' is not produced by any node");
            }
        }
        return order;
    }
}
