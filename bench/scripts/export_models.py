#!/usr/bin/python3
"""Exports the benchmark models to ONNX (opset 13) under bench/models/ (not committed: ResNet-18 is 45 MB).

The architectures are those of ../shared/anchors/pytorch_baseline.py, with torch.manual_seed(0)
weights (timing does not depend on the weights): the iris-sized MLP, the small image CNN, the DNA CNN of the Captum fixtures (101 bp), and
torchvision's ResNet-18 with 10 classes for 64x64 inputs. BatchNorm is folded into the convolutions
by the exporter (eval mode), as any deployed ONNX model has it.

    python3 bench/scripts/export_models.py
"""
import os

import torch
import torch.nn as nn
import torchvision

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "models")


def export(name, model, example):
    path = os.path.join(OUT, name + ".onnx")
    torch.onnx.export(model.eval(), example, path, opset_version=13, input_names=["input"],
                      output_names=["output"], dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
    print("wrote", os.path.normpath(path), os.path.getsize(path), "bytes")


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.manual_seed(0)
    mlp = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 3))
    img = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(8, 16, 3, padding=1),
                        nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, 5))
    dna = nn.Sequential(nn.Conv1d(4, 16, 9, padding=4), nn.ReLU(), nn.MaxPool1d(4), nn.Conv1d(16, 16, 5, padding=2),
                        nn.ReLU(), nn.AdaptiveMaxPool1d(1), nn.Flatten(), nn.Linear(16, 1), nn.Sigmoid())
    r18 = torchvision.models.resnet18(num_classes=10)
    export("dna_cnn", dna, torch.rand(4, 4, 101))
    export("iris_mlp", mlp, torch.rand(6, 4))
    export("image_cnn", img, torch.rand(2, 3, 32, 32))
    export("resnet18_64", r18, torch.rand(4, 3, 64, 64))


if __name__ == "__main__":
    main()
