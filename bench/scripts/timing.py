"""The peers' side of the benchmarks: one way to time a Python callable, as `xai explain --repeat` does."""
import time


def timed(fn, reps, warm_s=2.0, warm_runs=3):
    """Runs fn at least warm_runs times and for warm_s seconds, then reps times: (median, min, max) in ms."""
    start = time.perf_counter()
    runs = 0
    while runs < warm_runs or time.perf_counter() - start < warm_s:
        fn()
        runs += 1
    ts = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        ts.append((time.perf_counter() - t) * 1e3)
    ts.sort()
    return ts[len(ts) // 2], ts[0], ts[-1]
