#!/usr/bin/python3
"""The ConvolutionBench work in PyTorch (2 threads): median milliseconds per call."""
import time
import torch
import torch.nn.functional as F

LAYERS = {"accept_8x64x16x16": (8, 64, 64, 16, 3, 1, 1), "r18_conv1": (4, 3, 64, 64, 7, 2, 3),
          "r18_layer1": (4, 64, 64, 16, 3, 1, 1), "r18_layer2": (4, 128, 128, 8, 3, 1, 1),
          "r18_layer3": (4, 256, 256, 4, 3, 1, 1), "r18_layer4": (4, 512, 512, 2, 3, 1, 1)}


def median_ms(fn, reps=30):
    for _ in range(5):
        fn()
    ts = []
    for _ in range(reps):
        t = time.perf_counter(); fn(); ts.append((time.perf_counter() - t) * 1e3)
    ts.sort()
    return ts[len(ts) // 2]


torch.set_num_threads(2)
torch.manual_seed(0)
print("torch", torch.__version__, "threads", torch.get_num_threads())
for name, (n, c, f, s, k, st, p) in LAYERS.items():
    x = torch.randn(n, c, s, s)
    w = torch.randn(f, c, k, k)

    def fwd():
        with torch.no_grad():
            return F.conv2d(x, w, None, st, p)

    def fwd_dx():
        xi = x.clone().requires_grad_(True)
        y = F.conv2d(xi, w, None, st, p)
        return torch.autograd.grad(y, xi, torch.ones_like(y))[0]

    def dw():
        wi = w.clone().requires_grad_(True)
        y = F.conv2d(x, wi, None, st, p)
        return torch.autograd.grad(y, wi, torch.ones_like(y))[0]

    print("%-20s forward %8.3f ms  forward+dx %8.3f ms  dw %8.3f ms" % (name, median_ms(fwd), median_ms(fwd_dx), median_ms(dw)))
