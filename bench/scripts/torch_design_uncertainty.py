#!/usr/bin/python3
"""The DesignAndUncertaintyBench work in PyTorch (2 threads): median milliseconds per call.

Loads the weights of the committed examples (examples/dna_motif/model.onnx, examples/diabetes/model.onnx)
into the same PyTorch modules, then times
  greedy_1000:        the DeepChem book's loop, one candidate per forward pass: 1,000 steps of a random
                      single-base substitution kept when the score rises, on the 101-bp DNA CNN;
  mc_dropout_1000_x1:   1,000 train-mode passes of the diabetes MLP (dropout on) on one row, mean and
                      variance of both heads accumulated, one forward pass per MC sample;
  mc_dropout_1000_x142: the same on the 142 test rows;
  ..._stacked:        the same work as one forward pass of the rows repeated 1,000 times (what a PyTorch
                      user could write instead of the loop).
Run from the repository root: /usr/bin/python3 bench/scripts/torch_design_uncertainty.py
"""
import os
import sys
import time

import numpy as np
import onnx
import torch
from onnx import numpy_helper

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "examples", "dna_motif"))
sys.path.insert(0, os.path.join(ROOT, "examples", "diabetes"))
from make_dna_motif import MotifCnn  # noqa: E402
from make_diabetes import Regressor  # noqa: E402
from timing import timed  # noqa: E402


def weights(path):
    return {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in onnx.load(path).graph.initializer}


torch.set_num_threads(2)
print("torch", torch.__version__, "threads", torch.get_num_threads())
dna = MotifCnn()
dna.load_state_dict(weights(os.path.join(ROOT, "examples", "dna_motif", "model.onnx")))
dna.eval()
w = weights(os.path.join(ROOT, "examples", "diabetes", "model.onnx"))
reg = Regressor(float(w["y_mean"]), float(w["y_std"]))
reg.load_state_dict(w)
reg.train()  # dropout on
test_x = torch.from_numpy(np.load(os.path.join(ROOT, "examples", "diabetes", "test_x.npy")))


def greedy():
    rng = np.random.default_rng(1)
    seq = rng.integers(4, size=101)
    x = torch.zeros(1, 4, 101)
    x[0, seq, np.arange(101)] = 1
    with torch.no_grad():
        score = dna(x).item()
        for _ in range(1000):
            i = int(rng.integers(101))
            b = int((seq[i] + 1 + rng.integers(3)) % 4)
            x2 = x.clone()
            x2[0, :, i] = 0
            x2[0, b, i] = 1
            s = dna(x2).item()
            if s > score:
                x, score, seq[i] = x2, s, b
    return score


def mc_loop(x):
    def run():
        with torch.no_grad():
            s1 = torch.zeros(x.shape[0], 1, dtype=torch.float64); s2 = torch.zeros_like(s1); sv = torch.zeros_like(s1)
            for _ in range(1000):
                mu, lv = reg(x)
                mu = mu.double()
                s1 += mu; s2 += mu * mu; sv += lv.double().exp()
            mean = s1 / 1000
            return mean, s2 / 1000 - mean * mean, sv / 1000
    return run


def mc_stacked(x):
    def run():
        with torch.no_grad():
            mu, lv = reg(x.repeat(1000, 1))
            mu = mu.double().reshape(1000, -1)
            return mu.mean(0), mu.var(0, unbiased=False), lv.double().exp().reshape(1000, -1).mean(0)
    return run


for name, fn in [("greedy_1000", greedy), ("mc_dropout_1000_x1", mc_loop(test_x[:1])),
                 ("mc_dropout_1000_x142", mc_loop(test_x)), ("mc_dropout_1000_x1_stacked", mc_stacked(test_x[:1])),
                 ("mc_dropout_1000_x142_stacked", mc_stacked(test_x))]:
    med, lo, hi = timed(fn, 15, warm_s=0)
    print("%-30s median %9.3f ms  (min %.3f, max %.3f)" % (name, med, lo, hi))
