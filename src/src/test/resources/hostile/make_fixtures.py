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
