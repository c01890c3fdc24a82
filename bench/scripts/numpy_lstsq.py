#!/usr/bin/python3
"""The peer of LeastSquaresBench: numpy (OpenBLAS/LAPACK) on the same shapes, 2 threads.

    OPENBLAS_NUM_THREADS=2 /usr/bin/python3 bench/scripts/numpy_lstsq.py

kernel_shap: what SHAP's KernelExplainer.solve does for 3,072 players and its auto count of 8,192
coalitions: the design with one player eliminated (8,192 x 3,071, entries -1/0/1), the weighted
normal equations formed (X^T W X, X^T W y) and np.linalg.solve. The design imitates KernelShap's plan
(every size-1 and size-(M-1) coalition, then 2,048 sampled ones with the kernel's size distribution);
numpy's time does not depend on the values, only on the shape.
lime50: LIME's Ridge(alpha=1) with intercept on 50 samples of 3,072 features, as the normal equations
with np.linalg.solve (the "same system"), and in its dual form (the best numpy can do at this shape).
Each line: median milliseconds over at least 5 runs after a warm-up.
"""
import time

import numpy as np


def median_ms(fn, reps=5):
    fn()
    ts = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        ts.append((time.perf_counter() - t) * 1e3)
    return float(np.median(ts))


def kernel_shap_design(m=3072, n=8192, seed=0):
    rng = np.random.default_rng(seed)
    z = np.zeros((n, m))
    k = 0
    for i in range(m):                      # size 1 and size M - 1, paired
        z[k, i] = 1
        z[k + 1] = 1
        z[k + 1, i] = 0
        k += 2
    sizes = np.arange(2, m - 1)
    p = (m - 1) / (sizes * (m - sizes))
    p /= p.sum()
    while k < n:
        s = rng.choice(sizes, p=p)
        z[k, rng.choice(m, s, replace=False)] = 1
        k += 1
    w = rng.random(n)
    y = rng.standard_normal(n)
    x = z[:, :-1] - z[:, -1:]
    return x, w, y


def main():
    x, w, y = kernel_shap_design()

    def kernel_shap():
        wx = x * w[:, None]
        return np.linalg.solve(x.T @ wx, wx.T @ y)

    print("kernel_shap 8192x3071 normal equations + solve: %.1f ms" % median_ms(kernel_shap))
    rng = np.random.default_rng(1)
    xl = rng.integers(0, 2, (50, 3072)).astype(float)
    wl = rng.random(50)
    yl = rng.standard_normal(50)

    def centred():
        mx = (wl[:, None] * xl).sum(0) / wl.sum()
        my = (wl * yl).sum() / wl.sum()
        s = np.sqrt(wl)
        return s[:, None] * (xl - mx), s * (yl - my)

    def lime_primal():
        a, b = centred()
        return np.linalg.solve(a.T @ a + np.eye(3072), a.T @ b)

    def lime_dual():
        a, b = centred()
        return a.T @ np.linalg.solve(a @ a.T + np.eye(50), b)

    print("lime50 50x3072 ridge, normal equations + solve: %.1f ms" % median_ms(lime_primal))
    print("lime50 50x3072 ridge, dual form: %.2f ms" % median_ms(lime_dual))


if __name__ == "__main__":
    main()
