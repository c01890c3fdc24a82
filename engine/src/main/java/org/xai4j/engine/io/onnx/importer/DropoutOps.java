package org.xai4j.engine.io.onnx.importer;

import java.util.Map;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;

/**
 * Dropout: the identity at inference whatever the graph says (a model exported in training mode
 * carries training_mode=true); active only when the run asks for MC dropout
 * ({@code RunOptions.dropoutActive}), with Philox masks from (seed, stream) and a stream per node so
 * two Dropout nodes never share a mask (per row with {@code RunOptions.rowStreams}).
 */
final class DropoutOps {
    /** Dropout nodes per run: node i of run stream s uses Philox stream s * STREAMS_PER_RUN + i. */
    static final long STREAMS_PER_RUN = 1L << 20;

    private DropoutOps() {}

    static void register(Map<String, OpTranslator> r) {
        r.put("Dropout", DropoutOps::dropout);
    }

    private static void dropout(NodeContext c) {
        float ratio = 0.5f;
        if (c.opset() < 12) {
            ratio = c.node().attrFloat("ratio", 0.5f);
        } else if (c.has(1)) {
            ratio = ElementwiseOps.scalar(c, 1);
        }
        if (!(ratio >= 0f && ratio < 1f)) throw c.fail("ratio " + ratio + " is outside [0, 1)");
        var o = c.options();
        Tensor x = c.in(0);
        Tensor y = Ops.dropout(x, ratio, o.dropoutActive(), o.seed(), o.layerStreams(STREAMS_PER_RUN, c.nodeIndex()));
        c.output(0, y);
        if (c.node().outputs().size() > 1 && !c.node().outputs().get(1).isEmpty() && c.outputRead(1)) {
            c.outputInts(1, mask(x, y, o.dropoutActive() && ratio > 0f));
        }
    }

    /**
     * The optional mask output (1 = kept): all ones when inactive; when active, read back from the
     * result (an element is kept when it is nonzero after dropout; a zero input counts as kept). Integer
     * values live on the host, so a device run copies x and y back for it.
     */
    private static IntValue mask(Tensor x, Tensor y, boolean active) {
        float[] xv = x.toHost().toArray(), yv = y.toHost().toArray();
        long[] m = new long[xv.length];
        for (int i = 0; i < m.length; i++) m[i] = !active || yv[i] != 0f || xv[i] == 0f ? 1 : 0;
        return new IntValue(m, x.shape());
    }
}
