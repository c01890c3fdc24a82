#!/usr/bin/python3
"""Builds the example model shipped with xai4j: examples/blobs/.

A small MLP (4 -> 16 -> 16 -> 3, ReLU) trained to classify three Gaussian blobs in 4-D, a synthetic
data set generated here (seeded), exported with torch.onnx.export (opset 13, dynamic batch axis).
Writes model.onnx, input.npy (8 held-out rows, float32) and expected_predict.npy (the model's logits
for them, computed by PyTorch), so that `xai predict` can be checked against PyTorch.

Run from the repository root:  /usr/bin/python3 examples/make_example.py
Needs torch (1.13 was used) and numpy.
"""
import os

import numpy as np
import torch
from torch import nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "blobs")
SEED = 7


def make_data(rng, n_per_class):
    # three overlapping clusters, so the classes are not trivially separable
    centers = np.array([[0.0, 0.0, 0.0, 0.0], [2.0, 1.0, -1.0, 0.5], [-1.0, 2.0, 1.0, -1.5]])
    xs, ys = [], []
    for k, c in enumerate(centers):
        xs.append(c + rng.normal(scale=0.9, size=(n_per_class, 4)))
        ys.append(np.full(n_per_class, k))
    x = np.concatenate(xs).astype(np.float32)
    y = np.concatenate(ys).astype(np.int64)
    order = rng.permutation(len(y))
    return x[order], y[order]


def main():
    rng = np.random.default_rng(SEED)
    torch.manual_seed(SEED)
    x, y = make_data(rng, 100)
    x_train, y_train, x_test, y_test = x[:240], y[:240], x[240:], y[240:]

    model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 3))
    opt = torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    xt, yt = torch.from_numpy(x_train), torch.from_numpy(y_train)
    for _ in range(150):
        opt.zero_grad()
        loss = loss_fn(model(xt), yt)
        loss.backward()
        opt.step()
    model.eval()
    with torch.no_grad():
        acc = (model(torch.from_numpy(x_test)).argmax(1).numpy() == y_test).mean()
    print(f"final training loss {loss.item():.4f}, held-out accuracy {acc:.3f}")

    os.makedirs(OUT, exist_ok=True)
    sample = torch.from_numpy(x_test[:8])
    torch.onnx.export(model, sample, os.path.join(OUT, "model.onnx"), opset_version=13,
                      input_names=["features"], output_names=["logits"],
                      dynamic_axes={"features": {0: "batch"}, "logits": {0: "batch"}})
    with torch.no_grad():
        expected = model(sample).numpy()
    np.save(os.path.join(OUT, "input.npy"), x_test[:8])
    np.save(os.path.join(OUT, "expected_predict.npy"), expected.astype(np.float32))
    print("wrote", OUT)


if __name__ == "__main__":
    main()
