# The PyTorch 1.13 numbers of LossesAndOptimizersTest: /usr/bin/python3 pytorch_reference.py
import torch, torch.nn.functional as F
torch.set_printoptions(precision=10)
p = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]])
t = torch.tensor([[0.0, -0.5, 1.0], [2.0, 1.0, -1.0]])
print("mse", F.mse_loss(p, t).item())
print("ce", F.cross_entropy(p, torch.tensor([2, 0])).item())
print("bcel", F.binary_cross_entropy_with_logits(p, (t > 0).float()).item())
print("bce", F.binary_cross_entropy(torch.sigmoid(p), (t > 0).float()).item())
print("bce_clamp", F.binary_cross_entropy(torch.tensor([0.0, 1.0, 0.5]), torch.tensor([1.0, 0.0, 1.0])).item())
print("gnll", (0.5 * (t.new_tensor([[0.1, -0.2, 0.3], [0.0, 0.5, -1.0]]) + (t - p) ** 2 / torch.exp(t.new_tensor([[0.1, -0.2, 0.3], [0.0, 0.5, -1.0]])))).mean().item())
for name in ["sgd", "sgd_nesterov_wd", "adam", "adam_wd"]:
    w = torch.tensor([1.0, -2.0, 0.5], requires_grad=True)
    if name == "sgd": opt = torch.optim.SGD([w], lr=0.1, momentum=0.9)
    if name == "sgd_nesterov_wd": opt = torch.optim.SGD([w], lr=0.05, momentum=0.8, nesterov=True, weight_decay=0.01)
    if name == "adam": opt = torch.optim.Adam([w], lr=0.1)
    if name == "adam_wd": opt = torch.optim.Adam([w], lr=0.01, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1)
    for _ in range(3):
        opt.zero_grad(); loss = (w ** 2 * torch.tensor([1.0, 2.0, 3.0])).sum() + w.sum(); loss.backward(); opt.step()
    print(name, w.detach().numpy().tolist())
