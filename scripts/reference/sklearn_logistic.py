#!/usr/bin/python3
"""Reference fixture for notebook 02's L2-regularized logistic regression, from Debian's scikit-learn.

Run from the repository root with Debian's Python (it has sklearn):
    /usr/bin/python3 scripts/reference/sklearn_logistic.py

Writes (atomically) test/fixtures/reference/sklearn-logistic.json: a 2-D two-class data set
(two overlapping Gaussian blobs, numpy seed 0, stored in the fixture so no Python is needed to
read it) and LogisticRegression(penalty='l2', C=1/(n·λ)) fits for several λ. scikit-learn
minimizes ½‖w‖² + C·Σ log-loss, which has the minimizer of (1/n)·Σ log-loss + (λ/2)‖w‖² when
C = 1/(n·λ) (the intercept is not penalized by lbfgs).
"""
import json
import os
import sys
import tempfile

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

OUT = os.path.join("test", "fixtures", "reference", "sklearn-logistic.json")
LAMBDAS = [0.003, 0.03, 0.3]


def write_json(path, obj):
    folder = os.path.dirname(path)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
    with os.fdopen(fd, "w") as f:
        json.dump(obj, f, indent=1)
        f.write("\n")
    os.replace(tmp, path)


def main():
    if not os.path.isdir("src") or not os.path.isfile("package.json"):
        sys.exit("run from the repository root")
    rng = np.random.default_rng(0)
    n_half = 60
    X = np.vstack([rng.normal([-1.0, -0.5], 1.0, size=(n_half, 2)),
                   rng.normal([1.0, 0.5], 1.0, size=(n_half, 2))])
    y = np.array([0] * n_half + [1] * n_half)
    n = X.shape[0]
    fits = []
    for lam in LAMBDAS:
        model = LogisticRegression(penalty="l2", C=1.0 / (n * lam), tol=1e-12, max_iter=100000)
        model.fit(X, y)
        fits.append({"lambda": lam, "C": 1.0 / (n * lam), "coef": model.coef_[0].tolist(),
                     "intercept": float(model.intercept_[0])})
    write_json(OUT, {
        "description": "LogisticRegression(penalty='l2', C=1/(n*lambda), solver='lbfgs') on two "
                       "Gaussian blobs; objective (1/n) sum log-loss + (lambda/2)||w||^2, intercept unpenalized",
        "sklearn": sklearn.__version__, "X": X.tolist(), "y": y.tolist(), "fits": fits,
    })
    print(f"wrote {OUT} (sklearn {sklearn.__version__})")


if __name__ == "__main__":
    main()
