package org.xai4j.explain.gradient;

import java.util.ArrayList;
import java.util.List;
import org.xai4j.engine.autodiff.BackwardRule;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.autodiff.Gradients;
import org.xai4j.engine.autodiff.OpType;
import org.xai4j.engine.tensor.Tensor;

/**
 * The backward rules of layer-wise relevance propagation (Bach et al., PLoS ONE 2015; the ε-rule of
 * Montavon et al., "Layer-Wise Relevance Propagation: An Overview", 2019, eq. 4), installed as scoped
 * overrides so that every recorded node (a reused module included) follows them. What flows backward is
 * relevance: a linear op z = f(a_1, .., a_k) gives each input R_i = a_i ⊙ vjp_i(R / (z + ε·sign z))
 * (sign 0 counts as 1), as Captum 0.7's {@code EpsilonRule} on Linear, Conv, pooling and (here, as ONNX
 * splits a Linear into MatMul and Add) the bias addition; ReLU, Tanh and Dropout pass relevance through
 * unchanged (Captum's activation hook); an op with no rule refuses by name.
 */
final class LrpRules {
    private LrpRules() {}

    /** The linear ops that redistribute relevance in proportion to their inputs' contributions. */
    private static final OpType[] LINEAR = {OpType.MAT_MUL, OpType.ADD, OpType.CONV, OpType.MAX_POOL, OpType.AVERAGE_POOL,
            OpType.REDUCE_MEAN, OpType.REDUCE_SUM};
    /** Activations relevance passes through (Captum: ReLU, Tanh, Dropout). */
    private static final OpType[] PASS = {OpType.RELU, OpType.TANH, OpType.DROPOUT};
    /** Ops with no LRP rule: refused rather than differentiated plainly. */
    private static final OpType[] REFUSED = {OpType.SIGMOID, OpType.SOFTMAX, OpType.LOG_SOFTMAX, OpType.ELU, OpType.LEAKY_RELU,
            OpType.MUL, OpType.DIV, OpType.SUB, OpType.POW, OpType.EXP, OpType.LOG, OpType.SQRT, OpType.REDUCE_MAX};

    /** R_i = a_i ⊙ vjp_i(R / (z + ε sign z)) for every input that needs it. */
    static BackwardRule epsilon(double epsilon) {
        return (node, g, needs) -> {
            float[] z = node.output().contiguous().toArray(), gv = g.contiguous().toArray();
            float[] s = new float[z.length];
            for (int i = 0; i < z.length; i++) {
                double stabilized = z[i] + (z[i] >= 0 ? epsilon : -epsilon);
                s[i] = (float) (gv[i] / stabilized);
            }
            Tensor[] plain = node.op().vjp(node, Tensor.of(s, node.output().shape()), needs);
            Tensor[] out = new Tensor[plain.length];
            for (int i = 0; i < plain.length; i++) {
                if (plain[i] == null || !needs[i]) continue;
                out[i] = times(node.input(i), plain[i]);
            }
            return out;
        };
    }

    private static final BackwardRule PASS_THROUGH = (node, g, needs) -> new Tensor[] {g};

    private static BackwardRule refuse(OpType op) {
        return (node, g, needs) -> {
            throw new UnsupportedOperationException("lrp: no relevance rule for op " + op
                    + " (as Captum's LRP, only Linear/Conv/pooling/addition and ReLU, Tanh, Dropout are supported)");
        };
    }

    /** a ⊙ v, with a broadcast to v's shape where a is a broadcast input (a bias). */
    private static Tensor times(Tensor a, Tensor v) {
        try (GradMode.Scope ignored = GradMode.noGrad()) {
            return org.xai4j.engine.ops.Ops.mul(a, v);
        }
    }

    /** Installs the rules until the scope closes. */
    static GradMode.Scope install(double epsilon) {
        List<GradMode.Scope> scopes = new ArrayList<>();
        BackwardRule eps = epsilon(epsilon);
        for (OpType op : LINEAR) scopes.add(Gradients.override(op, eps));
        for (OpType op : PASS) scopes.add(Gradients.override(op, PASS_THROUGH));
        for (OpType op : REFUSED) scopes.add(Gradients.override(op, refuse(op)));
        return () -> {
            for (int i = scopes.size() - 1; i >= 0; i--) scopes.get(i).close();
        };
    }
}
