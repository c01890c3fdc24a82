#!/usr/bin/python3
"""Captum 0.7.0's LRP with its epsilon, gamma and z+ (Alpha1_Beta0) rules on the two layer fixtures.

Writes expected_lrp_*.npy and lrp_checks.json (the xai explain arguments that should reproduce each) into
iris_mlp_layers/ and image_cnn_layers/ beside this script. The PyTorch modules are rebuilt from each
model.onnx's weights (the image CNN's exporter folded its BatchNorm into the first Conv, so the twin has
the folded Conv), so both sides compute the same network. Run with Debian's torch 1.13 and Captum's source:

    git --git-dir=<captum mirror> archive v0.7.0 captum | tar -x -C /tmp/captum-src
    PYTHONPATH=/tmp/captum-src /usr/bin/python3 src/src/test/resources/captum/make_lrp_checks.py
"""
import json
import os

import numpy as np
import onnx
import onnx.numpy_helper
import torch
import torch.nn as nn
from captum.attr import LRP
from captum.attr._utils.lrp_rules import Alpha1_Beta0_Rule, EpsilonRule, GammaRule

HERE = os.path.dirname(os.path.abspath(__file__))


def weights(folder):
    model = onnx.load(os.path.join(HERE, folder, "model.onnx"))
    return {i.name: torch.tensor(onnx.numpy_helper.to_array(i).copy()) for i in model.graph.initializer}


def set_params(module, weight, bias):
    with torch.no_grad():
        module.weight.copy_(weight)
        module.bias.copy_(bias)


def mlp():
    w = weights("iris_mlp_layers")
    net = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 16), nn.ReLU(), nn.Linear(16, 3))
    for i in (0, 2, 4):
        set_params(net[i], w["net.%d.weight" % i], w["net.%d.bias" % i])
    return net.eval()


class ImageCnn(nn.Module):
    """image_cnn_layers as exported: Conv (BN folded) - ReLU - MaxPool - Conv - ReLU - GAP - Linear."""

    def __init__(self, w):
        super().__init__()
        self.c1, self.r1, self.p1 = nn.Conv2d(3, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2, 2)
        self.c2, self.r2, self.gap = nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Linear(16, 5)
        set_params(self.c1, w["onnx::Conv_22"], w["onnx::Conv_23"])
        set_params(self.c2, w["c2.weight"], w["c2.bias"])
        set_params(self.fc, w["fc.weight"], w["fc.bias"])

    def forward(self, x):
        # flattened functionally: Captum's LRP would refuse an nn.Flatten module (no rule for it)
        h = self.p1(self.r1(self.c1(x)))
        h = self.gap(self.r2(self.c2(h)))
        return self.fc(torch.flatten(h, 1))


def cnn():
    return ImageCnn(weights("image_cnn_layers")).eval()


LINEAR, CONV, POOLS = (nn.Linear,), (nn.Conv2d,), (nn.MaxPool2d, nn.AdaptiveAvgPool2d)


def attribute(build, folder, rules):
    """LRP with rules: {module types: rule factory}; types not named keep Captum's default EpsilonRule."""
    model = build()
    for m in model.modules():
        for types, make in rules.items():
            if isinstance(m, types):
                m.rule = make()
    x = torch.tensor(np.load(os.path.join(HERE, folder, "input.npy")))
    t = torch.tensor(np.load(os.path.join(HERE, folder, "target.npy")))
    return LRP(model).attribute(x, target=t.tolist()).detach().numpy().astype(np.float32)


# (folder, check name, module builder, {module types: rule}, xai explain arguments after --method lrp)
CASES = [
    ("iris_mlp_layers", "lrp_epsilon", mlp, {}, []),
    ("iris_mlp_layers", "lrp_epsilon_0.25", mlp, {LINEAR: lambda: EpsilonRule(epsilon=0.25)}, ["--epsilon", "0.25"]),
    ("iris_mlp_layers", "lrp_gamma", mlp, {LINEAR: GammaRule}, ["--lrp-rule", "linear=gamma"]),
    ("iris_mlp_layers", "lrp_gamma_0.5_no_bias", mlp, {LINEAR: lambda: GammaRule(gamma=0.5, set_bias_to_zero=True)},
     ["--lrp-rule", "linear=gamma", "--gamma", "0.5", "--set-bias-to-zero"]),
    ("iris_mlp_layers", "lrp_alpha1_beta0", mlp, {LINEAR: Alpha1_Beta0_Rule}, ["--lrp-rule", "linear=alpha1-beta0"]),
    ("image_cnn_layers", "lrp_epsilon", cnn, {}, []),
    ("image_cnn_layers", "lrp_gamma_conv", cnn, {CONV: GammaRule}, ["--lrp-rule", "conv=gamma,linear=epsilon"]),
    ("image_cnn_layers", "lrp_alpha1_beta0_conv_gamma_linear", cnn, {CONV: Alpha1_Beta0_Rule, LINEAR: GammaRule},
     ["--lrp-rule", "conv=alpha1-beta0,linear=gamma"]),
    ("image_cnn_layers", "lrp_alpha1_beta0_no_bias", cnn,
     {CONV + LINEAR: lambda: Alpha1_Beta0_Rule(set_bias_to_zero=True), POOLS: Alpha1_Beta0_Rule},
     ["--lrp-rule", "z+", "--set-bias-to-zero"]),
]


def main():
    torch.set_num_threads(1)
    checks = {}
    for folder, name, build, rules, args in CASES:
        expected = "expected_%s.npy" % name
        a = attribute(build, folder, rules)
        np.save(os.path.join(HERE, folder, expected), a)
        checks.setdefault(folder, []).append({"name": name, "command": "explain", "args": ["--method", "lrp"] + args,
                                              "expected": expected, "rtol": 1e-3, "atol": 1e-5, "kind": "exact"})
        print(folder, name, a.shape, "sum per row", a.reshape(a.shape[0], -1).sum(1))
    for folder, entries in checks.items():
        with open(os.path.join(HERE, folder, "lrp_checks.json"), "w") as f:
            json.dump(entries, f, indent=1)
            f.write("\n")
    # the twins are the fixtures' networks: their outputs are the fixtures' predictions, and Captum's
    # epsilon rule on the MLP reproduces the fixture's expected_lrp.npy
    for folder, build in (("iris_mlp_layers", mlp), ("image_cnn_layers", cnn)):
        x = torch.tensor(np.load(os.path.join(HERE, folder, "input.npy")))
        predict = np.load(os.path.join(HERE, folder, "expected_predict.npy"))
        print(folder, "twin vs expected_predict.npy: max abs difference", float(np.abs(build()(x).detach().numpy() - predict).max()))
    shared = np.load(os.path.join(HERE, "iris_mlp_layers", "expected_lrp.npy"))
    mine = np.load(os.path.join(HERE, "iris_mlp_layers", "expected_lrp_epsilon.npy"))
    print("twin vs the shared expected_lrp.npy: max abs difference", float(np.abs(shared - mine).max()))


if __name__ == "__main__":
    main()
