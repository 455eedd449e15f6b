"""numpy's Gram product for scripts/bench/linear-profile.ts: best wall and best CPU seconds (all
BLAS threads) of `repeats` calls. numpy runs `X.T @ X` as one BLAS syrk (the triangle), as reglab.

Usage: python3 linear_profile.py X.f64 n p primal|dual repeats   (prints "wall cpu")
"""
import sys
import time

import numpy as np

X = np.fromfile(sys.argv[1], dtype="<f8").reshape(int(sys.argv[2]), int(sys.argv[3]))
X = X - X.mean(axis=0)
dual = sys.argv[4] == "dual"
best = cpu = float("inf")
for _ in range(int(sys.argv[5]) + 1):
    t, c = time.perf_counter(), time.process_time()
    G = X @ X.T if dual else X.T @ X
    best, cpu = min(best, time.perf_counter() - t), min(cpu, time.process_time() - c)
print(best, cpu)
