"""numpy's Gram product for scripts/bench/linear-profile.ts: best wall seconds of `repeats` calls.

Usage: python3 linear_profile.py X.f64 n p primal|dual repeats   (prints the seconds)
"""
import sys
import time

import numpy as np

X = np.fromfile(sys.argv[1], dtype="<f8").reshape(int(sys.argv[2]), int(sys.argv[3]))
X = X - X.mean(axis=0)
dual = sys.argv[4] == "dual"
best = float("inf")
for _ in range(int(sys.argv[5]) + 1):
    t = time.perf_counter()
    G = X @ X.T if dual else X.T @ X
    best = min(best, time.perf_counter() - t)
print(best)
