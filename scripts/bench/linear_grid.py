"""scikit-learn twin of the `linear` grid in scripts/bench/linear-grid.ts, as a line server.

Reads one JSON command per line on stdin and answers one JSON line on stdout:
  {"cmd": "info"}                                   → sklearn/numpy versions, BLAS (threadpoolctl)
  {"cmd": "load", "x": path, "y": path, "n", "p"}   → float64 little-endian, X row-major
  {"cmd": "fit", "task": "lasso"|"enet"|"ridge"|"path", "alpha", "tol", ...}
        → {"seconds": wall time of one call, "cpuSeconds": its CPU time (all BLAS threads), "coef": [...],
           "intercept": b} ("coefs" for "path")
The TypeScript side interleaves one reglab call with one "fit" here and keeps the best of each.
  lasso  Lasso(alpha, tol, max_iter)                       (precompute=False, sklearn's default)
  enet   ElasticNet(alpha, l1_ratio=0.5, tol, max_iter)
  ridge  Ridge(alpha=n*lam)                                 (solver 'auto' → cholesky here)
  path   lasso_path(X - mean, y - mean, n_alphas, eps, tol) (precompute 'auto': Gram when n > p)
Usage: /usr/bin/python3 scripts/bench/linear_grid.py   (the bench unsets OPENBLAS_CORETYPE/_L2_SIZE)
"""
import json
import sys
import time

import numpy as np
import sklearn
from sklearn.linear_model import ElasticNet, Lasso, Ridge, lasso_path

state = {}


def blas_info():
    try:
        from threadpoolctl import threadpool_info
        return [{k: i.get(k) for k in ("internal_api", "version", "architecture", "num_threads")}
                for i in threadpool_info() if i.get("user_api") == "blas"]
    except ImportError:
        return "threadpoolctl not installed"


def fit(cmd):
    X, y = state["X"], state["y"]
    task = cmd["task"]
    if task == "path":
        Xc, yc = state["Xc"], state["yc"]
        began, cpu = time.perf_counter(), time.process_time()
        alphas, coefs, gaps = lasso_path(Xc, yc, n_alphas=cmd["nAlphas"], eps=cmd["eps"], tol=cmd["tol"],
                                         max_iter=cmd["maxIter"])
        seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
        # cd_fast's convergence test, on the raw gaps lasso_path returns
        converged = [bool(g <= cmd["tol"] * float(yc @ yc)) for g in gaps]
        return {"seconds": seconds, "cpuSeconds": cpu, "alphas": alphas.tolist(), "coefs": coefs.T.tolist(), "converged": converged}
    if task == "lasso":
        model = Lasso(alpha=cmd["alpha"], tol=cmd["tol"], max_iter=cmd["maxIter"])
    elif task == "enet":
        model = ElasticNet(alpha=cmd["alpha"], l1_ratio=cmd["l1Ratio"], tol=cmd["tol"], max_iter=cmd["maxIter"])
    elif task == "ridge":
        model = Ridge(alpha=cmd["alpha"] * X.shape[0])
    else:
        raise ValueError(f"unknown task {task!r}")
    began, cpu = time.perf_counter(), time.process_time()
    model.fit(X, y)
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    return {"seconds": seconds, "cpuSeconds": cpu, "coef": model.coef_.tolist(), "intercept": float(model.intercept_),
            "nIter": int(getattr(model, "n_iter_", 1) or 1)}


def main():
    for line in sys.stdin:
        cmd = json.loads(line)
        if cmd["cmd"] == "info":
            out = {"sklearn": sklearn.__version__, "numpy": np.__version__, "blas": blas_info()}
        elif cmd["cmd"] == "load":
            n, p = cmd["n"], cmd["p"]
            X = np.fromfile(cmd["x"], dtype="<f8").reshape(n, p)
            y = np.fromfile(cmd["y"], dtype="<f8")
            state.update(X=X, y=y, Xc=X - X.mean(axis=0), yc=y - y.mean())
            out = {"loaded": [n, p]}
        else:
            out = fit(cmd)
        sys.stdout.write(json.dumps(out) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
