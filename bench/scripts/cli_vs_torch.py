#!/usr/bin/python3
"""The issue-10 speed table: each workload through the `xai` CLI (`--repeat`) beside the same work in
PyTorch, timed in the same run, one workload after the other (PyTorch first, then xai).

    /usr/bin/python3 bench/scripts/export_models.py          # once: bench/models/*.onnx
    mvn -q -DskipTests package
    /usr/bin/python3 bench/scripts/cli_vs_torch.py [--threads 2] [--avx2] [--only resnet18_64,image_cnn:occlusion]
                                                    [--reps 11] [--rounds 3] [--wait-quiet]

PyTorch side: the architectures of ../shared/anchors/pytorch_baseline.py (and the DNA CNN of the Captum
fixtures), with its saliency, integrated gradients (50 steps, one batch per row) and occlusion (16
perturbations per forward), plus Grad-CAM as Captum's LayerGradCam computes it (a forward to the layer,
the gradient of the target there, channel weights = spatial mean, weighted sum) - what the issue timed
with Captum 0.7, which Debian does not package. Median of 5 calls after a warm-up of at least 3 calls
and 2 s, as `xai explain --repeat 5` does. xai side: `./xai explain ... --repeat 5` on the exported ONNX models
(BatchNorm folded) with the same inputs; its printed median.

--rounds R repeats each pair R times, alternating (PyTorch, xai, PyTorch, xai, ...), and reports each side's
median over the rounds: on a shared VM a noisy spell of a few seconds otherwise lands on one side only.

--avx2 restricts both sides to AVX2 on an AVX-512 machine: `-XX:UseAVX=2` for the JVM (8-lane vectors)
and ATEN_CPU_CAPABILITY=avx2, ONEDNN_MAX_CPU_ISA=AVX2 (oneDNN's convolutions), OPENBLAS_CORETYPE=Haswell
(the BLAS behind Debian's PyTorch) for PyTorch; they must be set before torch is imported, so the script
starts itself again with them.
"""
import argparse, os, re, subprocess, sys, tempfile, time

from timing import timed

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
MODELS = os.path.join(ROOT, "bench", "models")

# name, model file, input shape, method, xai options. "small" rows have the 0.5 goal.
WORKLOADS = [
    ("resnet18_64", "saliency", []),
    ("resnet18_64", "integrated-gradients", ["--steps", "50"]),
    ("resnet18_64", "occlusion", ["--window", "3,16,16", "--stride", "3,8,8"]),
    ("resnet18_64", "grad-cam", ["--layer", "/layer4/layer4.1/relu_1/Relu_output_0"]),
    ("image_cnn", "saliency", []),
    ("image_cnn", "integrated-gradients", ["--steps", "50"]),
    ("image_cnn", "occlusion", ["--window", "3,16,16", "--stride", "3,8,8"]),
    ("image_cnn", "grad-cam", ["--layer", "/4/Relu_output_0"]),
    ("dna_cnn", "saliency", []),
    ("dna_cnn", "integrated-gradients", ["--steps", "50"]),
    ("dna_cnn", "occlusion", ["--window", "4,5", "--stride", "4,1"]),
    ("iris_mlp", "saliency", []),
    ("iris_mlp", "integrated-gradients", ["--steps", "50"]),
]
SHAPES = {"resnet18_64": (4, 3, 64, 64), "image_cnn": (2, 3, 32, 32), "dna_cnn": (4, 4, 101), "iris_mlp": (6, 4)}
SMALL = {"image_cnn", "dna_cnn", "iris_mlp"}


def torch_models():
    import torch.nn as nn
    import torchvision

    mlp = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 3))
    img = nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(8, 16, 3, padding=1),
                        nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, 5))
    dna = nn.Sequential(nn.Conv1d(4, 16, 9, padding=4), nn.ReLU(), nn.MaxPool1d(4), nn.Conv1d(16, 16, 5, padding=2),
                        nn.ReLU(), nn.AdaptiveMaxPool1d(1), nn.Flatten(), nn.Linear(16, 1), nn.Sigmoid())
    r18 = torchvision.models.resnet18(num_classes=10)
    # the layer Grad-CAM explains, as the xai rows name it
    return {"iris_mlp": (mlp.eval(), None), "image_cnn": (img.eval(), img[4]), "dna_cnn": (dna.eval(), dna[4]),
            "resnet18_64": (r18.eval(), r18.layer4)}


def torch_method(torch, model, layer, x, t, method):
    def saliency():
        xx = x.clone().requires_grad_(True)
        out = model(xx).gather(1, t.view(-1, 1)).sum()
        g, = torch.autograd.grad(out, xx)
        return g.abs()

    def integrated_gradients(steps=50):
        alphas = torch.linspace(0, 1, steps)
        res = []
        for i in range(len(x)):
            xi = (alphas.view(-1, *([1] * (x.dim() - 1))) * x[i:i + 1]).requires_grad_(True)
            out = model(xi)[:, t[i]].sum()
            g, = torch.autograd.grad(out, xi)
            res.append(x[i] * g.mean(0))
        return torch.stack(res)

    def occlusion(per_eval=16):
        # sliding windows over the non-channel axes: 16x16 stride 8 on images, 5 stride 1 on sequences
        n = x.shape[0]
        if x.dim() == 4:
            win, stride = 16, 8
            pos = [(i, j) for i in range(0, x.shape[2] - win + 1, stride) for j in range(0, x.shape[3] - win + 1, stride)]
            sl = lambda p: (slice(None), slice(p[0], p[0] + win), slice(p[1], p[1] + win))
        else:
            win, stride = 5, 1
            pos = [(i,) for i in range(0, x.shape[2] - win + 1, stride)]
            sl = lambda p: (slice(None), slice(p[0], p[0] + win))
        with torch.no_grad():
            base = model(x).gather(1, t.view(-1, 1))
            out = torch.zeros_like(x)
            cnt = torch.zeros_like(x)
            for k in range(0, len(pos), per_eval):
                chunk = pos[k:k + per_eval]
                xs = x.repeat(len(chunk), *([1] * (x.dim() - 1)))
                for m, p in enumerate(chunk):
                    xs[(slice(m * n, (m + 1) * n),) + sl(p)] = 0
                ys = model(xs).gather(1, t.repeat(len(chunk)).view(-1, 1)).view(len(chunk), n)
                for m, p in enumerate(chunk):
                    d = (base[:, 0] - ys[m]).view(n, *([1] * (x.dim() - 1)))
                    out[(slice(None),) + sl(p)] += d
                    cnt[(slice(None),) + sl(p)] += 1
        return out / cnt.clamp(min=1)

    def grad_cam():
        # Captum's LayerGradCam: gradient of the target at the layer's output, weights = mean over
        # the spatial axes, map = sum over channels of weight x activation (no ReLU by default)
        saved = {}
        h = layer.register_forward_hook(lambda mod, inp, out: saved.__setitem__("a", out))
        try:
            out = model(x).gather(1, t.view(-1, 1)).sum()
        finally:
            h.remove()
        a = saved["a"]
        g, = torch.autograd.grad(out, a)
        dims = tuple(range(2, a.dim()))
        w = g.mean(dim=dims, keepdim=True)
        return (w * a).sum(1, keepdim=True)

    return {"saliency": saliency, "integrated-gradients": integrated_gradients, "occlusion": occlusion,
            "grad-cam": grad_cam}[method]


def wait_quiet(max_s=600):
    """On a shared machine: wait until the other processes have used under 15 % of the CPUs for 3 s."""
    deadline = time.time() + max_s
    while time.time() < deadline:
        try:
            with open("/proc/stat") as f:
                a = [int(v) for v in f.readline().split()[1:8]]
            time.sleep(3)
            with open("/proc/stat") as f:
                b = [int(v) for v in f.readline().split()[1:8]]
        except OSError:
            return
        busy = sum(b[i] - a[i] for i in (0, 1, 2, 5, 6))
        idle = sum(b[i] - a[i] for i in (3, 4))
        if busy + idle > 0 and busy < 0.15 * (busy + idle):
            return


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--avx2", action="store_true")
    ap.add_argument("--only", default=None, help="model names or model:method, comma-separated")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--wait-quiet", action="store_true", help="before each workload, wait until the machine is idle")
    ap.add_argument("--rounds", type=int, default=1,
                    help="pairs (PyTorch, then xai) per workload; the table gives each side's median over the rounds")
    a = ap.parse_args()
    if a.avx2 and os.environ.get("ATEN_CPU_CAPABILITY") != "avx2":
        env = dict(os.environ, ATEN_CPU_CAPABILITY="avx2", ONEDNN_MAX_CPU_ISA="AVX2", DNNL_MAX_CPU_ISA="AVX2",
                   OPENBLAS_CORETYPE="Haswell")
        os.execve(sys.executable, [sys.executable] + sys.argv, env)

    import numpy as np
    import torch
    torch.set_num_threads(a.threads)
    torch.manual_seed(0)
    rng = np.random.default_rng(0)
    models = torch_models()
    jvm_opts = (os.environ.get("XAI_JAVA_OPTS", "") + (" -XX:UseAVX=2" if a.avx2 else "")).strip()
    env = dict(os.environ, XAI_JAVA_OPTS=jvm_opts)
    tmp = tempfile.mkdtemp(prefix="xai-vs-torch-")
    print("torch", torch.__version__, "threads", torch.get_num_threads(), "capability",
          torch.backends.cpu.get_cpu_capability() if hasattr(torch.backends, "cpu") else "?",
          "| xai JVM options:", jvm_opts or "(none)")
    version = subprocess.run([os.path.join(ROOT, "xai"), "--version"], env=env, capture_output=True, text=True).stdout
    print("\n".join("  " + line for line in version.strip().splitlines()))

    inputs = {}
    for name, shape in SHAPES.items():
        if name == "dna_cnn":
            x = np.zeros(shape, np.float32)
            idx = rng.integers(0, 4, size=(shape[0], shape[2]))
            for r in range(shape[0]):
                x[r, idx[r], np.arange(shape[2])] = 1
        else:
            x = rng.random(shape, dtype=np.float32)
        inputs[name] = x
        np.save(os.path.join(tmp, name + ".npy"), x)

    print("%-12s %-22s %10s %10s %7s %5s" % ("model", "method", "xai ms", "torch ms", "ratio", "goal"))
    only = set(a.only.split(",")) if a.only else None
    for name, method, opts in WORKLOADS:
        if only and not only & {name, name + ":" + method}:
            continue
        model, layer = models[name]
        x = torch.from_numpy(inputs[name])
        with torch.no_grad():
            t = model(x).argmax(1)
        fn = torch_method(torch, model, layer, x, t, method)
        cmd = [os.path.join(ROOT, "xai"), "explain", "--model", os.path.join(MODELS, name + ".onnx"),
               "--input", os.path.join(tmp, name + ".npy"), "--method", method, "--threads", str(a.threads),
               "--repeat", str(a.reps), "--out", os.path.join(tmp, "out.npy")] + opts
        torch_runs, xai_runs = [], []
        for _ in range(a.rounds):
            if a.wait_quiet:
                wait_quiet()
            torch_runs.append(timed(fn, a.reps)[0])
            if a.wait_quiet:
                wait_quiet()
            r = subprocess.run(cmd, env=env, capture_output=True, text=True)
            m = re.search(r"median ([0-9.]+) ms", r.stderr)
            if not m:
                print(name, method, "xai failed:", r.stderr.strip()[-500:])
                break
            xai_runs.append(float(m.group(1)))
        if len(xai_runs) < a.rounds:
            continue
        torch_ms, xai_ms = sorted(torch_runs)[len(torch_runs) // 2], sorted(xai_runs)[len(xai_runs) // 2]
        goal = 0.5 if name in SMALL else 1.0
        rounds = "" if a.rounds == 1 else "  rounds: " + " ".join("%.3f/%.3f" % p for p in zip(xai_runs, torch_runs))
        print("%-12s %-22s %10.3f %10.3f %7.2f %5s%s%s" % (name, method, xai_ms, torch_ms, xai_ms / torch_ms, goal,
                                                           "" if xai_ms / torch_ms <= goal else "  MISSED", rounds), flush=True)


if __name__ == "__main__":
    main()
