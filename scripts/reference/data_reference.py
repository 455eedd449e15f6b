#!/usr/bin/python3
"""Reference values for rl.data, computed with Debian's scikit-learn.

Run from the repository root:   /usr/bin/python3 scripts/reference/data_reference.py
Writes (atomically) test/fixtures/reference/sklearn-data.json (committed; tests never need Python):
  datasets   per shipped set: shape, column sums of X, sum of y, class counts, first row
             (sklearn.datasets.load_*; diabetes with scaled=False, the raw file reglab ships)
  standard   StandardScaler fitted on a small matrix: mean_, scale_, transform of other rows
  minmax     MinMaxScaler(feature_range=(-1, 2)) likewise: data_min_, data_max_, transform
  kfold      KFold(n_splits=3, shuffle=False) over 10 rows: train/test indices
  moons      make_moons(n_samples=7, noise=0, shuffle=False): points and labels
"""
import json
import os
import tempfile

import numpy as np
import sklearn
from sklearn import datasets
from sklearn.model_selection import KFold
from sklearn.preprocessing import MinMaxScaler, StandardScaler

OUT = os.path.join('test', 'fixtures', 'reference', 'sklearn-data.json')


def describe(bunch):
    X, y = bunch.data, bunch.target
    out = {
        'shape': list(X.shape),
        'columnSums': X.sum(axis=0).tolist(),
        'ySum': float(y.sum()),
        'firstRow': X[0].tolist(),
        'firstTarget': float(y[0]),
    }
    if hasattr(bunch, 'target_names'):
        out['classCounts'] = np.bincount(y.astype(int)).tolist()
    return out


def main():
    ref = {'sklearn': sklearn.__version__, 'datasets': {
        'diabetes': describe(datasets.load_diabetes(scaled=False)),
        'digits': describe(datasets.load_digits()),
        'breast-cancer': describe(datasets.load_breast_cancer()),
        'wine': describe(datasets.load_wine()),
        'iris': describe(datasets.load_iris()),
    }}
    train = np.array([[1.0, 10.0, 5.0], [2.0, 14.0, 5.0], [4.0, 9.0, 5.0], [7.0, 11.0, 5.0]])
    other = np.array([[100.0, -3.0, 8.0], [0.0, 12.0, 5.0]])
    s = StandardScaler().fit(train)
    ref['standard'] = {'train': train.tolist(), 'other': other.tolist(), 'mean': s.mean_.tolist(),
                       'scale': s.scale_.tolist(), 'transformOther': s.transform(other).tolist()}
    m = MinMaxScaler(feature_range=(-1, 2)).fit(train)
    ref['minmax'] = {'dataMin': m.data_min_.tolist(), 'dataMax': m.data_max_.tolist(),
                     'transformOther': m.transform(other).tolist()}
    ref['kfold'] = [{'train': tr.tolist(), 'test': te.tolist()}
                    for tr, te in KFold(n_splits=3, shuffle=False).split(np.zeros((10, 1)))]
    Xm, ym = datasets.make_moons(n_samples=7, noise=0, shuffle=False)
    ref['moons'] = {'X': Xm.tolist(), 'y': ym.tolist()}
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(OUT))
    with os.fdopen(fd, 'w') as f:
        json.dump(ref, f, indent=1)
        f.write('\n')
    os.replace(tmp, OUT)
    print('wrote', OUT)


if __name__ == '__main__':
    main()
