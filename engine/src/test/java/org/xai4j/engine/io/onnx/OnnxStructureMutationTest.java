package org.xai4j.engine.io.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.xai4j.engine.io.onnx.ModelSpec.Attr;
import static org.xai4j.engine.io.onnx.ModelSpec.Init;
import static org.xai4j.engine.io.onnx.ModelSpec.Node;
import static org.xai4j.engine.io.onnx.ModelSpec.Value;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.xai4j.engine.autodiff.GradMode;
import org.xai4j.engine.io.AllocationMeter;
import org.xai4j.engine.io.onnx.importer.OnnxImportException;
import org.xai4j.engine.tensor.Tensor;

/**
 * Structure-aware ONNX mutations (issue 18): for every supported op a valid one-node model, then one
 * change at a time (an unknown attribute, an attribute of the wrong type, without a type, twice, out of
 * its range; too many or too few inputs and outputs; another domain), and model-level changes (IR
 * version, opsets, graph inputs and outputs, initializers, wiring, size bombs, nesting). Each mutant has
 * an expected outcome class: it runs, or it is refused at load with one line that starts with the file
 * name and holds the given key words (the node, attribute, input or initializer). Never another
 * exception, never a large allocation.
 */
class OnnxStructureMutationTest {
    @TempDir
    Path dir;

    /** One mutant: null keywords means the model must load and run. */
    record Mutant(String label, ModelSpec model, String... keywords) {
        boolean mustRun() {
            return keywords == null;
        }
    }

    private final List<Mutant> mutants = new ArrayList<>();

    private void runs(String label, ModelSpec m) {
        mutants.add(new Mutant(label, m, (String[]) null));
    }

    private void refused(String label, ModelSpec m, String... keywords) {
        mutants.add(new Mutant(label, m, keywords));
    }

    /** A copy of the op's model with one change made to it. */
    private static ModelSpec with(String op, Consumer<ModelSpec> change) {
        ModelSpec m = OpModels.of(op);
        change.accept(m);
        return m;
    }

    /** Values out of each ranged attribute's range, by name. */
    private static final Map<String, List<Attr>> OUT_OF_RANGE = Map.ofEntries(
            Map.entry("ceil_mode", List.of(Attr.i("ceil_mode", 99), Attr.i("ceil_mode", -1))),
            Map.entry("count_include_pad", List.of(Attr.i("count_include_pad", 2))),
            Map.entry("storage_order", List.of(Attr.i("storage_order", 7))),
            Map.entry("transA", List.of(Attr.i("transA", 5))),
            Map.entry("transB", List.of(Attr.i("transB", -1))),
            Map.entry("keepdims", List.of(Attr.i("keepdims", 3))),
            Map.entry("noop_with_empty_axes", List.of(Attr.i("noop_with_empty_axes", 9))),
            Map.entry("allowzero", List.of(Attr.i("allowzero", 2))),
            Map.entry("kernel_shape", List.of(Attr.ints("kernel_shape", 0, 2), Attr.ints("kernel_shape", -3, 3))),
            Map.entry("strides", List.of(Attr.ints("strides", 0, 1), Attr.ints("strides", -1, 1))),
            Map.entry("dilations", List.of(Attr.ints("dilations", 0, 1))),
            Map.entry("pads", List.of(Attr.ints("pads", -1, 0, 0, 0))),
            Map.entry("group", List.of(Attr.i("group", 0), Attr.i("group", -4))),
            Map.entry("auto_pad", List.of(Attr.s("auto_pad", "BOGUS"), Attr.s("auto_pad", "same_upper"))),
            Map.entry("mode", List.of(Attr.s("mode", "wrap"))),
            Map.entry("to", List.of(Attr.i("to", 0), Attr.i("to", OnnxTensor.STRING), Attr.i("to", 99))),
            Map.entry("alpha", List.of(Attr.f("alpha", Float.NaN), Attr.f("alpha", Float.POSITIVE_INFINITY))),
            Map.entry("beta", List.of(Attr.f("beta", Float.NaN))),
            Map.entry("epsilon", List.of(Attr.f("epsilon", -1f), Attr.f("epsilon", Float.NaN))),
            Map.entry("momentum", List.of(Attr.f("momentum", Float.NaN))),
            Map.entry("perm", List.of(Attr.ints("perm", 0, 1, 1, 2), Attr.ints("perm", 0, 1, 2, 9))),
            Map.entry("value_float", List.of(Attr.f("value_float", Float.NaN))));

    /** The same attribute with another type's value (the type code matching the value). */
    private static List<Attr> wrongTypes(Attr a) {
        List<Attr> out = new ArrayList<>();
        switch (a.type) {
            case OnnxAttribute.INT:
                out.add(Attr.f(a.name, a.i));
                out.add(Attr.s(a.name, Long.toString(a.i)));
                out.add(Attr.ints(a.name, a.i));
                break;
            case OnnxAttribute.FLOAT:
                out.add(Attr.s(a.name, Float.toString(a.f)));
                out.add(Attr.i(a.name, 1));
                out.add(Attr.floats(a.name, a.f));
                break;
            case OnnxAttribute.STRING:
                out.add(Attr.i(a.name, 0));
                break;
            case OnnxAttribute.INTS: {
                float[] f = new float[a.ints.length];
                for (int k = 0; k < f.length; k++) f[k] = a.ints[k];
                out.add(Attr.floats(a.name, f));
                out.add(Attr.i(a.name, a.ints.length == 0 ? 1 : a.ints[0]));
                break;
            }
            default:
                break;
        }
        return out;
    }

    private void perOpMutants() {
        for (String op : OpModels.OPS) {
            runs(op + " as made", OpModels.of(op));
            refused(op + " with an unknown attribute", with(op, m -> OpModels.target(m).attr(Attr.i("bogus", 1))),
                    "'target' (" + op + ")", "'bogus'", "is not an attribute");
            refused(op + " with a graph attribute", with(op, m -> {
                ModelSpec sub = new ModelSpec();
                OpModels.target(m).attr(Attr.graph("then_branch", sub));
            }), "'then_branch'");
            refused(op + " in another domain", with(op, m -> OpModels.target(m).domain = "com.example"), "unsupported op", "com.example");
            refused(op + " misspelled", with(op, m -> OpModels.target(m).op = op.toLowerCase(java.util.Locale.ROOT)),
                    "unsupported op");
            OnnxOpSchemas.Schema s = OnnxOpSchemas.get(op);
            if (s.maxInputs() != OnnxOpSchemas.MANY) {
                refused(op + " with one input too many", with(op, m -> {
                    Node t = OpModels.target(m);
                    while (t.in.size() <= s.maxInputs()) t.in.add("x");
                }), "'target'", "inputs, expected");
            }
            if (s.minInputs() > 0) {
                refused(op + " without inputs", with(op, m -> OpModels.target(m).in.clear()), "'target'", "inputs, expected");
                refused(op + " with its first input empty", with(op, m -> OpModels.target(m).in.set(0, "")), "'target'", "input 0 is empty");
            }
            refused(op + " with an output too many", with(op, m -> {
                Node t = OpModels.target(m);
                while (t.out.size() <= s.maxOutputs()) t.out.add("extra" + t.out.size());
            }), "'target'", "outputs, expected");
            for (Attr a : OpModels.target(OpModels.of(op)).attrs) {
                String name = a.name;
                refused(op + "." + name + " without a type", with(op, m -> OpModels.target(m).find(name).type = 0), "'" + name + "'", "must be");
                refused(op + "." + name + " twice", with(op, m -> OpModels.target(m).attrs.add(OpModels.target(m).find(name).copy())),
                        "'" + name + "'", "twice");
                refused(op + "." + name + " with an absurd type code", with(op, m -> OpModels.target(m).find(name).type = 77), "'" + name + "'");
                for (Attr wrong : wrongTypes(a)) {
                    refused(op + "." + name + " as type " + wrong.type, with(op, m -> replace(OpModels.target(m), wrong)),
                            "'target' (" + op + ")", "'" + name + "'", "must be");
                }
                for (Attr bad : OUT_OF_RANGE.getOrDefault(name, List.of())) {
                    if (name.equals("pads") && op.equals("Pad")) continue;
                    refused(op + "." + name + " out of range", with(op, m -> replace(OpModels.target(m), bad)), "'target'", "'" + name + "'");
                }
            }
        }
    }

    private static void replace(Node n, Attr a) {
        n.attrs.removeIf(x -> x.name.equals(a.name));
        n.attrs.add(a);
    }

    private void crossAttributeMutants() {
        refused("MaxPool pads as large as the kernel", with("MaxPool", m -> replace(OpModels.target(m), Attr.ints("pads", 2, 2, 2, 2))),
                "'target' (MaxPool)", "'pads'", "smaller than the kernel");
        refused("AveragePool pads larger than the kernel", with("AveragePool", m -> replace(OpModels.target(m), Attr.ints("pads", 0, 5, 0, 0))),
                "'pads'", "smaller than the kernel");
        refused("MaxPool without kernel_shape", with("MaxPool", m -> OpModels.target(m).attrs.removeIf(a -> a.name.equals("kernel_shape"))),
                "'kernel_shape'");
        refused("MaxPool pads of the wrong length", with("MaxPool", m -> replace(OpModels.target(m), Attr.ints("pads", 0, 0))), "'pads'", "expected 4");
        refused("Conv strides of the wrong length", with("Conv", m -> replace(OpModels.target(m), Attr.ints("strides", 1, 1, 1))), "'strides'");
        refused("Conv empty kernel_shape", with("Conv", m -> replace(OpModels.target(m), Attr.ints("kernel_shape"))), "'kernel_shape'");
        refused("Constant with two values", with("Constant", m -> OpModels.target(m).attr(Attr.ints("value_ints", 1, 2))),
                "'target' (Constant)", "exactly one");
        refused("Constant without a value", with("Constant", m -> OpModels.target(m).attrs.clear()), "'target' (Constant)", "exactly one");
        refused("Constant of a string", with("Constant", m -> {
            OpModels.target(m).attrs.clear();
            OpModels.target(m).attr(Attr.s("value_string", "hello"));
        }), "'value_string'");
        refused("Shape with start", with("Shape", m -> OpModels.target(m).attr(Attr.i("start", 1))), "'start'");
        runs("Clip with infinite bounds", with("Clip", m -> {
            m.initializers.set(0, Init.floats("lo", new long[0], Float.NEGATIVE_INFINITY));
        }));
    }

    private void modelMutants() {
        for (long ir : new long[] {0, -1, 11, 999, Long.MIN_VALUE}) {
            refused("ir_version " + ir, with("Relu", m -> m.irVersion = ir), "ir_version");
        }
        for (long ir : new long[] {3, 7, 9, 10}) runs("ir_version " + ir, with("Relu", m -> m.irVersion = ir));
        refused("no opset_import", with("Relu", m -> m.opsets.clear()), "no opset_import");
        refused("only a custom-domain opset", with("Relu", m -> m.opsets.set(0, new Object[] {"com.example", 1L})), "no opset_import");
        for (long v : new long[] {0, -1, -13, Long.MIN_VALUE}) {
            refused("opset " + v, with("Relu", m -> m.opsets.set(0, new Object[] {"", v})), "opset", "invalid");
        }
        for (long v : new long[] {19, 999, Long.MAX_VALUE}) refused("opset " + v, with("Relu", m -> m.opsets.set(0, new Object[] {"", v})), "newer than supported");
        refused("default domain twice as '' and ai.onnx", with("Relu", m -> m.opsets.add(new Object[] {"ai.onnx", 13L})), "two opset_import");
        refused("default domain twice as ''", with("Relu", m -> m.opsets.add(new Object[] {"", 11L})), "two opset_import");
        refused("default domain twice, domain field left out", with("Relu", m -> m.opsets.add(new Object[] {null, 13L})), "two opset_import");
        runs("default domain spelled ai.onnx", with("Relu", m -> m.opsets.set(0, new Object[] {"ai.onnx", 13L})));
        runs("an extra custom-domain opset", with("Relu", m -> m.opsets.add(new Object[] {"com.example", 1L})));
        refused("a custom-domain opset 0", with("Relu", m -> m.opsets.add(new Object[] {"com.example", 0L})), "com.example", "invalid");
        for (long v : new long[] {1, 6, 7, 11, 13, 17, 18}) runs("Relu at opset " + v, with("Relu", m -> m.opsets.set(0, new Object[] {"", v})));

        refused("graph output twice", with("Relu", m -> m.outputs.add(new Value("y", OnnxTensor.FLOAT, (long[]) null))), "graph output 'y'", "twice");
        refused("graph output without a name", with("Relu", m -> m.outputs.add(new Value("", OnnxTensor.FLOAT, (long[]) null))), "graph output has no name");
        refused("graph output produced by nothing", with("Relu", m -> m.outputs.add(new Value("ghost", OnnxTensor.FLOAT, (long[]) null))), "'ghost'");
        refused("no graph outputs", with("Relu", m -> m.outputs.clear()), "no outputs");
        refused("graph input twice", with("Relu", m -> m.inputs.add(new Value("x", OnnxTensor.FLOAT, OpModels.BATCH, 2, 4, 4))), "graph input 'x'", "twice");
        refused("graph input without a name", with("Relu", m -> m.inputs.add(new Value("", OnnxTensor.FLOAT, 1))), "graph input has no name");
        for (int type : new int[] {0, OnnxTensor.STRING, 14, 15, 16, 99, 4096, -1}) {
            refused("graph input of type " + type, with("Relu", m -> m.inputs.get(0).elemType = type), "graph input 'x'", "cannot be fed");
        }
        for (int type : new int[] {OnnxTensor.DOUBLE, OnnxTensor.FLOAT16}) runs("graph input of type " + type, with("Relu", m -> m.inputs.get(0).elemType = type));
        for (long d : new long[] {-1, -3, Long.MIN_VALUE + 1}) {
            refused("graph input with dim " + d, with("Relu", m -> m.inputs.get(0).dims = new long[] {OpModels.BATCH, 2, d, 4}), "'x'", "negative dimension");
        }
        refused("graph output with a negative dim", with("Relu", m -> m.outputs.get(0).dims = new long[] {-2}), "'y'", "negative dimension");
        runs("graph input without a shape", with("Relu", m -> m.inputs.get(0).dims = null));
        runs("graph input with every dim fixed", with("Relu", m -> m.inputs.get(0).dims = new long[] {1, 2, 4, 4}));
    }

    private void initializerMutants() {
        refused("initializer with raw_data and float_data", with("Conv", m -> m.initializers.get(1).floatData = new float[] {1, 2, 3}),
                "tensor 'b'", "both raw_data and typed data");
        refused("initializer with raw_data and int64_data", with("Pad", m -> {
            Init p = m.initializers.get(0);
            p.raw = new byte[64];
        }), "tensor 'pads'", "both raw_data");
        for (int cut : new int[] {0, 1, 4, 11}) {
            refused("initializer raw_data " + cut + " bytes short", with("Conv", m -> {
                Init b = m.initializers.get(1);
                b.raw = java.util.Arrays.copyOf(b.raw, b.raw.length - cut - 1);
            }), "tensor 'b'", "raw_data");
        }
        refused("initializer raw_data too long", with("Conv", m -> {
            Init b = m.initializers.get(1);
            b.raw = java.util.Arrays.copyOf(b.raw, b.raw.length + 4);
        }), "tensor 'b'", "raw_data");
        refused("initializer int64 count short", with("Pad", m -> m.initializers.get(0).int64Data = new long[] {0, 0, 1}), "tensor 'pads'", "claim");
        refused("initializer with a negative dim", with("Conv", m -> m.initializers.get(1).dims = new long[] {-3}), "tensor 'b'", "negative");
        for (long[] dims : new long[][] {{1_000_000, 1_000_000}, {1L << 40}, {65536, 65536, 65536}, {Integer.MAX_VALUE, 2}}) {
            refused("size bomb " + java.util.Arrays.toString(dims), with("Conv", m -> m.initializers.get(1).dims = dims), "tensor 'b'");
        }
        refused("initializer of strings", with("Conv", m -> m.initializers.get(1).dataType = OnnxTensor.STRING), "tensor 'b'");
        for (int type : new int[] {0, 14, 99}) {
            refused("initializer of type " + type, with("Conv", m -> m.initializers.get(1).dataType = type), "tensor 'b'", "not supported");
        }
        refused("initializer declared twice", with("Conv", m -> m.initializers.add(Init.floats("b", new long[] {3}, 1, 2, 3))), "initializer 'b'", "twice");
        refused("initializer without a name", with("Conv", m -> m.initializers.add(Init.floats("", new long[] {1}, 1))), "initializer has no name");
        for (long pad : new long[] {1_000_000_000L, Integer.MAX_VALUE, 1L << 40}) {
            refused("Pad of " + pad, with("Pad", m -> m.initializers.set(0, Init.longs("pads", new long[] {8}, 0, 0, 0, pad, 0, 0, 0, 0))),
                    "'target' (Pad)");
        }
        refused("Pad by 10^5 on two axes", with("Pad", m -> m.initializers.set(0, Init.longs("pads", new long[] {8}, 0, 0, 100_000, 100_000, 0, 0, 0, 0))),
                "'target' (Pad)", "needs");
        runs("an unused initializer", with("Relu", m -> m.initializers.add(Init.floats("unused", new long[] {2}, 1, 2))));
    }

    private void wiringMutants() {
        refused("dangling node input", with("Add", m -> OpModels.target(m).in.set(1, "ghost")), "dangling input 'ghost'");
        refused("a cycle", with("Relu", m -> {
            OpModels.target(m).in.set(0, "z");
            m.nodes.add(new Node("Relu", "back", List.of("y"), List.of("z")));
        }), "cycle");
        refused("a tensor produced twice", with("Relu", m -> m.nodes.add(new Node("Relu", "again", List.of("x"), List.of("y")))), "'y'", "produced twice");
        refused("node without op_type", with("Relu", m -> OpModels.target(m).op = ""), "no op_type");
        refused("node output without a name", with("Relu", m -> {
            OpModels.target(m).out.set(0, "");
            m.nodes.add(new Node("Relu", "other", List.of("x"), List.of("y")));
        }), "'target'", "output 0 has no name");
        runs("nodes out of order", with("Gemm", m -> java.util.Collections.reverse(m.nodes)));
        ModelSpec nested = OpModels.of("Relu");
        ModelSpec inner = nested;
        for (int depth = 0; depth < 40; depth++) {
            ModelSpec next = new ModelSpec();
            inner.nodes.get(0).attr(Attr.graph("body", next));
            next.nodes.add(new Node("Relu", "n" + depth, List.of("x"), List.of("y")));
            inner = next;
        }
        refused("graphs nested 40 deep", nested, "nested more than 32");
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyMutantRunsOrIsRefusedInOneLineNamingWhatIsWrong() throws IOException {
        perOpMutants();
        crossAttributeMutants();
        modelMutants();
        initializerMutants();
        wiringMutants();
        Path file = dir.resolve("mutant.onnx");
        int ran = 0, refused = 0;
        List<String> wrong = new ArrayList<>();
        for (Mutant mu : mutants) {
            try {
                int[] r = check(file, mu);
                ran += r[0];
                refused += r[1];
            } catch (AssertionError e) {
                wrong.add(e.getMessage());
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + mutants.size() + " mutants wrong:\n" + String.join("\n", wrong));
        assertEquals(mutants.size(), ran + refused);
        assertTrue(mutants.size() >= 300, "only " + mutants.size() + " mutants");
        assertTrue(ran >= 60, "only " + ran + " ran");
        System.out.println("ONNX structure mutations: " + mutants.size() + " mutants, " + ran + " ran, " + refused + " refused");
    }

    /** Values of every type that a translator might not expect: negative, zero, huge, empty, of the wrong length. */
    private static List<Attr> wildValues(Attr a) {
        List<Attr> out = new ArrayList<>();
        switch (a.type) {
            case OnnxAttribute.INT:
                for (long v : new long[] {-100, -5, -1, 0, 1, 2, 3, 4, 7, 1_000_000_000L, Long.MIN_VALUE, Long.MAX_VALUE}) out.add(Attr.i(a.name, v));
                break;
            case OnnxAttribute.FLOAT:
                for (float v : new float[] {-1e30f, -1, 0, 1e-30f, 1, 1e30f, Float.MAX_VALUE}) out.add(Attr.f(a.name, v));
                break;
            case OnnxAttribute.STRING:
                for (String v : new String[] {"", "NOTSET", "SAME_LOWER", "VALID", "reflect", "edge", "\u0000", "x".repeat(1000)}) out.add(Attr.s(a.name, v));
                break;
            case OnnxAttribute.INTS:
                for (long[] v : new long[][] {{}, {0}, {-1}, {1}, {-1, -1}, {9, 9}, {3, 2, 1, 0}, {0, 0, 0, 0}, {1, 1, 1, 1},
                        {5, 5, 5, 5}, {1_000_000_000L, 1}, {Integer.MAX_VALUE, Integer.MAX_VALUE}, {0, 1, 2, 3, 4}, {-4, -3, -2, -1}}) {
                    out.add(Attr.ints(a.name, v));
                }
                break;
            default:
                break;
        }
        return out;
    }

    /**
     * Every attribute of every op set to wild values (479 models): each runs, or is refused in one
     * line at load or when run (an OnnxFormatException, or an IllegalArgumentException such as
     * OnnxImportException for a value that only the input's shape rules out). Never an index, arithmetic,
     * null-pointer or allocation error.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void wildAttributeValuesRunOrAreRefusedInOneLine() throws IOException {
        Path file = dir.resolve("mutant.onnx");
        List<String> wrong = new ArrayList<>();
        int total = 0, ran = 0;
        for (String op : OpModels.OPS) {
            for (Attr a : OpModels.target(OpModels.of(op)).attrs) {
                for (Attr wild : wildValues(a)) {
                    ModelSpec m = with(op, x -> replace(OpModels.target(x), wild));
                    Files.write(file, m.encode());
                    total++;
                    String label = op + "." + a.name + " = " + (wild.i != null ? wild.i : wild.f != null ? wild.f : wild.s != null
                            ? "'" + wild.s.substring(0, Math.min(8, wild.s.length())) + "'" : java.util.Arrays.toString(wild.ints));
                    long before = AllocationMeter.bytes();
                    try {
                        OnnxGraphModel g = OnnxModelLoader.load(file);
                        try (GradMode.Scope s = GradMode.noGrad()) {
                            g.forward(Tensor.ones(OpModels.INPUT_SHAPE));
                        }
                        ran++;
                    } catch (OnnxFormatException | IllegalArgumentException e) {
                        String msg = e.getMessage();
                        if (msg == null || msg.contains("\n") || !msg.startsWith("mutant.onnx: ") && !(e instanceof OnnxImportException)
                                && !msg.contains("'target'")) {
                            wrong.add(label + ": " + e);
                        }
                    } catch (RuntimeException | Error e) {
                        wrong.add(label + ": " + e + " at " + java.util.Arrays.toString(java.util.Arrays.copyOf(e.getStackTrace(), 3)));
                    }
                    long allocated = AllocationMeter.bytes() - before;
                    if (allocated > (64L << 20)) wrong.add(label + ": allocated " + allocated + " bytes");
                }
            }
        }
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + total + " wild values went wrong:\n" + String.join("\n", wrong));
        assertTrue(total >= 450, total + " models");
        System.out.println("wild attribute values: " + total + " models, " + ran + " ran, " + (total - ran) + " refused in one line");
    }

    /** Loads (and runs) one mutant; {ran, refused}. */
    private static int[] check(Path file, Mutant mu) throws IOException {
        int ran = 0, refused = 0;
        {
            Files.write(file, mu.model().encode());
            long before = AllocationMeter.bytes();
            try {
                // refused at load, or (a size known only from the data, such as a Pad of 10^9) when run
                OnnxGraphModel m = OnnxModelLoader.load(file);
                try (GradMode.Scope g = GradMode.noGrad()) {
                    Tensor y = m.forward(Tensor.ones(OpModels.INPUT_SHAPE));
                    assertTrue(y.numel() > 0, mu.label());
                }
                ran++;
            } catch (OnnxFormatException | OnnxImportException e) {
                String msg = e.getMessage();
                if (mu.mustRun()) fail(mu.label() + ": expected to run, refused: " + msg);
                assertTrue(msg.startsWith("mutant.onnx: "), mu.label() + ": " + msg);
                assertFalse(msg.contains("\n"), mu.label() + ": " + msg);
                for (String k : mu.keywords()) assertTrue(msg.contains(k), mu.label() + ": '" + k + "' not in: " + msg);
                refused++;
            } catch (RuntimeException | Error e) {
                fail(mu.label() + ": unexpected " + e, e);
            }
            if (ran > 0 && !mu.mustRun()) fail(mu.label() + ": ran, expected a refusal naming " + String.join(", ", mu.keywords()));
            long allocated = AllocationMeter.bytes() - before;
            assertTrue(allocated < (64L << 20), mu.label() + " allocated " + allocated + " bytes");
        }
        return new int[] {ran, refused};
    }
}
