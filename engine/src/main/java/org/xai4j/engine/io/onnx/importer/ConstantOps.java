package org.xai4j.engine.io.onnx.importer;

import java.util.Map;
import org.xai4j.engine.io.onnx.OnnxTensor;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;

/**
 * Values that do not depend on float data: Constant, and Shape / Gather / Cast as PyTorch's exporter
 * emits them to compute a Reshape target from the dynamic batch size ({@code x.view(x.size(0), -1)}).
 */
final class ConstantOps {
    private ConstantOps() {}

    static void register(Map<String, OpTranslator> r) {
        r.put("Constant", ConstantOps::constant);
        r.put("Shape", c -> {
            int[] s = c.isInts(0) ? c.ints(0).shape() : c.in(0).shape();
            long[] v = new long[s.length];
            for (int i = 0; i < s.length; i++) v[i] = s[i];
            c.outputInts(0, IntValue.vector(v));
        });
        r.put("Gather", ConstantOps::gather);
        r.put("Cast", ConstantOps::cast);
    }

    private static void constant(NodeContext c) {
        var n = c.node();
        if (n.has("value")) {
            OnnxTensor t = n.attrTensor("value");
            if (isInteger(t.dataType())) c.outputInts(0, new IntValue(t.toLongs(), t.shape()));
            else c.output(0, Tensor.of(t.toFloats(), t.shape()));
        } else if (n.has("value_float")) {
            c.output(0, Tensor.scalar(n.attrFloat("value_float", 0f)));
        } else if (n.has("value_floats")) {
            float[] f = n.attrFloats("value_floats");
            c.output(0, Tensor.of(f.clone(), f.length));
        } else if (n.has("value_int")) {
            c.outputInts(0, new IntValue(new long[] {n.attrInt("value_int", 0)}, new int[0]));
        } else if (n.has("value_ints")) {
            c.outputInts(0, IntValue.vector(n.attrInts("value_ints").clone()));
        } else {
            throw c.fail("needs one of the attributes value, value_float(s), value_int(s)");
        }
    }

    static boolean isInteger(int dataType) {
        return dataType == OnnxTensor.INT64 || dataType == OnnxTensor.INT32 || dataType == OnnxTensor.INT16
                || dataType == OnnxTensor.INT8 || dataType == OnnxTensor.UINT8 || dataType == OnnxTensor.BOOL;
    }

    /** Gather on exact integers (shape[i]); on float data, Ops.gather so gradients flow. */
    private static void gather(NodeContext c) {
        int axis = (int) c.node().attrInt("axis", 0);
        IntValue idx = c.ints(1);
        if (c.isInts(0)) {
            IntValue data = c.ints(0);
            if (data.shape().length != 1 || axis != 0) throw c.fail("integer Gather supports 1-D data on axis 0, got " + data);
            long[] out = new long[idx.values().length];
            for (int i = 0; i < out.length; i++) {
                long k = idx.values()[i] < 0 ? idx.values()[i] + data.values().length : idx.values()[i];
                if (k < 0 || k >= data.values().length) throw c.fail("index " + idx.values()[i] + " out of range for " + data);
                out[i] = data.values()[(int) k];
            }
            c.outputInts(0, new IntValue(out, idx.shape()));
            return;
        }
        Tensor x = c.in(0);
        int ax = axis < 0 ? axis + x.dim() : axis;
        int size = x.shape()[ax];
        int[] index = idx.toInts();
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0) index[i] += size;
            if (index[i] < 0 || index[i] >= size) throw c.fail("index " + idx.values()[i] + " out of range for axis size " + size);
        }
        c.output(0, Ops.gather(x, ax, index, idx.shape()));
    }

    /** Cast between the types this engine holds: to an integer type stays exact; to float becomes a tensor. */
    private static void cast(NodeContext c) {
        int to = (int) c.node().attrInt("to", 0);
        if (isInteger(to)) {
            if (c.isInts(0)) {
                c.outputInts(0, c.ints(0));
            } else {
                Tensor x = c.in(0).contiguous();
                float[] f = x.toArray();
                long[] v = new long[f.length];
                for (int i = 0; i < f.length; i++) v[i] = to == OnnxTensor.BOOL ? (f[i] != 0 ? 1 : 0) : (long) f[i];
                c.outputInts(0, new IntValue(v, x.shape()));
            }
        } else if (to == OnnxTensor.FLOAT || to == OnnxTensor.DOUBLE || to == OnnxTensor.FLOAT16) {
            c.output(0, c.in(0));
        } else {
            throw c.fail("cast to " + OnnxTensor.typeName(to) + " is not supported");
        }
    }
}
