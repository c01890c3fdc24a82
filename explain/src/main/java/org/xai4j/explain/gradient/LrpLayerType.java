package org.xai4j.explain.gradient;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The layer types an LRP rule is chosen for ({@code --lrp-rule TYPE=RULE}): Captum 0.7's
 * {@code SUPPORTED_LAYERS_WITH_RULES}, as the recorded ops of an ONNX model show them. Captum's nonlinear
 * layers (ReLU, Tanh, Dropout) pass relevance through unchanged and take no rule; any other op has no rule and
 * is refused by name when met.
 */
public enum LrpLayerType {
    /** {@code nn.Linear}: a MatMul (Gemm) with a constant weight and its bias Add, one layer. */
    LINEAR("linear", "Linear"),
    /** {@code nn.Conv2d} (and, beyond Captum's defaults, Conv1d): a Conv with its weight and bias. */
    CONV("conv", "Conv2d"),
    /** {@code nn.MaxPool1d/2d/3d}: no weights; a rule only sets its ε. */
    MAX_POOL("maxpool", "MaxPool2d"),
    /** {@code nn.AvgPool2d}, {@code nn.AdaptiveAvgPool2d} (ONNX AveragePool, GlobalAveragePool, ReduceMean; ReduceSum). */
    AVG_POOL("avgpool", "AvgPool2d"),
    /** Captum's {@code Addition_Module}: an Add of two activations (a residual connection). */
    ADD("add", "Addition_Module");

    private final String cliName;
    private final String captumName;

    LrpLayerType(String cliName, String captumName) {
        this.cliName = cliName;
        this.captumName = captumName;
    }

    public String cliName() {
        return cliName;
    }

    /** Captum's module class. */
    public String captumName() {
        return captumName;
    }

    /** The names {@code --lrp-rule} knows, for messages. */
    public static String names() {
        return Arrays.stream(values()).map(LrpLayerType::cliName).collect(Collectors.joining(", "));
    }

    /**
     * The type named {@code name} (its CLI name, or Captum's class name, case-insensitive); a layer Captum's LRP
     * gives no rule is refused saying so (ReLU, Tanh, Dropout pass relevance through; others have no rule).
     */
    public static LrpLayerType parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (LrpLayerType t : values()) {
            if (t.cliName.equals(n) || t.captumName.toLowerCase(Locale.ROOT).equals(n)) return t;
        }
        switch (n) {
            case "conv1d", "conv2d", "conv3d":
                return CONV;
            case "maxpool1d", "maxpool2d", "maxpool3d":
                return MAX_POOL;
            case "adaptiveavgpool2d", "globalaveragepool":
                return AVG_POOL;
            case "relu", "tanh", "dropout":
                throw new IllegalArgumentException("Captum's LRP gives " + n + " layers no rule (relevance passes through ReLU, "
                        + "Tanh and Dropout unchanged); rules apply to " + names());
            default:
                throw new IllegalArgumentException("Captum's LRP has no rule for layer type '" + name.trim() + "'; rules apply to "
                        + names());
        }
    }

    @Override
    public String toString() {
        return cliName;
    }
}
