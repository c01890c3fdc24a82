"""Makes mlp_dropout_logvar.onnx and PyTorch's MC-dropout moments for UncertaintyPyTorchTest.

Run with /usr/bin/python3 (PyTorch 1.13). A 4->32->32 MLP with ReLU and Dropout(0.2) after each hidden
layer, and two heads: 'mean' (1 column) and 'logvar' (1 column, log sigma^2, as Kendall and Gal 2017).
Weights are seeded random (not trained: the moments only need a fixed function). For 5 inputs, PyTorch
runs T = 100000 passes in train mode and saves per element the mean, the epistemic variance (1/T),
the aleatoric variance (mean of exp(logvar)) and the standard errors of the first two estimates, so
the Java test can compare its own MC estimates within a statistical tolerance.
"""
import numpy as np
import torch

torch.manual_seed(12)
np.random.seed(12)


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.body = torch.nn.Sequential(
            torch.nn.Linear(4, 32), torch.nn.ReLU(), torch.nn.Dropout(0.2),
            torch.nn.Linear(32, 32), torch.nn.ReLU(), torch.nn.Dropout(0.2))
        self.mean = torch.nn.Linear(32, 1)
        self.logvar = torch.nn.Linear(32, 1)

    def forward(self, x):
        h = self.body(x)
        return self.mean(h), self.logvar(h)


net = Net()
x = torch.randn(5, 4)
net.train()
# exported in train mode with PRESERVE so the Dropout nodes stay (an eval-mode export drops them); xai
# runs them as the identity unless MC dropout asks for masks
torch.onnx.export(net, x[:1], "mlp_dropout_logvar.onnx", input_names=["x"], output_names=["mean", "logvar"],
                  dynamic_axes={"x": {0: "n"}, "mean": {0: "n"}, "logvar": {0: "n"}}, opset_version=13,
                  training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=False)
np.save("input.npy", x.numpy().astype(np.float32))
net.train()
T = 100000
with torch.no_grad():
    xs = x.repeat(T, 1)  # row k is sample k % 5; dropout masks are drawn per row
    mu, logvar = net(xs)
    mu = mu.double().reshape(T, 5)
    var = logvar.double().exp().reshape(T, 5)
mean = mu.mean(0)
centered = mu - mean
epistemic = (centered ** 2).mean(0)
m4 = (centered ** 4).mean(0)
np.save("torch_mean.npy", mean.numpy())
np.save("torch_epistemic.npy", epistemic.numpy())
np.save("torch_aleatoric.npy", var.mean(0).numpy())
# per-pass standard deviations: SE of a mean over T passes is sd / sqrt(T)
np.save("torch_sd_mean.npy", epistemic.sqrt().numpy())
np.save("torch_sd_epistemic.npy", (m4 - epistemic ** 2).clamp(min=0).sqrt().numpy())
np.save("torch_sd_aleatoric.npy", var.std(0).numpy())
print("passes", T, "mean", mean.numpy(), "epistemic", epistemic.numpy(), "aleatoric", var.mean(0).numpy())
