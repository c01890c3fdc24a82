# Regenerates the small ONNX fixtures of the hostile-input tests (issue 18):
#   /usr/bin/python3 make_fixtures.py
# Each takes x of shape (batch, 4) like examples/blobs/model.onnx.
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

W = numpy_helper.from_array(np.array([[1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 1]], dtype=np.float32), "W")


def save(name, nodes, inits):
    g = helper.make_graph(nodes, name, [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 4])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 3])], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)], producer_name="make_fixtures.py")
    m.ir_version = 7
    onnx.checker.check_model(m)
    onnx.save(m, name + ".onnx")


# two Pow nodes: well-formed ONNX with an op xai does not run (xai info lists them)
two = numpy_helper.from_array(np.array(2, dtype=np.float32), "two")
save("pow_mlp", [helper.make_node("Pow", ["x", "two"], ["p"], name="/1/Pow"),
                 helper.make_node("Pow", ["p", "two"], ["q"], name="/2/Pow"),
                 helper.make_node("MatMul", ["q", "W"], ["y"], name="/3/MatMul")], [two, W])
# sqrt(x - 10): NaN for every x < 10 (a model computing NaN from finite input)
ten = numpy_helper.from_array(np.array(10, dtype=np.float32), "ten")
save("sqrt_negative", [helper.make_node("Sub", ["x", "ten"], ["s"], name="sub"),
                       helper.make_node("Sqrt", ["s"], ["r"], name="sqrt"),
                       helper.make_node("MatMul", ["r", "W"], ["y"], name="matmul")], [ten, W])
# log(relu(x)): -inf where x <= 0
save("log_relu", [helper.make_node("Relu", ["x"], ["r"], name="relu"),
                  helper.make_node("Log", ["r"], ["l"], name="log"),
                  helper.make_node("MatMul", ["l", "W"], ["y"], name="matmul")], [W])

# a linear model, y = x W + b (linear-shap needs one)
Wl = numpy_helper.from_array(np.array([[0.5, -1, 2], [1, 0.25, -0.5], [-2, 1, 0], [0.75, 0.5, 1]], dtype=np.float32), "Wl")
bl = numpy_helper.from_array(np.array([0.1, -0.2, 0.3], dtype=np.float32), "bl")
save("linear", [helper.make_node("Gemm", ["x", "Wl", "bl"], ["y"], name="gemm")], [Wl, bl])


# Malformed models ONNX's checker refuses; xai predict and xai info must refuse each in one line naming
# what is wrong (CliHostileModelsTest). Built without the checker.
def model(nodes, inits=(), inputs=None, outputs=None, opsets=(("", 13),), ir=7):
    g = helper.make_graph(nodes, "g", inputs or [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 4])],
                          outputs or [helper.make_tensor_value_info("y", TensorProto.FLOAT, None)], list(inits))
    m = helper.make_model(g, opset_imports=[helper.make_opsetid(d, v) for d, v in opsets], producer_name="make_fixtures.py")
    m.ir_version = ir
    return m


relu = [helper.make_node("Relu", ["x"], ["y"], name="relu")]
x4 = [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 1, 4, 4])]
bad = {
    "ir_version_0": model(relu, ir=0),
    "ir_version_999": model(relu, ir=999),
    "opset_missing": model(relu, opsets=()),
    "opset_0": model(relu, opsets=(("", 0),)),
    "opset_negative": model(relu, opsets=(("", -3),)),
    "two_default_opsets": model(relu, opsets=(("", 13), ("ai.onnx", 13))),
    "duplicated_outputs": model(relu, outputs=[helper.make_tensor_value_info("y", TensorProto.FLOAT, None)] * 2),
    "conv_strides_floats": model([helper.make_node("Conv", ["x", "w"], ["y"], name="conv", kernel_shape=[1, 1],
                                                   strides=[1.0, 1.0])],
                                 [numpy_helper.from_array(np.ones((1, 1, 1, 1), np.float32), "w")], inputs=x4),
    "leakyrelu_alpha_string": model([helper.make_node("LeakyRelu", ["x"], ["y"], name="leaky", alpha="0.1")]),
    "relu_unknown_attribute": model([helper.make_node("Relu", ["x"], ["y"], name="relu", slope=2)]),
    "constant_two_values": model([helper.make_node("Constant", [], ["c"], name="const", value_float=1.0, value_int=2),
                                  helper.make_node("Add", ["x", "c"], ["y"], name="add")]),
    "maxpool_pads_larger_than_kernel": model([helper.make_node("MaxPool", ["x"], ["y"], name="pool", kernel_shape=[2, 2],
                                                               pads=[3, 3, 3, 3])], inputs=x4),
    "maxpool_ceil_mode_99": model([helper.make_node("MaxPool", ["x"], ["y"], name="pool", kernel_shape=[2, 2], ceil_mode=99)],
                                  inputs=x4),
    "input_string": model(relu, inputs=[helper.make_tensor_value_info("x", TensorProto.STRING, ["batch", 4])]),
    "input_sequence": model(relu, inputs=[helper.make_tensor_sequence_value_info("x", TensorProto.FLOAT, None)]),
    "input_negative_dim": model(relu, inputs=[helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", -4])]),
}
w = numpy_helper.from_array(np.ones(4, np.float32), "w")
w.float_data.extend([1.0, 2.0, 3.0, 4.0])
bad["initializer_raw_and_typed"] = model([helper.make_node("Add", ["x", "w"], ["y"], name="add")], [w])
import os
os.makedirs("malformed", exist_ok=True)
for name, m in bad.items():
    with open("malformed/" + name + ".onnx", "wb") as f:
        f.write(m.SerializeToString())
