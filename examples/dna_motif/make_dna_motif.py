#!/usr/bin/python3
"""Builds examples/dna_motif/: a DNA CNN that detects a planted transcription-factor motif.

Synthetic 101-bp sequences (uniform random bases, seeded). Positives carry the JUND-like motif TGACTCA
or its reverse complement TGAGTCA at a random position (half of all rows); of the negatives, three in
four are plain random and one in four carries a decoy (the motif with one base changed), so the
network learns the exact motif rather than "something TGA-like" while its score still rises smoothly
towards it (more decoys make the landscape rugged: greedy mutation then stalls more often). The model: Conv1d(4 -> 16, width 9) + ReLU + global max pool +
Linear(16 -> 1) + Sigmoid, trained with Adam. Input one-hot (N, 4, 101) in ACGT order; output (N, 1), the
probability that the sequence carries the motif.

Writes model.onnx (opset 13, dynamic batch), test_x.npy / test_y.npy (8 held-out rows), and prints the
test accuracy on 2,000 held-out sequences. Run from the repository root:
    /usr/bin/python3 examples/dna_motif/make_dna_motif.py
Needs torch (1.13 was used) and numpy.
"""
import os

import numpy as np
import torch
from torch import nn

OUT = os.path.dirname(os.path.abspath(__file__))
SEED = 12
L = 101
MOTIFS = ["TGACTCA", "TGAGTCA"]
BASES = "ACGT"


def one_hot(seqs):
    x = np.zeros((len(seqs), 4, L), dtype=np.float32)
    for n, s in enumerate(seqs):
        for i, b in enumerate(s):
            x[n, BASES.index(b), i] = 1.0
    return x


def make_data(rng, n):
    seqs, labels = [], []
    for k in range(n):
        s = list(rng.choice(list(BASES), size=L))
        kind = k % 8  # 0-3: motif; 4-6: random; 7: decoy
        if kind in (0, 1, 2, 3, 7):
            m = list(MOTIFS[rng.integers(2)])
            if kind == 7:
                j = rng.integers(len(m))
                m[j] = rng.choice([b for b in BASES if b != m[j]])
            p = rng.integers(L - len(m) + 1)
            s[p:p + len(m)] = m
        text = "".join(s)
        labels.append(1.0 if any(mt in text for mt in MOTIFS) else 0.0)
        seqs.append(text)
    return one_hot(seqs), np.array(labels, dtype=np.float32)


class MotifCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv1d(4, 16, kernel_size=9, padding=4)
        self.pool = nn.AdaptiveMaxPool1d(1)
        self.fc = nn.Linear(16, 1)

    def forward(self, x):
        h = self.pool(torch.relu(self.conv(x))).flatten(1)
        return torch.sigmoid(self.fc(h))


def main():
    rng = np.random.default_rng(SEED)
    torch.manual_seed(SEED)
    x_train, y_train = make_data(rng, 16000)
    x_test, y_test = make_data(rng, 2000)
    model = MotifCnn()
    opt = torch.optim.Adam(model.parameters(), lr=3e-3)
    xt, yt = torch.from_numpy(x_train), torch.from_numpy(y_train)[:, None]
    for epoch in range(12):
        perm = torch.randperm(len(xt))
        for b in range(0, len(xt), 128):
            idx = perm[b:b + 128]
            loss = nn.functional.binary_cross_entropy(model(xt[idx]), yt[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
    model.eval()
    with torch.no_grad():
        p = model(torch.from_numpy(x_test))[:, 0].numpy()
    accuracy = float(((p > 0.5) == (y_test > 0.5)).mean())
    print(f"test accuracy {accuracy:.4f} on {len(y_test)} held-out sequences")
    torch.onnx.export(model, torch.from_numpy(x_test[:1]), os.path.join(OUT, "model.onnx"), input_names=["input"],
                      output_names=["probability"], dynamic_axes={"input": {0: "batch"}, "probability": {0: "batch"}},
                      opset_version=13)
    np.save(os.path.join(OUT, "test_x.npy"), x_test[:8])
    np.save(os.path.join(OUT, "test_y.npy"), y_test[:8].astype(np.int64))


if __name__ == "__main__":
    main()
