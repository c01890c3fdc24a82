package org.xai4j.explain.gradient;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xai4j.engine.autodiff.BackwardRule;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.autodiff.Node;
import org.xai4j.engine.autodiff.OpType;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;

/**
 * The backward rules of layer-wise relevance propagation (Bach et al., PLoS ONE 2015; Montavon et al.,
 * "Layer-Wise Relevance Propagation: An Overview", 2019, eqs. 4-7), installed as scoped overrides keyed by op
 * type, so that every recorded node (a reused module included, which Captum's module hooks refuse) follows
 * them. What flows backward is relevance. A layer z = f(a, W) + b gives its input
 * R_a = a ⊙ vjp_{W'}(R / (z' + ε·sign z')) with z' = f(a, W') + b' (sign 0 counts as 1): Captum 0.7's
 * {@code PropagationRule} hooks, with W', b' and ε from the layer type's {@link LrpRule}. ONNX splits a Linear
 * into MatMul and a bias Add: the Add divides by the whole layer's z' and the MatMul then only multiplies, so
 * the layer divides once, as Captum's Linear does. ReLU, Tanh and Dropout pass relevance through unchanged
 * (Captum's activation hook); an op with no rule refuses by name.
 */
final class LrpRules {
    /** Activations relevance passes through (Captum: ReLU, Tanh, Dropout). */
    private static final OpType[] PASS = {OpType.RELU, OpType.TANH, OpType.DROPOUT};
    /** Ops with no LRP rule: refused rather than differentiated plainly. */
    private static final OpType[] REFUSED = {OpType.SIGMOID, OpType.SOFTMAX, OpType.LOG_SOFTMAX, OpType.ELU, OpType.LEAKY_RELU,
            OpType.MUL, OpType.DIV, OpType.SUB, OpType.POW, OpType.EXP, OpType.LOG, OpType.SQRT, OpType.REDUCE_MAX};

    private final Lrp.Options options;
    private final Tensor leaf;
    /** MatMul nodes whose bias Add has already divided by the layer's output; each removed when its rule runs. */
    private final Set<Node> normalized = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Modified weights by original tensor and layer type, for the scope (a weight is used by every chunk's pass). */
    private final Map<LrpLayerType, Map<Tensor, Tensor>> modified = new java.util.EnumMap<>(LrpLayerType.class);

    private LrpRules(Lrp.Options options, Tensor leaf) {
        this.options = options;
        this.leaf = leaf;
    }

    /** Installs the rules until the scope closes; {@code leaf} is the explained input (every other leaf is a parameter). */
    static GradMode.Scope install(Lrp.Options options, Tensor leaf) {
        LrpRules r = new LrpRules(options, leaf);
        List<GradMode.Scope> scopes = new ArrayList<>();
        scopes.add(Gradients.override(OpType.MAT_MUL, r::weightProduct));
        scopes.add(Gradients.override(OpType.ADD, r::addition));
        scopes.add(Gradients.override(OpType.CONV, r::convolution));
        scopes.add(Gradients.override(OpType.MAX_POOL, r.weightless(LrpLayerType.MAX_POOL)));
        // GlobalAveragePool is a ReduceMean here; a ReduceSum pools the same way, without the 1/k
        for (OpType op : new OpType[] {OpType.AVERAGE_POOL, OpType.REDUCE_MEAN, OpType.REDUCE_SUM}) {
            scopes.add(Gradients.override(op, r.weightless(LrpLayerType.AVG_POOL)));
        }
        for (OpType op : PASS) scopes.add(Gradients.override(op, (node, g, needs) -> new Tensor[] {g}));
        for (OpType op : REFUSED) scopes.add(Gradients.override(op, refuse(op)));
        return () -> {
            for (int i = scopes.size() - 1; i >= 0; i--) scopes.get(i).close();
        };
    }

    /** A MatMul (a linear layer's weight product): R_a = a ⊙ vjp_{W'}(s), s = R / z' unless its bias Add divided already. */
    private Tensor[] weightProduct(Node node, Tensor g, boolean[] needs) {
        LrpLayerType type = LrpLayerType.LINEAR;
        Tensor[] in = modifiedInputs(node, type, false);
        Tensor s = normalized.remove(node) ? g : stabilized(g, outputUnder(node, in, type), epsilon(type));
        return relevance(node, in, s, needs);
    }

    /** An Add: a linear layer's bias (one constant input after a MatMul), else an addition of activations. */
    private Tensor[] addition(Node node, Tensor g, boolean[] needs) {
        int activation = needs[0] && !needs[1] ? 0 : needs[1] && !needs[0] ? 1 : -1;
        Node product = activation < 0 ? null : node.input(activation).gradFn();
        if (product == null || product.type() != OpType.MAT_MUL) return weightless(LrpLayerType.ADD).vjp(node, g, needs);
        LrpLayerType type = LrpLayerType.LINEAR;
        Tensor z = node.output();
        if (options.rules().ruleFor(type) != LrpRule.EPSILON) {
            Tensor u = outputUnder(product, modifiedInputs(product, type, false), type);
            z = noGrad(() -> Ops.add(u, bias(node.input(1 - activation), type)));
        }
        // the layer's R / z' goes to the MatMul, which multiplies by its input: one division per layer
        normalized.add(product);
        Tensor[] out = new Tensor[2];
        out[activation] = stabilized(g, z, epsilon(type));
        return out;
    }

    /** A Conv: R_x = x ⊙ vjp_{W'}(R / (conv(x, W') + b')). */
    private Tensor[] convolution(Node node, Tensor g, boolean[] needs) {
        LrpLayerType type = LrpLayerType.CONV;
        Tensor[] in = modifiedInputs(node, type, true);
        return relevance(node, in, stabilized(g, outputUnder(node, in, type), epsilon(type)), needs);
    }

    /** Pooling and additions of activations: R_i = a_i ⊙ vjp(R / (z + ε sign z)); a rule sets only ε. */
    private BackwardRule weightless(LrpLayerType type) {
        return (node, g, needs) -> relevance(node, inputs(node), stabilized(g, node.output(), epsilon(type)), needs);
    }

    /** a_i ⊙ vjp_i(s) over the (modified) inputs, for every input that needs it. */
    private static Tensor[] relevance(Node node, Tensor[] in, Tensor s, boolean[] needs) {
        Tensor[] v = node.op().vjp(node.withInputs(in, node.output()), s, needs);
        Tensor[] out = new Tensor[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] == null || !needs[i]) continue;
            Tensor a = node.input(i), vi = v[i];
            out[i] = noGrad(() -> Ops.mul(a, vi));
        }
        return out;
    }

    /** s = R / (z + ε·sign z), sign 0 counting as 1 (Captum's {@code _backward_hook_output}). */
    private static Tensor stabilized(Tensor g, Tensor z, double epsilon) {
        float[] zv = z.contiguous().toArray(), gv = g.contiguous().toArray();
        float[] s = new float[zv.length];
        for (int i = 0; i < zv.length; i++) {
            double stabilized = zv[i] + (zv[i] >= 0 ? epsilon : -epsilon);
            s[i] = (float) (gv[i] / stabilized);
        }
        return Tensor.of(s, z.shape());
    }

    /** The node's output with its modified inputs: the recorded one under the epsilon rule, which modifies nothing. */
    private Tensor outputUnder(Node node, Tensor[] in, LrpLayerType type) {
        if (options.rules().ruleFor(type) == LrpRule.EPSILON) return node.output();
        return noGrad(() -> node.op().apply(in));
    }

    /** The node's inputs with its parameters replaced: weights by W', and (when {@code withBias}) the third input by b'. */
    private Tensor[] modifiedInputs(Node node, LrpLayerType type, boolean withBias) {
        Tensor[] in = inputs(node);
        for (int i = 0; i < in.length; i++) {
            if (!isParameter(in[i])) continue;
            in[i] = withBias && i == 2 ? bias(in[i], type) : weight(in[i], type);
        }
        return in;
    }

    /** Every leaf but the explained input is a parameter (a weight or a bias: constant with respect to the input). */
    private boolean isParameter(Tensor t) {
        return t != null && t != leaf && t.gradFn() == null;
    }

    /** W' of the layer type's rule: W (epsilon), W + γ·max(W, 0) (gamma), max(W, 0) (alpha1-beta0), in float32 as torch. */
    private Tensor weight(Tensor w, LrpLayerType type) {
        LrpRule rule = options.rules().ruleFor(type);
        if (rule == LrpRule.EPSILON) return w;
        return modified.computeIfAbsent(type, k -> new IdentityHashMap<>()).computeIfAbsent(w, k -> {
            float[] v = w.contiguous().toArray();
            float gamma = (float) options.gamma();
            for (int i = 0; i < v.length; i++) {
                float positive = Math.max(v[i], 0f);
                v[i] = rule == LrpRule.GAMMA ? v[i] + gamma * positive : positive;
            }
            return Tensor.of(v, w.shape());
        });
    }

    /** b' of the layer type's rule: zeros where the rule sets the bias to zero (Captum's set_bias_to_zero), else b. */
    private Tensor bias(Tensor b, LrpLayerType type) {
        boolean zero = options.setBiasToZero() && options.rules().ruleFor(type) != LrpRule.EPSILON;
        return zero ? Tensor.zeros(b.shape()).to(b.device()) : b;
    }

    /** ε of the layer type's rule: --epsilon for the epsilon rule, Captum's fixed 1e-9 for gamma and z+. */
    private double epsilon(LrpLayerType type) {
        return options.rules().ruleFor(type) == LrpRule.EPSILON ? options.epsilon() : LrpRule.STABILITY_FACTOR;
    }

    private static Tensor[] inputs(Node node) {
        Tensor[] in = new Tensor[node.inputCount()];
        for (int i = 0; i < in.length; i++) in[i] = node.input(i);
        return in;
    }

    private static BackwardRule refuse(OpType op) {
        return (node, g, needs) -> {
            throw new UnsupportedOperationException("lrp: no relevance rule for op " + op
                    + " (as Captum's LRP, only Linear/Conv/pooling/addition and ReLU, Tanh, Dropout are supported)");
        };
    }

    private static Tensor noGrad(java.util.function.Supplier<Tensor> f) {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return f.get();
        }
    }
}
