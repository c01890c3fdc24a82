#!/usr/bin/python3
"""KernelSHAP on the iris-sized MLP in PyTorch + NumPy, the peer figure for ExplainBench.kernelShapIris.

The same work as xai4j's KernelShap with 2048 samples: for each of the 6 rows, the coalitions of the
4 features (with 2048 >= 2^4 - 2 samples, SHAP and xai4j enumerate all 14 instead of sampling), one batched forward of the masked inputs (zero baseline), Shapley kernel weights, and the
weighted least-squares solve with the efficiency constraint (Lundberg and Lee 2017). Median ms over
20 runs after a warm-up, 2 threads. Captum is not on this machine; this is the work its KernelShap
does, written directly.

    /usr/bin/python3 bench/scripts/torch_kernel_shap.py
"""
import math
import time

import numpy as np
import torch
import torch.nn as nn


def kernel_weight(m, s):
    if s == 0 or s == m:
        return 1e6
    return (m - 1) / (math.comb(m, s) * s * (m - s))


def kernel_shap(model, x, target, samples, rng):
    n, m = x.shape
    out = np.zeros((n, m), dtype=np.float64)
    for r in range(n):
        if samples >= 2 ** m - 2:
            # as SHAP's KernelExplainer (and xai4j): with few features every coalition is enumerated
            z = np.array([[(k >> j) & 1 for j in range(m)] for k in range(1, 2 ** m - 1)], dtype=np.float32)
        else:
            z = rng.integers(0, 2, size=(samples, m)).astype(np.float32)
        with torch.no_grad():
            xs = torch.from_numpy(z) * x[r]
            fx = model(xs)[:, target[r]].double().numpy()
            f0 = model(torch.zeros(1, m))[0, target[r]].item()
            f1 = model(x[r:r + 1])[0, target[r]].item()
        w = np.array([kernel_weight(m, int(k)) for k in z.sum(1)])
        # eliminate the last feature with the efficiency constraint sum(phi) = f1 - f0
        y = fx - f0 - z[:, -1] * (f1 - f0)
        a = z[:, :-1] - z[:, -1:]
        aw = a * w[:, None]
        phi = np.linalg.solve(a.T @ aw + 1e-9 * np.eye(m - 1), aw.T @ y)
        out[r, :-1] = phi
        out[r, -1] = (f1 - f0) - phi.sum()
    return out


def main():
    torch.set_num_threads(2)
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 3)).eval()
    x = torch.rand(6, 4)
    with torch.no_grad():
        t = model(x).argmax(1).numpy()
    rng = np.random.default_rng(0)
    kernel_shap(model, x, t, 2048, rng)
    ts = []
    for _ in range(20):
        s = time.perf_counter()
        kernel_shap(model, x, t, 2048, rng)
        ts.append((time.perf_counter() - s) * 1e3)
    print("torch %s  iris_mlp kernel-shap 2048 samples batch 6  %.2f ms" % (torch.__version__, float(np.median(ts))))


if __name__ == "__main__":
    main()
