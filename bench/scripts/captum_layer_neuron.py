#!/usr/bin/python3
"""Issue 14's speed table, Captum side: what LayerAttributionBench times, through Captum 0.7 itself.

    PYTHONPATH=/path/to/captum-0.7.0 /usr/bin/python3 bench/scripts/captum_layer_neuron.py [--only resnet|mlp] [--avx2]

Captum is not packaged by Debian: put a checkout of its v0.7.0 tag on PYTHONPATH (only its `captum/`
folder is needed; it runs on PyTorch 1.13). Workloads, 2 threads, Captum's defaults unless named:
  resnet18_64: torchvision ResNet-18 (10 classes) with the weights of bench/models/resnet18_64.onnx
    (bench/scripts/export_models.py's seed and construction order), input 4x3x64x64,
    LayerIntegratedGradients(model, model.layer3).attribute(x, target=t, n_steps=50) (gausslegendre,
    internal_batch_size None: all 200 points in one pass) and LayerConductance(model, model.layer3)
    (n_steps=50: 51 points per row, 204 in one pass). Twice: with BatchNorm as torchvision has it (what a
    Captum user runs) and folded into the convolutions (the ONNX graph xai4j runs; torch's
    fuse_conv_bn_eval), layer3 being the same module in both.
  iris_mlp: the MLP of bench/models/iris_mlp.onnx (weights loaded from the file), 6x4 input, the unit 3 of
    the first ReLU (model[1], ONNX '/1/Relu_output_0'), each Neuron* method's .attribute(x, 3, ...)
    (NeuronGradientShap with baselines = one row of zeros, n_samples 5, as xai4j's default).
Inputs are java.util.Random(0).nextFloat() in order, as LayerAttributionBench draws them; targets the argmax.
Each call: median and min of --reps calls after a warm-up of at least 3 calls and 2 s.
--avx2 restricts PyTorch to AVX2 (ATEN_CPU_CAPABILITY=avx2, ONEDNN_MAX_CPU_ISA=AVX2, OPENBLAS_CORETYPE=Haswell,
set before torch is imported, so the script starts itself again with them).
"""
import argparse
import os
import sys

from timing import timed

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.normpath(os.path.join(HERE, "..", "models"))


def java_random_floats(seed, count):
    """java.util.Random(seed).nextFloat() count times: the 48-bit LCG, 24 bits per float."""
    mask = (1 << 48) - 1
    s = (seed ^ 0x5DEECE66D) & mask
    out = []
    for _ in range(count):
        s = (s * 0x5DEECE66D + 0xB) & mask
        out.append((s >> 24) / float(1 << 24))
    return out


def resnet18_as_exported(torch):
    """The ResNet-18 of export_models.py: the same seed and the same modules built before it."""
    import torch.nn as nn
    import torchvision
    torch.manual_seed(0)
    nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 3))
    nn.Sequential(nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2), nn.Conv2d(8, 16, 3, padding=1),
                  nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, 5))
    nn.Sequential(nn.Conv1d(4, 16, 9, padding=4), nn.ReLU(), nn.MaxPool1d(4), nn.Conv1d(16, 16, 5, padding=2),
                  nn.ReLU(), nn.AdaptiveMaxPool1d(1), nn.Flatten(), nn.Linear(16, 1), nn.Sigmoid())
    return torchvision.models.resnet18(num_classes=10).eval()


def fold_batch_norm(model):
    """BatchNorm folded into the preceding convolution, as the ONNX exporter does; the modules stay where they are."""
    import copy
    import torch.nn as nn
    from torch.nn.utils.fusion import fuse_conv_bn_eval
    m = copy.deepcopy(model)
    m.conv1, m.bn1 = fuse_conv_bn_eval(m.conv1, m.bn1), nn.Identity()
    for layer in (m.layer1, m.layer2, m.layer3, m.layer4):
        for b in layer:
            b.conv1, b.bn1 = fuse_conv_bn_eval(b.conv1, b.bn1), nn.Identity()
            b.conv2, b.bn2 = fuse_conv_bn_eval(b.conv2, b.bn2), nn.Identity()
            if b.downsample is not None:
                b.downsample = nn.Sequential(fuse_conv_bn_eval(b.downsample[0], b.downsample[1]))
    return m.eval()


def mlp_from_onnx(torch):
    import onnx
    import torch.nn as nn
    from onnx import numpy_helper
    mlp = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 3))
    w = {i.name: torch.from_numpy(numpy_helper.to_array(i).copy()) for i in onnx.load(os.path.join(MODELS, "iris_mlp.onnx")).graph.initializer}
    mlp.load_state_dict(w)
    return mlp.eval()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--reps", type=int, default=15)
    ap.add_argument("--only", choices=["resnet", "mlp"], default=None)
    ap.add_argument("--avx2", action="store_true")
    a = ap.parse_args()
    if a.avx2 and os.environ.get("ATEN_CPU_CAPABILITY") != "avx2":
        env = dict(os.environ, ATEN_CPU_CAPABILITY="avx2", ONEDNN_MAX_CPU_ISA="AVX2", DNNL_MAX_CPU_ISA="AVX2",
                   OPENBLAS_CORETYPE="Haswell")
        os.execve(sys.executable, [sys.executable] + sys.argv, env)

    import torch
    import captum
    from captum.attr import (LayerConductance, LayerIntegratedGradients, NeuronConductance, NeuronDeconvolution,
                             NeuronDeepLift, NeuronFeatureAblation, NeuronGradient, NeuronGradientShap,
                             NeuronGuidedBackprop, NeuronIntegratedGradients)
    torch.set_num_threads(a.threads)
    print("torch", torch.__version__, "captum", captum.__version__, "threads", torch.get_num_threads(), "capability",
          torch.backends.cpu.get_cpu_capability() if hasattr(torch.backends, "cpu") else "?",
          "| load average", open("/proc/loadavg").read().split()[:3], flush=True)

    def report(name, fn):
        med, lo, hi = timed(fn, a.reps)
        print("%-40s median %9.3f ms  (min %.3f, max %.3f)" % (name, med, lo, hi), flush=True)

    if a.only in (None, "resnet"):
        x = torch.tensor(java_random_floats(0, 4 * 3 * 64 * 64), dtype=torch.float32).view(4, 3, 64, 64)
        plain = resnet18_as_exported(torch)
        for label, model in (("bn", plain), ("bn-folded", fold_batch_norm(plain))):
            with torch.no_grad():
                out = model(x)
            t = out.argmax(1)
            print("resnet18_64 (%s) targets %s logits[0,:3] %s" % (label, t.tolist(), [round(v, 5) for v in out[0, :3].tolist()]))
            lig = LayerIntegratedGradients(model, model.layer3)
            cond = LayerConductance(model, model.layer3)
            report("resnet18_64 %s layerIntegratedGradients50" % label, lambda: lig.attribute(x, target=t, n_steps=50))
            report("resnet18_64 %s layerConductance50" % label, lambda: cond.attribute(x, target=t, n_steps=50))

    if a.only in (None, "mlp"):
        mlp = mlp_from_onnx(torch)
        x = torch.tensor(java_random_floats(0, 6 * 4), dtype=torch.float32).view(6, 4)
        with torch.no_grad():
            t = mlp(x).argmax(1)
        layer, unit, zero = mlp[1], 3, torch.zeros(1, 4)
        print("iris_mlp targets", t.tolist())
        ng, nig, nc = NeuronGradient(mlp, layer), NeuronIntegratedGradients(mlp, layer), NeuronConductance(mlp, layer)
        ndl, ngs, ngb = NeuronDeepLift(mlp, layer), NeuronGradientShap(mlp, layer), NeuronGuidedBackprop(mlp, layer)
        ndc, nfa = NeuronDeconvolution(mlp, layer), NeuronFeatureAblation(mlp, layer)
        work = [
            ("neuronGradient", lambda: ng.attribute(x, unit)),
            ("neuronIntegratedGradients50", lambda: nig.attribute(x, unit, n_steps=50)),
            ("neuronConductance50", lambda: nc.attribute(x, unit, target=t, n_steps=50)),
            ("neuronDeepLift", lambda: ndl.attribute(x, unit)),
            ("neuronGradientShap", lambda: ngs.attribute(x, unit, baselines=zero, n_samples=5)),
            ("neuronGuidedBackprop", lambda: ngb.attribute(x, unit)),
            ("neuronDeconvolution", lambda: ndc.attribute(x, unit)),
            ("neuronFeatureAblation", lambda: nfa.attribute(x, unit)),
        ]
        for name, fn in work:
            report("iris_mlp " + name, fn)


if __name__ == "__main__":
    main()
