#!/usr/bin/env python3
"""Times the GemmBench shapes with NumPy (OpenBLAS) float32 matmul and prints GFLOPS.

Shapes are M x K x N: C[M,N] = A[M,K] @ B[K,N], the same random data layout as GemmBench (row-major,
no transposes). Run with 2 threads to match the Java runs on the 2-core machine:

    OPENBLAS_NUM_THREADS=2 python3 bench/scripts/numpy_gemm.py
    python3 bench/scripts/numpy_gemm.py --jmh-json jmh.json   # also prints the JMH results as GFLOPS

The JMH JSON is what `java -jar bench/target/benchmarks.jar GemmBench -rf json -rff jmh.json` writes.
"""
import argparse
import json
import time

import numpy as np

# (name, M, K, N); the im2col products of ResNet-18 at 64x64 input, batch 1: M = out channels,
# K = in channels * kh * kw, N = out height * out width
SHAPES = [
    ("square64", 64, 64, 64),
    ("square256", 256, 256, 256),
    ("square512", 512, 512, 512),
    ("square1024", 1024, 1024, 1024),
    ("conv1_7x7s2", 64, 147, 1024),
    ("layer1_3x3", 64, 576, 256),
    ("layer2_3x3", 128, 1152, 64),
    ("layer3_3x3", 256, 2304, 16),
    ("layer4_3x3", 512, 4608, 4),
]


def median_seconds(fn, min_time=1.0):
    """Median wall time of fn over enough repetitions to fill about min_time seconds."""
    fn()
    t = time.perf_counter()
    fn()
    one = max(time.perf_counter() - t, 1e-7)
    reps = max(5, int(min_time / one))
    ts = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t)
    return float(np.median(ts))


def numpy_table():
    rng = np.random.default_rng(1)
    rows = {}
    for name, m, k, n in SHAPES:
        a = rng.random((m, k), dtype=np.float32)
        b = rng.random((k, n), dtype=np.float32)
        c = np.empty((m, n), dtype=np.float32)
        sec = median_seconds(lambda: np.matmul(a, b, out=c))
        rows[name] = 2.0 * m * n * k / sec / 1e9
    return rows


def jmh_table(path):
    """GFLOPS per (benchmark method, shape name) from a JMH JSON result in average-time mode."""
    scale = {"ns/op": 1e-9, "us/op": 1e-6, "ms/op": 1e-3, "s/op": 1.0}
    dims = {name: (m, k, n) for name, m, k, n in SHAPES}
    out = {}
    with open(path) as f:
        for run in json.load(f):
            method = run["benchmark"].rsplit(".", 1)[1]
            shape = run["params"]["shape"]
            m, k, n = dims[shape]
            sec = run["primaryMetric"]["score"] * scale[run["primaryMetric"]["scoreUnit"]]
            out[(method, shape)] = 2.0 * m * n * k / sec / 1e9
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jmh-json", help="JMH JSON result of GemmBench to print beside NumPy")
    args = parser.parse_args()
    print("numpy", np.__version__)
    numpy_rows = numpy_table()
    methods = []
    jmh = {}
    if args.jmh_json:
        jmh = jmh_table(args.jmh_json)
        methods = sorted({meth for meth, _ in jmh})
    header = "%-12s %6s %6s %6s" % ("shape", "M", "K", "N") + "".join(" %12s" % h for h in methods + ["numpy"])
    print(header + "   (GFLOPS)")
    for name, m, k, n in SHAPES:
        cells = ["%12.1f" % jmh[(meth, name)] if (meth, name) in jmh else "%12s" % "-" for meth in methods]
        print("%-12s %6d %6d %6d " % (name, m, k, n) + " ".join(cells + ["%12.1f" % numpy_rows[name]]))


if __name__ == "__main__":
    main()
