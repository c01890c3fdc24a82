#!/usr/bin/env python3
"""Times the ElementwiseBench work in NumPy and PyTorch (2 threads): median microseconds."""
import time
import numpy as np

def median_us(fn, reps=50):
    fn()
    ts = []
    for _ in range(reps):
        t = time.perf_counter(); fn(); ts.append((time.perf_counter() - t) * 1e6)
    return float(np.median(ts))

n = 1 << 20
rng = np.random.default_rng(1)
a = rng.standard_normal((n // 1024, 1024), dtype=np.float32)
b = rng.standard_normal((n // 1024, 1024), dtype=np.float32)
row = rng.standard_normal(1024, dtype=np.float32)
print("numpy", np.__version__)
for name, fn in [("add", lambda: a + b), ("addBroadcastRow", lambda: a + row),
                 ("relu", lambda: np.maximum(a, 0)), ("exp", lambda: np.exp(a)), ("sumAll", lambda: a.sum())]:
    print("numpy %-16s %10.1f us" % (name, median_us(fn)))
try:
    import torch
    torch.set_num_threads(2)
    ta, tb, tr = torch.from_numpy(a), torch.from_numpy(b), torch.from_numpy(row)
    for name, fn in [("add", lambda: ta + tb), ("addBroadcastRow", lambda: ta + tr),
                     ("relu", lambda: torch.relu(ta)), ("exp", lambda: torch.exp(ta)), ("sumAll", lambda: ta.sum())]:
        print("torch %-16s %10.1f us" % (name, median_us(fn)))
except ImportError:
    print("torch not installed")
