#!/usr/bin/python3
"""Builds examples/diabetes/: a regressor that predicts its own error, for `xai uncertainty` and `xai calibrate`.

Data: scikit-learn's bundled diabetes data (Efron, Hastie, Johnstone and Tibshirani, "Least Angle
Regression", Annals of Statistics 2004; shipped with scikit-learn under its BSD-3 licence): 442 patients,
10 standardized features, the target a measure of disease progression one year later. A seeded split:
300 rows to train, 142 to test (test_x.npy (142, 10) float32, test_y.npy (142, 1) float32).

Model (the DeepChem book's ch. 10 recipe after Kendall and Gal 2017): an MLP 10 -> 32 -> 32 (ReLU, each
followed by Dropout(0.2)) with two heads, 'mean' and 'logvar' (log sigma^2 of the aleatoric noise), trained
with the Gaussian negative log-likelihood 0.5 exp(-s)(y - mu)^2 + 0.5 s (Adam, weight decay 0.01,
100 full-batch epochs: longer training on 300 rows shrinks the learned variance below the test error). The heads
are rescaled inside the model to the target's units. Exported with its Dropout nodes (training mode,
PRESERVE), which xai runs as the identity unless MC dropout asks for masks.

Run from the repository root (needs torch 1.13, numpy and scikit-learn: apt-get install python3-sklearn):
    /usr/bin/python3 examples/diabetes/make_diabetes.py
"""
import os

import numpy as np
import torch
from sklearn.datasets import load_diabetes
from torch import nn

OUT = os.path.dirname(os.path.abspath(__file__))
SEED = 12


class Regressor(nn.Module):
    def __init__(self, y_mean, y_std):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(10, 32), nn.ReLU(), nn.Dropout(0.2),
                                  nn.Linear(32, 32), nn.ReLU(), nn.Dropout(0.2))
        self.mean = nn.Linear(32, 1)
        self.logvar = nn.Linear(32, 1)
        self.register_buffer("y_mean", torch.tensor(float(y_mean)))
        self.register_buffer("y_std", torch.tensor(float(y_std)))

    def standardized(self, x):
        h = self.body(x)
        return self.mean(h), self.logvar(h)

    def forward(self, x):
        mu, s = self.standardized(x)
        return mu * self.y_std + self.y_mean, s + 2 * torch.log(self.y_std)


def main():
    rng = np.random.default_rng(SEED)
    torch.manual_seed(SEED)
    data = load_diabetes()
    x = data.data.astype(np.float32) / np.float32(data.data.std(0))  # features are centred; unit variance
    y = data.target.astype(np.float32)[:, None]
    perm = rng.permutation(len(x))
    train, test = perm[:300], perm[300:]
    y_mean, y_std = y[train].mean(), y[train].std()
    model = Regressor(y_mean, y_std)
    opt = torch.optim.Adam(model.parameters(), lr=3e-3, weight_decay=1e-2)
    xt = torch.from_numpy(x[train])
    yt = torch.from_numpy((y[train] - y_mean) / y_std)
    for epoch in range(100):
        model.train()
        mu, s = model.standardized(xt)
        loss = (0.5 * torch.exp(-s) * (yt - mu) ** 2 + 0.5 * s).mean()
        opt.zero_grad()
        loss.backward()
        opt.step()
    model.eval()
    with torch.no_grad():
        mu, s = model(torch.from_numpy(x[test]))
        rmse = float(((mu.numpy() - y[test]) ** 2).mean() ** 0.5)
        within = float((np.abs(mu.numpy() - y[test]) <= 2 * np.exp(0.5 * s.numpy())).mean())
    print(f"test RMSE {rmse:.2f} (target sd {y[test].std():.2f}); within 2 aleatoric sigma (dropout off): {within:.3f}")
    model.train()
    torch.onnx.export(model, torch.from_numpy(x[test][:1]), os.path.join(OUT, "model.onnx"), input_names=["x"],
                      output_names=["mean", "logvar"], dynamic_axes={"x": {0: "n"}, "mean": {0: "n"}, "logvar": {0: "n"}},
                      opset_version=13, training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=False)
    np.save(os.path.join(OUT, "test_x.npy"), x[test])
    np.save(os.path.join(OUT, "test_y.npy"), y[test])


if __name__ == "__main__":
    main()
