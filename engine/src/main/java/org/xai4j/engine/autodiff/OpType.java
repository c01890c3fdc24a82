package org.xai4j.engine.autodiff;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The primitive ops, one constant each: what an {@link Op} declares itself to be, what the tape records on
 * every {@link Node}, and the key of a backward-rule override ({@link Gradients#override}). A closed set, so
 * an override of an op that does not exist does not compile (a string key let "MaxPol" override nothing,
 * silently); names read at run time go through {@link #named}, which refuses an unknown one.
 */
public enum OpType {
    ADD("Add"), SUB("Sub"), MUL("Mul"), DIV("Div"), POW("Pow"), NEG("Neg"),
    EXP("Exp"), LOG("Log"), SQRT("Sqrt"), ABS("Abs"), POW_SCALAR("PowScalar"), AFFINE("Affine"), CLIP("Clip"),
    RELU("Relu"), LEAKY_RELU("LeakyRelu"), ELU("Elu"), SIGMOID("Sigmoid"), TANH("Tanh"),
    SOFTMAX("Softmax"), LOG_SOFTMAX("LogSoftmax"),
    MAT_MUL("MatMul"), CONV("Conv"), MAX_POOL("MaxPool"), AVERAGE_POOL("AveragePool"),
    REDUCE_SUM("ReduceSum"), REDUCE_MEAN("ReduceMean"), REDUCE_MAX("ReduceMax"), REDUCE_MIN("ReduceMin"),
    RESHAPE("Reshape"), TRANSPOSE("Transpose"), SLICE("Slice"), EXPAND("Expand"), IDENTITY("Identity"),
    CONCAT("Concat"), PAD("Pad"), GATHER_ELEMENTS("GatherElements"), DROPOUT("Dropout");

    private final String opName;

    OpType(String opName) {
        this.opName = opName;
    }

    /** The op's name in messages, as ONNX spells the operator ("MaxPool", "MatMul"). */
    public String opName() {
        return opName;
    }

    /**
     * The op named {@code name} (its {@link #opName}, case-insensitively, or the constant's name); an
     * {@link IllegalArgumentException} naming it and every known op when there is none.
     */
    public static OpType named(String name) {
        for (OpType t : values()) {
            if (t.opName.equalsIgnoreCase(name) || t.name().equalsIgnoreCase(name)) return t;
        }
        throw new IllegalArgumentException("unknown op '" + name + "'; known ops: "
                + Arrays.stream(values()).map(OpType::opName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return opName;
    }
}
