#!/usr/bin/python3
"""Reference fixtures for rl.linear, computed with Debian's scikit-learn.

Run from the repository root with Debian's Python (it has sklearn):
    /usr/bin/python3 scripts/reference/sklearn_reference.py

Writes (atomically):
  test/fixtures/reference/sklearn-diabetes.json  standardized diabetes (StandardScaler, ddof 0) + raw target
  test/fixtures/reference/sklearn-linear.json    Lasso / ElasticNet(l1_ratio=0.5) / Ridge(alpha=n*a) /
                                                 LinearRegression fits and lasso_path / enet_path results
  test/fixtures/reference/sklearn-linear-shapes.json
                                                 the same estimators on seeded synthetic data of other
                                                 shapes: tall (n > p), wide (p > n: Ridge's dual), and
                                                 positive=True Lasso / ElasticNet / lasso_path

The data is sklearn's bundled copy of diabetes (load_diabetes(scaled=False)), the same file as
shared/datasets/diabetes_data_raw.csv.gz; the standardized matrix is stored in the fixture so the
TypeScript tests and the lasso-path benchmark use exactly the same numbers without Python.
"""
import json
import os
import sys
import tempfile

import numpy as np
import sklearn
from sklearn.datasets import load_diabetes
from sklearn.linear_model import ElasticNet, Lasso, LinearRegression, Ridge, enet_path, lasso_path
from sklearn.preprocessing import StandardScaler

OUT = os.path.join("test", "fixtures", "reference")
ALPHAS = [0.01, 0.1, 1.0, 5.0]
TOL = 1e-12


def write_json(path, obj):
    """Atomic write: temp file in the same folder, then rename."""
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
    with os.fdopen(fd, "w") as f:
        json.dump(obj, f, separators=(",", ":"))
        f.write("\n")
    os.chmod(tmp, 0o644)
    os.replace(tmp, path)


def objective(X, y, coef, intercept, alpha, l1_ratio):
    """(1/(2n))||y - Xw - b||^2 + alpha*r*||w||_1 + (alpha/2)(1-r)||w||^2."""
    r = y - X @ coef - intercept
    return float(r @ r / (2 * len(y)) + alpha * l1_ratio * np.abs(coef).sum()
                 + 0.5 * alpha * (1 - l1_ratio) * coef @ coef)


def main():
    if not os.path.isdir("src") or not os.path.isfile("package.json"):
        sys.exit("run from the repository root")
    raw = load_diabetes(scaled=False)
    X = StandardScaler().fit_transform(raw.data)
    y = raw.target.astype(float)
    n = X.shape[0]
    write_json(os.path.join(OUT, "sklearn-diabetes.json"), {
        "description": "sklearn load_diabetes(scaled=False): X standardized with StandardScaler (mean 0, population std 1), y raw",
        "sklearn": sklearn.__version__,
        "featureNames": list(raw.feature_names),
        "X": X.tolist(),
        "y": y.tolist(),
    })

    fits = []
    for a in ALPHAS:
        for penalty, model, l1_ratio in [
            ("l1", Lasso(alpha=a, tol=TOL, max_iter=100000), 1.0),
            ("elasticnet", ElasticNet(alpha=a, l1_ratio=0.5, tol=TOL, max_iter=100000), 0.5),
            ("l2", Ridge(alpha=n * a, solver="cholesky"), 0.0),
        ]:
            model.fit(X, y)
            fits.append({
                "penalty": penalty, "alpha": a, "l1Ratio": l1_ratio,
                "sklearn": type(model).__name__ + (f"(alpha={n}*{a})" if penalty == "l2" else f"(alpha={a})"),
                "coef": model.coef_.tolist(), "intercept": float(model.intercept_),
                "objective": objective(X, y, model.coef_, model.intercept_, a, l1_ratio),
            })
    ols = LinearRegression().fit(X, y)
    fits.append({"penalty": "none", "alpha": 0.0, "l1Ratio": 0.0, "sklearn": "LinearRegression()",
                 "coef": ols.coef_.tolist(), "intercept": float(ols.intercept_),
                 "objective": objective(X, y, ols.coef_, ols.intercept_, 0.0, 0.0)})

    # Paths on the centred data (lasso_path does not fit an intercept), tight tolerance.
    Xc = X - X.mean(axis=0)
    yc = y - y.mean()
    paths = []
    for l1_ratio in [1.0, 0.5]:
        fn = lasso_path if l1_ratio == 1.0 else enet_path
        kwargs = {} if l1_ratio == 1.0 else {"l1_ratio": l1_ratio}
        alphas, coefs, gaps = fn(Xc, yc, n_alphas=50, eps=1e-3, tol=1e-10, max_iter=100000, **kwargs)
        coefs = coefs.T  # [alpha][feature]
        paths.append({
            "l1Ratio": l1_ratio, "nAlphas": 50, "eps": 1e-3, "tol": 1e-10,
            "alphas": alphas.tolist(), "coefs": coefs.tolist(),
            "objectives": [objective(Xc, yc, c, 0.0, a, l1_ratio) for a, c in zip(alphas, coefs)],
        })
    write_json(os.path.join(OUT, "sklearn-linear.json"), {
        "description": "scikit-learn fits on sklearn-diabetes.json; objective = (1/(2n))||y-Xw-b||^2 + a*r*||w||_1 + (a/2)(1-r)||w||^2",
        "sklearn": sklearn.__version__, "tol": TOL, "fits": fits, "paths": paths,
    })
    write_json(os.path.join(OUT, "sklearn-linear-shapes.json"), shapes_fixture())
    print(f"wrote {OUT}/sklearn-diabetes.json, sklearn-linear.json and sklearn-linear-shapes.json (sklearn {sklearn.__version__})")


def shapes_fixture():
    """Seeded synthetic designs (rounded to 6 decimals so the JSON is the data exactly)."""
    rng = np.random.default_rng(15)
    cases = []
    for name, n, p in [("tall", 300, 60), ("wide", 40, 120)]:
        Z = rng.standard_normal((n, p))
        X = np.round(Z + 0.5 * np.roll(Z, 1, axis=1), 6)  # neighbouring features correlated
        w = np.where(np.arange(p) % 6 == 0, rng.standard_normal(p) * 2, 0.0)
        y = np.round(X @ w + 0.5 * rng.standard_normal(n), 6)
        alpha_max = np.abs((X - X.mean(0)).T @ (y - y.mean())).max() / n
        fits = []
        for frac in [0.02, 0.2]:
            a = float(frac * alpha_max)
            for penalty, l1_ratio in [("l1", 1.0), ("elasticnet", 0.5)]:
                for positive in [False, True]:
                    cls = Lasso(alpha=a, positive=positive, tol=TOL, max_iter=1000000) if penalty == "l1" else \
                        ElasticNet(alpha=a, l1_ratio=l1_ratio, positive=positive, tol=TOL, max_iter=1000000)
                    cls.fit(X, y)
                    fits.append({"penalty": penalty, "alpha": a, "l1Ratio": l1_ratio, "positive": positive,
                                 "coef": cls.coef_.tolist(), "intercept": float(cls.intercept_),
                                 "objective": objective(X, y, cls.coef_, cls.intercept_, a, l1_ratio)})
        for lam in [0.01, 1.0]:
            ridge = Ridge(alpha=n * lam, solver="cholesky").fit(X, y)
            fits.append({"penalty": "l2", "alpha": lam, "l1Ratio": 0.0, "positive": False,
                         "coef": ridge.coef_.tolist(), "intercept": float(ridge.intercept_),
                         "objective": objective(X, y, ridge.coef_, ridge.intercept_, lam, 0.0)})
        Xc = X - X.mean(axis=0)
        yc = y - y.mean()
        alphas, coefs, _ = lasso_path(Xc, yc, n_alphas=20, eps=1e-2, tol=1e-10, max_iter=1000000, positive=True)
        cases.append({"name": name, "n": n, "p": p, "X": X.tolist(), "y": y.tolist(), "fits": fits,
                      "positivePath": {"nAlphas": 20, "eps": 1e-2, "tol": 1e-10, "alphas": alphas.tolist(),
                                       "coefs": coefs.T.tolist()}})
    return {"description": "scikit-learn Lasso/ElasticNet (positive False and True), Ridge(alpha=n*lam, cholesky) and "
                           "lasso_path(positive=True) on seeded synthetic data; objective as in sklearn-linear.json",
            "sklearn": sklearn.__version__, "tol": TOL, "cases": cases}


if __name__ == "__main__":
    main()
