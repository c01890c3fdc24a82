"""ResNet-18 on the GPU for gpu-check.sh: exports the model to ONNX for xai (the legacy exporter, BatchNorm
folded in eval mode; torchvision's architecture written out so torchvision is not needed), writes the
inputs, and times PyTorch CUDA's saliency and IG-50 at 16x3x224x224 and 64x3x64x64 (TF32 off), chunked
as xai's --batch-size 64, to be set beside `xai explain --device cuda --repeat` in the same run.

    python3 resnet_peer.py OUT_DIR
"""
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn


class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.down = None
        if stride != 1 or cin != cout:
            self.down = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = torch.relu(self.bn1(self.conv1(x)))
        y = self.bn2(self.conv2(y))
        return torch.relu(y + (x if self.down is None else self.down(x)))


def resnet18(classes=10):
    layers = [nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(3, 2, 1)]
    cin = 64
    for cout, stride in ((64, 1), (128, 2), (256, 2), (512, 2)):
        layers += [Block(cin, cout, stride), Block(cout, cout, 1)]
        cin = cout
    layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(512, classes)]
    return nn.Sequential(*layers)


def timed(fn, reps=3):
    fn()
    torch.cuda.synchronize()
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        torch.cuda.synchronize()
        ts.append(time.perf_counter() - t0)
    ts.sort()
    return ts[len(ts) // 2] * 1e3


def input_grad(model, x, target, batch=64):
    out = []
    for s in range(0, x.shape[0], batch):
        xb = x[s:s + batch].clone().requires_grad_(True)
        y = model(xb)
        y.gather(1, target[s:s + batch, None]).sum().backward()
        out.append(xb.grad)
    return torch.cat(out)


def integrated_gradients(model, x, target, steps=50, batch=64):
    # Gauss-Legendre nodes on [0, 1] (xai's default integration, Captum's "gausslegendre")
    nodes, weights = np.polynomial.legendre.leggauss(steps)
    alphas = torch.tensor((nodes + 1) / 2, dtype=torch.float32, device=x.device)
    w = torch.tensor(weights / 2, dtype=torch.float32, device=x.device)
    n = x.shape[0]
    pts = (alphas[:, None, None, None, None] * x[None]).reshape(steps * n, *x.shape[1:])
    g = input_grad(model, pts, target.repeat(steps), batch).reshape(steps, *x.shape)
    return x * (w[:, None, None, None, None] * g).sum(0)


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    model = resnet18().eval()
    path = os.path.join(out, "resnet18.onnx")
    try:
        torch.onnx.export(model, torch.rand(2, 3, 64, 64), path, opset_version=13, input_names=["input"],
                          output_names=["output"], dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}},
                          dynamo=False)
    except TypeError:  # an older torch without the dynamo argument
        torch.onnx.export(model, torch.rand(2, 3, 64, 64), path, opset_version=13, input_names=["input"],
                          output_names=["output"], dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}})
    print("wrote", path, os.path.getsize(path), "bytes")
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    model = model.cuda()
    for n, hw in ((16, 224), (64, 64)):
        x = torch.rand(n, 3, hw, hw)
        np.save(os.path.join(out, f"x_{n}x{hw}.npy"), x.numpy())
        np.save(os.path.join(out, f"t_{n}x{hw}.npy"), np.zeros(n, dtype=np.int64))
        xc = x.cuda()
        t = torch.zeros(n, dtype=torch.long, device="cuda")
        print(f"resnet18 {n}x3x{hw}x{hw} PyTorch CUDA saliency: {timed(lambda: input_grad(model, xc, t).abs()):.1f} ms")
        print(f"resnet18 {n}x3x{hw}x{hw} PyTorch CUDA IG-50: {timed(lambda: integrated_gradients(model, xc, t)):.1f} ms")


if __name__ == "__main__":
    main()
