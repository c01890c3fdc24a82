#!/usr/bin/python3
"""Writes residual.onnx: a two-block ResNet in miniature (seeded, PyTorch 1.13, opset 13), the test model
for the fused Conv/Add + ReLU forward pass: stem conv + ReLU + max pool, a basic block with an identity
shortcut (Conv-ReLU-Conv-Add-ReLU), a stride-2 block with a 1x1 downsampling shortcut, global average
pool, linear. 3 x 16 x 16 inputs, 5 classes; input.npy (3 images) and PyTorch's expected_logits.npy.

    /usr/bin/python3 engine/src/test/resources/onnx/residual/make_residual.py
"""
import os

import numpy as np
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1)
        self.down = nn.Conv2d(cin, cout, 1, stride) if stride != 1 or cin != cout else None

    def forward(self, x):
        y = torch.relu(self.conv1(x))
        y = self.conv2(y)
        return torch.relu(y + (x if self.down is None else self.down(x)))


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, 1, 1)
        self.pool = nn.MaxPool2d(2)
        self.b1 = Block(8, 8, 1)
        self.b2 = Block(8, 16, 2)
        self.fc = nn.Linear(16, 5)

    def forward(self, x):
        x = self.pool(torch.relu(self.stem(x)))
        x = self.b2(self.b1(x))
        return self.fc(torch.flatten(nn.functional.adaptive_avg_pool2d(x, 1), 1))


def main():
    torch.manual_seed(3)
    here = os.path.dirname(os.path.abspath(__file__))
    net = Net().eval()
    out = os.path.join(here, "residual.onnx")
    torch.onnx.export(net, torch.rand(2, 3, 16, 16), out, opset_version=13, input_names=["input"],
                      output_names=["logits"], dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})
    x = torch.rand(3, 3, 16, 16) - 0.3
    np.save(os.path.join(here, "input.npy"), x.numpy())
    with torch.no_grad():
        np.save(os.path.join(here, "expected_logits.npy"), net(x).numpy())
    print("wrote", out, os.path.getsize(out), "bytes")


if __name__ == "__main__":
    main()
