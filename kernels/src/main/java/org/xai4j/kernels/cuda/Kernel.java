package org.xai4j.kernels.cuda;

/**
 * Every kernel the CUDA backend launches: the PTX module (a file {@code src/main/cuda/<module>.cu}, compiled
 * to {@code org/xai4j/kernels/ptx/<module>.ptx}) and its {@code extern "C"} entry name. PtxAssemblyTest
 * checks that each entry is in its module.
 */
public enum Kernel {
    UNARY("elementwise", "unary_f32"),
    BINARY("elementwise", "binary_f32"),
    COPY_STRIDED("elementwise", "copy_strided_f32"),
    ADD_INPLACE("elementwise", "add_inplace_f32"),
    FILL("elementwise", "fill_f32"),
    ADD_CHANNEL_BIAS("elementwise", "add_channel_bias_f32"),
    REDUCE_ROWS("reduce", "reduce_rows_f32"),
    SOFTMAX("softmax", "softmax_f32"),
    SOFTMAX_BACKWARD("softmax", "softmax_backward_f32"),
    GATHER("gather", "gather_f32"),
    GATHER_BACKWARD("gather", "gather_backward_f32"),
    MAX_POOL("pool", "max_pool_f32"),
    MAX_POOL_BACKWARD("pool", "max_pool_backward_f32"),
    AVG_POOL("pool", "avg_pool_f32"),
    AVG_POOL_BACKWARD("pool", "avg_pool_backward_f32"),
    IM2COL("im2col", "im2col_f32"),
    COL2IM("im2col", "col2im_f32"),
    SGEMM("sgemm", "sgemm_f32"),
    PHILOX_UNIFORM("philox", "philox_uniform_f32"),
    PHILOX_NORMAL("philox", "philox_normal_f32"),
    PHILOX_BERNOULLI("philox", "philox_bernoulli_f32");

    private final String module;
    private final String entry;

    Kernel(String module, String entry) {
        this.module = module;
        this.entry = entry;
    }

    public String module() {
        return module;
    }

    public String entry() {
        return entry;
    }
}
