"""Makes dropout_mask_output.onnx: x (N, 8) -> Dropout(0.5, training_mode) whose mask is a graph output.

For MaskOutputTest: an MC dropout run must still compute a Dropout mask that the graph reads. Run with
/usr/bin/python3 (onnx).
"""
import numpy as np
import onnx
from onnx import TensorProto, helper

ratio = helper.make_tensor("ratio", TensorProto.FLOAT, [], [0.5])
training = helper.make_tensor("training", TensorProto.BOOL, [], [True])
node = helper.make_node("Dropout", ["x", "ratio", "training"], ["y", "mask"])
graph = helper.make_graph([node], "dropout_mask", [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["n", 8])],
                          [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["n", 8]),
                           helper.make_tensor_value_info("mask", TensorProto.BOOL, ["n", 8])], [ratio, training])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
onnx.checker.check_model(model)
onnx.save(model, "dropout_mask_output.onnx")
