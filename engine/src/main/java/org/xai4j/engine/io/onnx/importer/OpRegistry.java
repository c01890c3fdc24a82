package org.xai4j.engine.io.onnx.importer;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every ONNX op type the importer runs (default domain), by name. */
public final class OpRegistry {
    private static final Map<String, OpTranslator> OPS;

    static {
        Map<String, OpTranslator> r = new TreeMap<>();
        ElementwiseOps.register(r);
        LinearAlgebraOps.register(r);
        ConvPoolOps.register(r);
        LayoutOps.register(r);
        ReductionOps.register(r);
        ConstantOps.register(r);
        DropoutOps.register(r);
        OPS = Collections.unmodifiableMap(r);
    }

    private OpRegistry() {}

    /** The translator for an op type, or null. */
    public static OpTranslator get(String opType) {
        return OPS.get(opType);
    }

    /** Supported op types, sorted. */
    public static List<String> supported() {
        return List.copyOf(OPS.keySet());
    }
}
