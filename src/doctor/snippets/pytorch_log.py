"""Gradient norms of a PyTorch model, logged for the Gradient Clinic's doctor.

    python3 pytorch_log.py [gradients.csv]      (PyTorch 1.x or 2.x)

One CSV row per parameter and step: step, name, grad_norm, weight_norm, loss.
The demo trains a 10-layer sigmoid MLP: give its log to the doctor and it finds
the first layer's gradient millions of times smaller than the last layer's.
"""
import csv
import sys

import torch
from torch import nn

# --- copy from here -------------------------------------------------------
HEADER = ["step", "name", "grad_norm", "weight_norm", "loss"]

def log_gradients(writer, step, model, loss):
    """Call after loss.backward() (with AMP, after scaler.unscale_(optimizer)),
    before any gradient clipping and optimizer.step()."""
    params = [(n, p) for n, p in model.named_parameters() if p.grad is not None]
    for i, (name, p) in enumerate(params):  # named_parameters() runs input -> output
        writer.writerow([step, name, p.grad.norm().item(), p.detach().norm().item(),
                         loss.item() if i == 0 else ""])  # the loss once per step
# --- to here; open the log with writer = csv.writer(f); writer.writerow(HEADER)

if __name__ == "__main__":
    torch.manual_seed(0)
    layers = []
    for _ in range(9):  # 9 sigmoids: each passes back at most 1/4 of the gradient
        layers += [nn.Linear(32, 32), nn.Sigmoid()]
    model = nn.Sequential(*layers, nn.Linear(32, 1))  # weights 0.weight ... 18.weight
    x = torch.randn(1024, 32)
    y = (x[:, :1] * x[:, 1:2] > 0).float()  # a synthetic target: do two signs agree?
    opt = torch.optim.SGD(model.parameters(), lr=0.5)
    with open(sys.argv[1] if len(sys.argv) > 1 else "gradients.csv", "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        for step in range(60):
            batch = torch.randint(0, len(x), (64,))  # a random mini-batch
            loss = nn.functional.binary_cross_entropy_with_logits(model(x[batch]), y[batch])
            opt.zero_grad()
            loss.backward()
            log_gradients(writer, step, model, loss)
            opt.step()
