"""scikit-learn twin of the `lasso-path` workload in scripts/bench/lasso-path.ts.

Standardized diabetes from test/fixtures/reference/sklearn-diabetes.json (the same numbers the
TypeScript side reads), centred; sklearn.linear_model.lasso_path with 50 alphas, eps 1e-3,
tol 1e-4, max_iter 1000 (sklearn's defaults apart from n_alphas; precompute='auto' → Gram here).
One warm-up call, then the median of --repeats timed calls.

Prints one JSON object: {"seconds", "objective", "alphas", "repeats", "sklearn"}; objective[k] is
(1/(2n))||y - X w_k||^2 + alpha_k ||w_k||_1 at alphas[k].
Usage: /usr/bin/python3 scripts/bench/lasso_path.py [--repeats N]
"""
import argparse
import json
import os
import statistics
import time

import numpy as np
import sklearn
from sklearn.linear_model import lasso_path

N_ALPHAS = 50
EPS = 1e-3
TOL = 1e-4
MAX_ITER = 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=21)
    args = parser.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    with open(os.path.join(root, "test", "fixtures", "reference", "sklearn-diabetes.json")) as f:
        data = json.load(f)
    X = np.asarray(data["X"], dtype=np.float64)
    y = np.asarray(data["y"], dtype=np.float64)
    X = X - X.mean(axis=0)
    y = y - y.mean()

    def path():
        return lasso_path(X, y, n_alphas=N_ALPHAS, eps=EPS, tol=TOL, max_iter=MAX_ITER)

    path()  # warm-up
    times = []
    for _ in range(args.repeats):
        began = time.perf_counter()
        alphas, coefs, _gaps = path()
        times.append(time.perf_counter() - began)
    n = len(y)
    objective = []
    for k, a in enumerate(alphas):
        w = coefs[:, k]
        r = y - X @ w
        objective.append(float(r @ r / (2 * n) + a * np.abs(w).sum()))
    print(json.dumps({"seconds": statistics.median(times), "objective": objective,
                      "alphas": alphas.tolist(), "repeats": args.repeats, "sklearn": sklearn.__version__}))


if __name__ == "__main__":
    main()
