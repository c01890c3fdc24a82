package org.xai4j.engine.autodiff;

import org.xai4j.engine.ops.Broadcasting;
import org.xai4j.engine.tensor.Shape;
import org.xai4j.engine.tensor.ShapeException;
import org.xai4j.engine.tensor.Tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collections;

/**
 * Reverse-mode differentiation over the recorded graph: gradients of an output with respect to any
 * tensors (inputs, parameters or intermediate activations), and scoped replacement of an op's
 * backward rule.
 */
public final class Gradients {
    private static final ThreadLocal<Map<OpType, Deque<BackwardRule>>> OVERRIDES =
            ThreadLocal.withInitial(() -> new EnumMap<>(OpType.class));

    private Gradients() {}

    /** d(sum of output)/d(wrt): the backward pass seeded with ones (for a scalar loss, its gradient). */
    public static Tensor[] gradOfSum(Tensor output, Tensor... wrt) {
        return grad(output, Tensor.ones(output.shape()).to(output.device()), wrt);
    }

    /**
     * The vector-Jacobian product seed^T * d(output)/d(wrt_i) for each requested tensor.
     * A requested tensor the output does not depend on gets zeros.
     *
     * @param seed the upstream gradient, shaped like output (e.g. one-hot per row); not modified
     */
    public static Tensor[] grad(Tensor output, Tensor seed, Tensor... wrt) {
        if (wrt.length == 0) {
            throw new IllegalArgumentException("grad: no tensors to differentiate with respect to"
                    + " (grad takes output, seed, wrt...; gradOfSum takes output, wrt...)");
        }
        if (!Shape.same(output.shape(), seed.shape())) {
            throw new ShapeException("grad: seed shape " + Shape.str(seed.shape()) + " differs from output shape "
                    + Shape.str(output.shape()));
        }
        Set<Tensor> wanted = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Tensor t : wrt) wanted.add(t);
        Map<Tensor, Tensor> grads = new IdentityHashMap<>();
        Set<Tensor> owned = Collections.newSetFromMap(new IdentityHashMap<>());
        // a host seed (oneHotSeed) follows a device output; the walk then stays on that device
        grads.put(output, seed.to(output.device()));

        try (GradMode.Scope ignored = GradMode.noGrad()) {
            List<Node> order = topologicalOrder(output);
            Map<Node, Boolean> leads = leadsToWanted(order, wanted);
            for (int n = order.size() - 1; n >= 0; n--) {
                Node node = order.get(n);
                if (!leads.get(node)) continue;
                Tensor g = grads.get(node.output());
                if (g == null) continue; // output not reached by the seed
                if (!wanted.contains(node.output())) grads.remove(node.output());
                boolean[] needs = new boolean[node.inputCount()];
                boolean any = false;
                for (int i = 0; i < needs.length; i++) {
                    Tensor in = node.input(i);
                    needs[i] = in != null && (wanted.contains(in) || (in.gradFn() != null && leads.getOrDefault(in.gradFn(), false)));
                    any |= needs[i];
                }
                if (!any) continue;
                Tensor[] inGrads = ruleFor(node.op()).vjp(node, g, needs);
                for (int i = 0; i < needs.length; i++) {
                    if (!needs[i]) continue;
                    Tensor gi = inGrads[i];
                    if (gi == null) {
                        throw new UnsupportedOperationException("gradient of " + node.op().name()
                                + " with respect to its input " + i + " is not implemented");
                    }
                    accumulate(grads, owned, node.input(i), Broadcasting.sumToShape(gi, node.input(i).shape()));
                }
            }
        }
        Tensor[] out = new Tensor[wrt.length];
        for (int i = 0; i < wrt.length; i++) {
            Tensor g = grads.get(wrt[i]);
            out[i] = g != null ? g : Tensor.zeros(wrt[i].shape()).to(wrt[i].device());
        }
        return out;
    }

    private static void accumulate(Map<Tensor, Tensor> grads, Set<Tensor> owned, Tensor key, Tensor g) {
        Tensor prev = grads.get(key);
        if (prev == null) {
            grads.put(key, g);
        } else if (owned.contains(prev)) {
            Broadcasting.addInPlace(prev, g);
        } else {
            Tensor sum = Broadcasting.addFresh(prev, g);
            owned.add(sum);
            grads.put(key, sum);
        }
    }

    /** Nodes reachable from output, each after all nodes that produce its inputs (iterative DFS). */
    static List<Node> topologicalOrder(Tensor output) {
        List<Node> order = new ArrayList<>();
        if (output.gradFn() == null) return order;
        Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Object[]> stack = new ArrayDeque<>();
        stack.push(new Object[] {output.gradFn(), 0});
        visited.add(output.gradFn());
        while (!stack.isEmpty()) {
            Object[] top = stack.peek();
            Node node = (Node) top[0];
            int i = (Integer) top[1];
            if (i < node.inputCount()) {
                top[1] = i + 1;
                Tensor in = node.input(i);
                Node child = in == null ? null : in.gradFn();
                if (child != null && visited.add(child)) stack.push(new Object[] {child, 0});
            } else {
                stack.pop();
                order.add(node);
            }
        }
        return order;
    }

    /** For each node (in topological order): does a gradient path lead from it to a wanted tensor? */
    private static Map<Node, Boolean> leadsToWanted(List<Node> order, Set<Tensor> wanted) {
        Map<Node, Boolean> leads = new IdentityHashMap<>();
        for (Node node : order) {
            boolean l = false;
            for (int i = 0; i < node.inputCount() && !l; i++) {
                Tensor in = node.input(i);
                if (in == null) continue;
                l = wanted.contains(in) || (in.gradFn() != null && leads.getOrDefault(in.gradFn(), false));
            }
            leads.put(node, l);
        }
        return leads;
    }

    // ---- scoped rule overrides ----------------------------------------------------------------

    /**
     * Replaces the backward rule of every recorded node of type {@code type} on this thread until the
     * returned scope closes (guided backprop, deconvolution and DeepLIFT replace ReLU's rule this way).
     * Scopes nest; the innermost open one is in force.
     */
    public static GradMode.Scope override(OpType type, BackwardRule rule) {
        if (type == null || rule == null) throw new IllegalArgumentException("override: op type and rule must not be null");
        Map<OpType, Deque<BackwardRule>> map = OVERRIDES.get();
        Deque<BackwardRule> stack = map.computeIfAbsent(type, k -> new ArrayDeque<>());
        stack.push(rule);
        return () -> {
            stack.remove(rule);
            if (stack.isEmpty()) map.remove(type);
        };
    }

    /**
     * {@link #override(OpType, BackwardRule)} for an op named at run time ("MaxPool"); an unknown name is
     * refused at once with an {@link IllegalArgumentException} listing the known ops.
     */
    public static GradMode.Scope override(String opName, BackwardRule rule) {
        return override(OpType.named(opName), rule);
    }

    /** Whether any backward rule is overridden on this thread ({@link #override}). */
    public static boolean overridesActive() {
        return !OVERRIDES.get().isEmpty();
    }

    /** The rule in force for an op on this thread: the innermost override, else the op's own. */
    public static BackwardRule ruleFor(Op op) {
        Map<OpType, Deque<BackwardRule>> map = OVERRIDES.get();
        if (!map.isEmpty()) {
            Deque<BackwardRule> stack = map.get(op.type());
            if (stack != null && !stack.isEmpty()) return stack.peek();
        }
        return op;
    }

    /** A seed of zeros with 1 at (row, targets[row]) of a (rows, classes) output: picks one logit per row. */
    public static Tensor oneHotSeed(int[] outputShape, int[] targets) {
        if (outputShape.length != 2 || outputShape[0] != targets.length) {
            throw new ShapeException("oneHotSeed: output shape " + Shape.str(outputShape) + " does not match "
                    + targets.length + " targets");
        }
        Tensor seed = Tensor.zeros(outputShape);
        float[] d = seed.data();
        for (int r = 0; r < targets.length; r++) {
            if (targets[r] < 0 || targets[r] >= outputShape[1]) {
                throw new IllegalArgumentException("target " + targets[r] + " of row " + r + " outside [0, " + outputShape[1] + ")");
            }
            d[r * outputShape[1] + targets[r]] = 1f;
        }
        return seed;
    }
}
