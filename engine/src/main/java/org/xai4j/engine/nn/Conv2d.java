package org.xai4j.engine.nn;

import java.util.List;
import org.xai4j.engine.ops.Ops;
import org.xai4j.engine.tensor.Tensor;

/** 2-D convolution with a square kernel, stride and symmetric padding (torch.nn.Conv2d), PyTorch's initialization bound. */
public final class Conv2d implements Module {
    private final Parameter weight, bias;
    private final int stride, padding;

    public Conv2d(int in, int out, int kernel, int stride, int padding, long seed) {
        if (in < 1 || out < 1 || kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException("Conv2d: bad geometry in=" + in + " out=" + out + " kernel=" + kernel
                    + " stride=" + stride + " padding=" + padding);
        }
        float bound = (float) (1.0 / Math.sqrt(in * kernel * kernel));
        weight = new Parameter("weight", Linear.Init.uniform(seed, 0, bound, out, in, kernel, kernel));
        bias = new Parameter("bias", Linear.Init.uniform(seed, 1, bound, out));
        this.stride = stride;
        this.padding = padding;
    }

    @Override
    public Tensor forward(Tensor x, RunOptions options) {
        int[] s = {stride, stride}, p = {padding, padding};
        return Ops.conv(x, weight.value(), bias.value(), s, p, p, new int[] {1, 1}, 1);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }
}
