#!/usr/bin/env python3
"""__HEADER__"""
# What follows trains the experiment described in SPEC (at the end of the file) with PyTorch:
# the same architecture, the same initial weights and data (exported from the site, so no random
# generator has to match), the same loss, optimiser, clipping or penalty, the same mini-batches.
# It prints, step by step, the numbers the site's widget draws: the loss, the gradient norm over
# all parameters and each layer's ||dL/dW||, ||dL/db||, and per time step ||dL/dh_t|| for a
# recurrent layer. Needs Python 3.8+, PyTorch (1.13 or newer) and NumPy.
#
#   python3 this_script.py              a table, every step
#   python3 this_script.py --steps 20   only the first 20 steps of the session
#   python3 this_script.py --json       one JSON object per step and run (the site's frame fields)
import argparse
import base64
import json
import math
import sys

import numpy as np
import torch
import torch.nn.functional as F

FORMAT = 1


# ---------------------------------------------------------------- data and weights, as exported

def floats(b64, shape):
    """float32 values, little-endian, base64: bit for bit what the site drew."""
    return torch.from_numpy(np.frombuffer(base64.b64decode(b64), dtype="<f4").copy()).reshape(shape)


def ints(b64):
    return torch.from_numpy(np.frombuffer(base64.b64decode(b64), dtype="<i4").astype(np.int64))


def load_data(d):
    """(x, y): a table [n, features], or sequences [n, T, features]."""
    n = d["n"]
    shape = (n, d["inputDim"]) if d["kind"] == "tabular" else (n, d["length"], d["features"])
    return floats(d["x"], shape), floats(d["y"], (n, d["outputDim"]))


def model_input(x):
    """Sequences go in time-major, [T*n, features]: row t*n + i is example i at step t."""
    if x.dim() == 2:
        return x
    n, t, f = x.shape
    return x.permute(1, 0, 2).reshape(t * n, f)


# ---------------------------------------------------------------- the model

def activate(b, z):
    name = b["activation"]
    if name == "sigmoid":
        return torch.sigmoid(z)
    if name == "tanh":
        return torch.tanh(z)
    if name == "relu":
        return F.relu(z)
    if name == "leaky-relu":
        return F.leaky_relu(z, b["slope"])
    if name == "elu":
        return F.elu(z, b["alpha"])
    if name == "gelu":
        return F.gelu(z)  # the exact form, z * Phi(z)
    if name == "silu":
        return F.silu(z)
    if name == "linear":
        return z
    raise ValueError("unknown activation " + name)


class Pass:
    """One forward pass: training or evaluation mode, batch norm's new running statistics,
    and the recurrent states whose gradients are reported."""

    def __init__(self, params, training):
        self.p = params
        self.training = training
        self.new_state = {}
        self.states = {}  # (layer, 'h' or 'c') -> [tensor per time step]

    def batch_norm(self, n, x):
        p = self.p
        if not self.training:
            return F.batch_norm(x, p[n["mean"]], p[n["var"]], p[n["gamma"]], p[n["beta"]], False, 0.0, n["eps"])
        # As torch.nn.BatchNorm1d: normalise by the batch's biased variance; the running
        # variance takes the unbiased one. Running statistics are updated after the step.
        mean, var = x.mean(0), x.var(0, unbiased=False)
        m, rows = n["momentum"], x.shape[0]
        with torch.no_grad():
            self.new_state[n["mean"]] = (1 - m) * p[n["mean"]] + m * mean
            self.new_state[n["var"]] = (1 - m) * p[n["var"]] + m * var * rows / (rows - 1)
        return (x - mean) / torch.sqrt(var + n["eps"]) * p[n["gamma"]] + p[n["beta"]]

    def dense(self, b, x):
        z = x @ self.p[b["weight"]] + self.p[b["bias"]]
        norm = b.get("norm")
        if norm and norm["placement"] == "bn-before":
            z = self.batch_norm(norm, z)
        a = activate(b, z)
        if norm and norm["placement"] == "bn-after":
            a = self.batch_norm(norm, a)
        return a

    def recurrent(self, b, x):
        p, t_len, units = self.p, b["length"], b["units"]
        n = x.shape[0] // t_len
        inputs = (x @ p[b["wx"]] + p[b["b"]]).reshape(t_len, n, -1)
        h = torch.zeros(n, units)
        c = torch.zeros(n, units)
        hs, cs = [], []
        for t in range(t_len):
            pre = inputs[t] if t == 0 else inputs[t] + h @ p[b["wh"]]
            if b["cell"] == "rnn":
                h = torch.tanh(pre)
            else:
                i, f, g, o = pre.split(units, dim=1)  # gates in PyTorch's order
                c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
                h = torch.sigmoid(o) * torch.tanh(c)
                if self.training:
                    c.retain_grad()
                cs.append(c)
            if self.training:
                h.retain_grad()  # for ||dL/dh_t||: the gradient through every later step
            hs.append(h)
        self.states[(b["name"], "h")] = hs
        if cs:
            self.states[(b["name"], "c")] = cs
        return h

    def block(self, b, x):
        kind = b["type"]
        if kind == "dense":
            return self.dense(b, x)
        if kind == "residual":
            f = x
            for d in b["branch"]:
                f = self.dense(d, f)
            return x + b["scale"] * f
        if kind == "recurrent":
            return self.recurrent(b, x)
        if kind == "tied-decoder":
            return x @ self.p[b["weight"]].T + self.p[b["bias"]]
        raise ValueError("unknown block " + kind)

    def forward(self, model, x):
        for b in model["blocks"]:
            x = self.block(b, x)
        return x


# ---------------------------------------------------------------- losses, penalties, optimisers

def data_loss(name, pred, y):
    if name == "mse":
        return F.mse_loss(pred, y)
    if name == "sigmoid-ce":
        return F.binary_cross_entropy_with_logits(pred, y)
    if name == "softmax-ce":
        return -(y * F.log_softmax(pred, dim=-1)).sum(-1).mean()
    raise ValueError("unknown loss " + name)


def accuracy(name, pred, y, tolerance=None):
    if tolerance is not None:  # a regression's: the share of predictions within the tolerance
        return ((pred - y).abs() < tolerance).float().mean().item()
    if name == "sigmoid-ce":
        return ((pred > 0) == (y > 0.5)).float().mean().item()
    if name == "softmax-ce":
        return (pred.argmax(-1) == y.argmax(-1)).float().mean().item()
    return None


def penalty(spec, weights):
    """lambda * sum(w^2) or lambda * sum(|w|), over weight matrices (not biases)."""
    terms = [(w * w).sum() if spec["type"] == "l2" else w.abs().sum() for w in weights]
    return spec["lambda"] * torch.stack(terms).sum()


def make_optimizer(spec, params):
    if spec["name"] == "sgd":
        return torch.optim.SGD(params, lr=spec["lr"])
    if spec["name"] == "momentum":
        return torch.optim.SGD(params, lr=spec["lr"], momentum=spec["momentum"])
    if spec["name"] == "adam":
        return torch.optim.Adam(params, lr=spec["lr"], betas=(spec["beta1"], spec["beta2"]), eps=spec["epsilon"])
    raise ValueError("unknown optimiser " + spec["name"])


def lr_at(spec, step):
    """The step size of update `step`: a linear warm-up to lr when the run has one."""
    warmup = spec.get("warmup", 0)
    return spec["lr"] if warmup <= 1 else spec["lr"] * min(1.0, (step + 1) / warmup)


def norm(tensors):
    return math.sqrt(sum(float(t.double().pow(2).sum()) for t in tensors))


def finite(t):
    return bool(torch.isfinite(t).all())


# ---------------------------------------------------------------- one trainer: a phase, or the run's own training

class Trainer:
    def __init__(self, params, model, x, y, loss, optimizer, run=None):
        self.p, self.model, self.x, self.y, self.loss = params, model, x, y, loss
        self.run = run or {}
        self.names = [n for n in model["params"] if params[n].requires_grad]
        self.trainable = [params[n] for n in self.names]
        self.weights = [params[n] for n in self.names if self.run.get("roles", {}).get(n) == "weight"]
        self.opt_spec = optimizer
        self.opt = make_optimizer(optimizer, self.trainable)
        batches = self.run.get("batches")
        self.batches = ints(batches["indices"]).reshape(-1, batches["size"]) if batches else None
        self.step = 0

    def evaluate(self, x, y):
        with torch.no_grad():
            pred = Pass(self.p, training=False).forward(self.model, model_input(x))
            out = {"loss": data_loss(self.loss, pred, y).item()}
            acc = accuracy(self.loss, pred, y, self.run.get("tolerance"))
            if acc is not None:
                out["accuracy"] = acc
            return out

    def train_step(self):
        run, step = self.run, self.step
        frame = {}
        if run.get("evaluate") and step % run["evaluate"]["every"] == 0:
            frame["eval"] = self.evaluate(self.x, self.y)
        if run.get("validate") and step % run["validate"]["every"] == 0:
            frame["validation"] = self.evaluate(*run["validation_data"])
        x, y = self.x, self.y
        if self.batches is not None:
            idx = self.batches[step]
            x, y = x[idx], y[idx]

        fwd = Pass(self.p, training=True)
        pred = fwd.forward(self.model, model_input(x))
        loss = data_loss(self.loss, pred, y)
        total = loss
        penalties = [penalty(s, self.weights) for s in run.get("penalties", [])]
        if penalties:
            total = loss + torch.stack(penalties).sum()
        with torch.no_grad():  # proximal penalties: reported at the weights the gradients are taken at
            penalties += [penalty({"type": "l1", "lambda": s["lambda"]}, self.weights) for s in run.get("proximal", [])]
        self.opt.zero_grad()
        total.backward()

        grads = [p.grad for p in self.trainable]
        sq = {n: float(g.double().pow(2).sum()) for n, g in zip(self.names, grads)}
        frame["loss"] = loss.item()
        acc = accuracy(self.loss, pred.detach(), y, run.get("tolerance"))
        if acc is not None:
            frame["accuracy"] = acc
        if penalties:
            frame["penalty"] = float(sum(p.item() for p in penalties))
        frame["globalNorm"] = math.sqrt(sum(sq.values()))
        for name, states in fwd.states.items():
            key = "gradNormH" if name[1] == "h" else "gradNormC"
            frame[key] = [norm([s.grad]) for s in states]
        frame["layers"] = [
            {
                "name": layer["name"],
                "gradNormW": math.sqrt(sum(sq.get(n, 0.0) for n in layer["weights"])),
                "gradNormB": math.sqrt(sum(sq.get(n, 0.0) for n in layer["biases"])),
            }
            for layer in self.model["layers"]
        ]
        if not (finite(loss) and all(finite(g) for g in grads)):
            frame["diverged"] = True
            return frame

        for t in run.get("transforms", []):
            if t["type"] == "clip-value":
                torch.nn.utils.clip_grad_value_(self.trainable, t["c"])
            else:
                torch.nn.utils.clip_grad_norm_(self.trainable, t["c"])
        if run.get("transforms"):
            frame["appliedNorm"] = norm([p.grad for p in self.trainable])
        for group in self.opt.param_groups:
            group["lr"] = lr_at(self.opt_spec, step)
        self.opt.step()
        with torch.no_grad():
            for s in run.get("proximal", []):
                for w in self.weights:  # soft threshold: w <- sign(w) * max(|w| - lr * lambda, 0)
                    w.copy_(torch.sign(w) * F.relu(w.abs() - s["lr"] * s["lambda"]))
            for name, value in fwd.new_state.items():
                self.p[name].copy_(value)
        if not all(finite(p) for p in self.trainable):
            frame["diverged"] = True
        self.step += 1
        return frame


def make_params(specs, params=None):
    params = {} if params is None else params
    for s in specs:
        t = floats(s["values"], s["shape"])
        params[s["name"]] = t.requires_grad_(True) if s["trainable"] else t
    return params


def run_frames(run, max_step):
    """Trains one run (its phases, then its own training) and yields its frames, numbered by session step."""
    params = make_params(run["params"])
    roles = {s["name"]: s["role"] for s in run["params"]}
    x, y = load_data(run["data"])
    step = run["start"]
    for phase in run["phases"]:
        make_params(phase["params"], params)
        for s in phase["params"]:
            roles[s["name"]] = s["role"]
        with torch.no_grad():  # the phase's data: the inputs through the layers below, as they are now
            h = x
            blocks = {b["name"]: b for b in run["model"]["blocks"] if b["type"] == "dense"}
            for name in phase["through"]:
                h = Pass(params, training=False).dense(blocks[name], h)
        trainer = Trainer(params, phase["model"], h, h.clone(), phase["loss"], phase["optimizer"], {"roles": roles})
        for _ in range(phase["steps"]):
            if step >= max_step:
                return
            frame = trainer.train_step()
            yield dict(step=step, phase=phase["name"], **frame)
            step += 1
            if frame.get("diverged"):
                return
    options = dict(run, roles=roles)
    if run.get("validate"):
        options["validation_data"] = load_data(run["validate"]["data"])
    trainer = Trainer(params, run["model"], x, y, run["loss"], run["optimizer"], options)
    for _ in range(run["steps"]):
        if step >= max_step:
            return
        frame = trainer.train_step()
        yield dict(step=step, **({"phase": run["phase"]} if run.get("phase") else {}), **frame)
        step += 1
        if frame.get("diverged"):
            return


# ---------------------------------------------------------------- output

def json_number(v):
    if isinstance(v, float) and not math.isfinite(v):
        return "NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity")
    if isinstance(v, dict):
        return {k: json_number(w) for k, w in v.items()}
    if isinstance(v, list):
        return [json_number(w) for w in v]
    return v


def table_line(run, frame):
    layers = " ".join("%.3e" % layer["gradNormW"] for layer in frame["layers"])
    extra = ""
    if "penalty" in frame:
        extra += "  penalty %.4g" % frame["penalty"]
    if "appliedNorm" in frame:
        extra += "  applied %.4g" % frame["appliedNorm"]
    if "gradNormH" in frame:
        h = frame["gradNormH"]
        extra += "  |dL/dh_1| %.3e  |dL/dh_T| %.3e" % (h[0], h[-1])
    phase = " " + frame["phase"] if "phase" in frame else ""
    return "%-10s %5d%s  loss %.6g  |g| %.4g%s  |dL/dW| by layer: %s%s" % (
        run, frame["step"], phase, frame["loss"], frame["globalNorm"], extra, layers, "  DIVERGED" if frame.get("diverged") else "")


def main(spec):
    ap = argparse.ArgumentParser(description="The site's experiment, in PyTorch")
    ap.add_argument("--steps", type=int, default=None, help="train the session's first N steps only")
    ap.add_argument("--json", action="store_true", help="one JSON object per step and run")
    ap.add_argument("--spec", help="read the experiment from this JSON file instead")
    args = ap.parse_args()
    if args.spec:
        with open(args.spec, encoding="utf-8") as f:
            spec = json.load(f)
    if spec is None or spec.get("format") != FORMAT:
        sys.exit("this runtime reads format %d experiment descriptions" % FORMAT)
    torch.manual_seed(0)  # nothing here draws at random; set for good measure
    max_step = args.steps if args.steps is not None else float("inf")
    if not args.json:
        print("%s (seed %d, %s)" % (spec["title"]["en"], spec["seed"], ", ".join("%s=%s" % kv for kv in spec["values"].items())))
    try:
        for run in spec["runs"]:
            for frame in run_frames(run, max_step):
                if args.json:
                    print(json.dumps(json_number(dict(run=run["name"], **frame))), flush=True)
                else:
                    print(table_line(run["name"], frame), flush=True)
    except BrokenPipeError:  # `| head`: a normal way to stop
        sys.stderr.close()


SPEC = None  # __SPEC__

if __name__ == "__main__":
    main(SPEC)
