"""The PyTorch CUDA peer of GpuBench (run by gpu-check.sh on the device machine): cuBLAS SGEMM with TF32
off at 4096^3 and 8192^3, 64 MB host-device copies, and the cost of one small elementwise op."""
import time

import torch


def timed(fn, reps):
    for _ in range(2):
        fn()
    torch.cuda.synchronize()
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        torch.cuda.synchronize()
        ts.append(time.perf_counter() - t0)
    ts.sort()
    return ts[len(ts) // 2]


def main():
    if not torch.cuda.is_available():
        print("torch: no CUDA device")
        return
    torch.backends.cuda.matmul.allow_tf32 = False
    torch.backends.cudnn.allow_tf32 = False
    print(f"torch {torch.__version__}, CUDA {torch.version.cuda}, {torch.cuda.get_device_name(0)}")
    for n in (4096, 8192):
        a = torch.randn(n, n, device="cuda")
        b = torch.randn(n, n, device="cuda")
        t = timed(lambda: torch.mm(a, b), 5 if n >= 8192 else 10)
        print(f"sgemm {n}^3 cuBLAS via PyTorch (TF32 off): {t * 1e3:.3f} ms, {2 * n ** 3 / t / 1e12:.1f} TFLOP/s")
    host = torch.zeros(16 << 20)
    dev = torch.empty(16 << 20, device="cuda")
    up = timed(lambda: dev.copy_(host), 10)
    down = timed(lambda: host.copy_(dev), 10)
    print(f"copy 64 MB host->device (pageable): {64 * 2 ** 20 / up / 1e9:.2f} GB/s; device->host: {64 * 2 ** 20 / down / 1e9:.2f} GB/s")
    x = torch.rand(256, device="cuda")
    calls = 10000
    for _ in range(1000):
        x + x
    torch.cuda.synchronize()
    t0 = time.perf_counter()
    for _ in range(calls):
        x + x
    torch.cuda.synchronize()
    print(f"binary op on 256 floats (torch add): {(time.perf_counter() - t0) / calls * 1e6:.2f} us per call")


if __name__ == "__main__":
    main()
