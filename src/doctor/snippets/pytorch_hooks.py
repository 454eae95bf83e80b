"""Gradient norms and activation statistics from hooks, for the Gradient Clinic's doctor.

    python3 pytorch_hooks.py [gradients.csv]      (PyTorch 1.x or 2.x)

The training loop stays as it is: each parameter reports its gradient norm while backward
computes it, each nn.Sigmoid, nn.Tanh and nn.ReLU module the statistics of its output (one
module per layer: a module used twice logs its last call; F.relu calls are not seen). The
demo's ReLU net trains at too large a learning rate and most of its units die.
Under AMP's GradScaler the hooks see scaled gradients: divide by scaler.get_scale().
"""
import csv
import sys
from collections import OrderedDict

import torch
from torch import nn

# --- copy from here -------------------------------------------------------
COLUMNS = ["step", "name", "grad_norm", "act_mean", "act_std", "act_saturated", "act_dead", "loss"]
# Flat: f'(z) below 1 % of its peak, read off the output a = f(z); a ReLU passes nothing at a = 0.
FLAT = {nn.Sigmoid: lambda a: a * (1 - a) < 0.0025,
        nn.Tanh: lambda a: 1 - a * a < 0.01,
        nn.ReLU: lambda a: a <= 0}

class GradientLog:
    """Hooks `model` once; call log.flush(step, loss) after each optimizer.step()."""
    def __init__(self, model, file):
        self.rows = {}  # this step's values, by name
        self.order, self.names = [], {}  # names input -> output; activation module -> its name
        self.csv = csv.DictWriter(file, COLUMNS)  # the columns a row lacks are written empty
        self.csv.writeheader()
        for mname, m in model.named_modules():
            if type(m) in FLAT:
                self.order.append(mname)
                self.names[m] = mname
                m.register_forward_hook(self.on_activation)
            for pname, p in m.named_parameters(prefix=mname, recurse=False):
                self.order.append(pname)
                p.register_hook(lambda grad, name=pname: self.on_grad(name, grad))

    def on_grad(self, name, grad):  # runs while backward computes it; returns None: grad unchanged
        self.rows.setdefault(name, {})["grad_norm"] = grad.norm().item()

    def on_activation(self, module, inputs, out):
        if not torch.is_grad_enabled():
            return  # an evaluation under torch.no_grad(), not a training step
        a = out.detach().flatten(1)  # (batch, units)
        flat = FLAT[type(module)](a)
        self.rows[self.names[module]] = dict(act_mean=a.mean().item(), act_std=a.std().item(),
            # a ReLU's zero side is a gate, not saturation: only sigmoid and tanh saturate
            act_saturated="" if type(module) is nn.ReLU else flat.float().mean().item(),
            act_dead=flat.all(0).float().mean().item())  # units flat for the whole batch

    def flush(self, step, loss):
        names = [n for n in self.order if n in self.rows]
        for i, name in enumerate(names):  # the loss once, on the step's first row
            row = dict(self.rows[name], step=step, name=name, loss=loss.item() if i == 0 else "")
            self.csv.writerow(row)
        self.rows.clear()
# --- to here ----------------------------------------------------------------

if __name__ == "__main__":
    torch.manual_seed(0)
    layers = OrderedDict()
    for i, width in enumerate([32, 64, 64], start=1):
        layers[f"fc{i}"], layers[f"relu{i}"] = nn.Linear(width, 64), nn.ReLU()
    layers["out"] = nn.Linear(64, 1)
    model = nn.Sequential(layers)
    x = torch.randn(1024, 32)
    y = x[:, :4].sum(1, keepdim=True)  # a synthetic regression target
    # lr=0.1 trains this net; at 0.3 a few large steps leave most ReLUs below 0 for every input
    opt = torch.optim.SGD(model.parameters(), lr=0.3)
    with open(sys.argv[1] if len(sys.argv) > 1 else "gradients.csv", "w", newline="") as f:
        log = GradientLog(model, f)
        for step in range(60):
            batch = torch.randint(0, len(x), (64,))  # a random mini-batch
            loss = nn.functional.mse_loss(model(x[batch]), y[batch])
            opt.zero_grad()
            loss.backward()  # the hooks record the gradient norms here
            opt.step()
            log.flush(step, loss)
