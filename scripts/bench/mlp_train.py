"""PyTorch CPU twin of the `mlp-train` workload in scripts/bench/mlp-train.ts.

4096 random samples x 784 features, 10 classes; Dense 256 ReLU (L2 1e-4 on its
kernel, Keras convention: loss += 1e-4 * sum(W^2)) -> Dropout 0.5 -> Dense 256
ReLU -> Dense 10; softmax cross-entropy; Adam lr 1e-3; batch 128, shuffled each
epoch; one warm-up epoch, then two timed epochs, repeated --repeats times (fastest kept,
like scripts/bench/mlp-train.ts).

Prints one JSON object: {"samplesPerSec", "seconds", "repeats", "threads", "torch"}.
Usage: /usr/bin/python3 scripts/bench/mlp_train.py [--threads N] [--samples N] [--epochs N] [--repeats N]
"""
import argparse
import json
import os
import time

import torch
from torch import nn


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--samples", type=int, default=4096)
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    x = torch.rand(args.samples, 784)
    y = torch.randint(0, 10, (args.samples,))

    first = nn.Linear(784, 256)
    model = nn.Sequential(first, nn.ReLU(), nn.Dropout(0.5),
                          nn.Linear(256, 256), nn.ReLU(), nn.Linear(256, 10))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()

    def epoch() -> None:
        model.train()
        order = torch.randperm(args.samples)
        for start in range(0, args.samples, args.batch):
            idx = order[start:start + args.batch]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[idx]), y[idx]) + 1e-4 * first.weight.pow(2).sum()
            loss.backward()
            optimizer.step()

    epoch()  # warm-up
    times = []
    for _ in range(args.repeats):
        began = time.perf_counter()
        for _ in range(args.epochs):
            epoch()
        times.append(time.perf_counter() - began)
    seconds = min(times)
    print(json.dumps({
        "samplesPerSec": round(args.samples * args.epochs / seconds),
        "seconds": seconds,
        "repeats": [round(args.samples * args.epochs / t) for t in times],
        "threads": torch.get_num_threads(),
        "torch": torch.__version__,
    }))


if __name__ == "__main__":
    main()
