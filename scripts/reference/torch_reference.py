#!/usr/bin/python3
"""Reference trajectories of torch.optim.AdamW and of SGD with decoupled weight decay.

Run with Debian's python3-torch:   /usr/bin/python3 scripts/reference/torch_reference.py
Writes test/fixtures/reference/torch-adamw.json and torch-sgdw.json (committed; the unit tests
never need Python).

Precision: everything runs in float64, so the fixture is the exact-arithmetic trajectory of
PyTorch's update rule; reglab runs in float32 and the tests compare with a relative tolerance of
1e-4 (float32 round-off over 100 steps stays far below that).

Problem: least squares with a dense layer, loss = mean((X w + b − y)²), w of shape [d, 1] (a
tfjs Dense kernel) and b of shape [1]; X, y, w0, b0 are written into the fixture.

SGDW: torch has no SGD with decoupled decay (SGD's weight_decay adds λθ to the gradient, i.e.
coupled L2). The reference applies the decoupled rule of Loshchilov & Hutter the way
torch.optim.AdamW does — θ ← θ·(1 − lr·wd) — and then calls torch.optim.SGD (weight_decay=0).
"""
import json
import os
import sys

import numpy as np
import torch

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "test", "fixtures", "reference")
RECORD_AT = [1, 2, 10, 100]
STEPS = 100


def problem(seed=0, n=32, d=5):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    w_true = np.array([1.5, -2.0, 0.5, 0.0, 3.0])
    y = X @ w_true + 0.7 + 0.1 * rng.normal(size=n)
    w0 = rng.normal(scale=0.5, size=(d, 1))
    b0 = np.array([0.2])
    return X, y.reshape(-1, 1), w0, b0


def run(X, y, w0, b0, make_optimizer, decoupled_decay=None):
    Xt = torch.tensor(X, dtype=torch.float64)
    yt = torch.tensor(y, dtype=torch.float64)
    w = torch.tensor(w0, dtype=torch.float64, requires_grad=True)
    b = torch.tensor(b0, dtype=torch.float64, requires_grad=True)
    opt = make_optimizer([w, b])
    lr = opt.param_groups[0]["lr"]
    snapshots = {}
    for step in range(1, STEPS + 1):
        opt.zero_grad()
        loss = torch.mean((Xt @ w + b - yt) ** 2)
        loss.backward()
        if decoupled_decay:
            with torch.no_grad():
                for p in (w, b):
                    p.mul_(1 - lr * decoupled_decay)
        opt.step()
        if step in RECORD_AT:
            snapshots[str(step)] = {
                "kernel": w.detach().numpy().ravel().tolist(),
                "bias": b.detach().numpy().ravel().tolist(),
            }
    return snapshots


def main():
    X, y, w0, b0 = problem()
    common = {
        "torch": torch.__version__,
        "dtype": "float64",
        "steps": STEPS,
        "loss": "mean((X @ kernel + bias - y)^2)",
        "X": X.tolist(),
        "y": y.ravel().tolist(),
        "kernel0": w0.ravel().tolist(),
        "bias0": b0.tolist(),
    }

    adamw_cases = []
    for lr, wd, amsgrad in [
        (1e-3, 0.0, False), (1e-2, 0.0, False), (1e-2, 1e-2, False), (5e-2, 0.1, False),
        (0.1, 0.5, False), (3e-2, 1e-2, True),
    ]:
        make = lambda params: torch.optim.AdamW(params, lr=lr, betas=(0.9, 0.999), eps=1e-8,
                                                weight_decay=wd, amsgrad=amsgrad)
        adamw_cases.append({
            "learningRate": lr, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8,
            "weightDecay": wd, "amsgrad": amsgrad, "at": run(X, y, w0, b0, make),
        })
    write("torch-adamw.json", dict(common, optimizer="torch.optim.AdamW", cases=adamw_cases))

    sgdw_cases = []
    for lr, momentum, wd, nesterov in [
        (1e-2, 0.0, 0.0, False), (1e-2, 0.0, 0.1, False), (1e-2, 0.9, 0.1, False),
        (5e-3, 0.9, 0.5, True),
    ]:
        make = lambda params: torch.optim.SGD(params, lr=lr, momentum=momentum, nesterov=nesterov)
        sgdw_cases.append({
            "learningRate": lr, "momentum": momentum, "weightDecay": wd, "nesterov": nesterov,
            "at": run(X, y, w0, b0, make, decoupled_decay=wd),
        })
    write("torch-sgdw.json", dict(
        common, optimizer="p.mul_(1 - lr*wd) then torch.optim.SGD(weight_decay=0)", cases=sgdw_cases))


def write(name, payload):
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, name)
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(payload, f, indent=1)
        f.write("\n")
    os.replace(tmp, path)
    print(f"wrote {os.path.relpath(path, ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
