#!/usr/bin/python3
"""Golden values for WholeSeriesCusumTest: the offline CUSUM of the phase-transitions section, written again
in NumPy (vectorised robust baseline, plain loop for the recursion) and run on two fixtures:

- analytics/src/test/resources/phase/sample_metrics.csv: the shipped sample's 33 weekly values of the report's
  four phase metrics, as the job's calculator computes them (AnalysisSectionsTest's path), full precision;
- synthetic.csv (written here, seeded): a planted shift inside the rule's 8-week warm-up, a planted shift late,
  a flat noisy series, a series with missing weeks, and a straight line (zero MAD and zero sd).

Run once from the repository root; commits synthetic.csv and phase_golden.json:

    /usr/bin/python3 analytics/src/test/python/analyses/phase_reference.py
"""
import csv
import json
import os

import numpy as np

DIR = os.path.join(os.path.dirname(__file__), "..", "..", "resources", "phase")
DRIFT, THRESHOLD = 0.5, 8.0  # alert-thresholds.properties: regime-change.drift, regime-change.threshold
MAD_TO_SD = 1.0 / 0.6744897501960817  # 1 / Phi^-1(3/4)


def whole_series_cusum(values, drift=DRIFT, threshold=THRESHOLD):
    v = np.asarray(values, dtype=float)
    idx = np.flatnonzero(np.isfinite(v))
    x = np.diff(v[idx])
    at = idx[1:]
    stats = np.where(np.isfinite(v), 0.0, np.nan)
    if len(x) < 2:
        return {"change_points": [], "median": float(x[0]) if len(x) else None, "scale": 0.0,
                "statistics": [None if np.isnan(s) else float(s) for s in stats]}
    med = float(np.median(x))
    # Spreads below 1e-9 of the largest change are rounding, not variation (a straight line's changes).
    tiny = 1e-9 * float(np.max(np.abs(x)))
    scale = MAD_TO_SD * float(np.median(np.abs(x - med)))
    if scale <= tiny:
        scale = float(np.std(x, ddof=1))
    if scale <= tiny:
        scale = 0.0
    points = []
    if scale > 0:
        up = down = 0.0
        for z, t in zip((x - med) / scale, at):
            up, down = max(0.0, up + z - drift), max(0.0, down - z - drift)
            stats[t] = max(up, down)
            if up > threshold or down > threshold:
                points.append(int(t))
                up = down = 0.0
    return {"change_points": points, "median": med, "scale": scale,
            "statistics": [None if np.isnan(s) else float(s) for s in stats]}


rng = np.random.default_rng(23)
n = 40
synthetic = {
    "early_shift": np.r_[np.zeros(5), np.full(n - 5, 3.0)] + 0.2 * rng.standard_normal(n),   # week 5: in the warm-up
    "late_shift": np.r_[np.zeros(25), np.full(n - 25, -4.0)] + 0.2 * rng.standard_normal(n),  # week 25
    "flat_noise": 1.0 + 0.2 * rng.standard_normal(n),
    "gaps": np.r_[np.zeros(12), np.full(n - 12, 4.0)] + 0.2 * rng.standard_normal(n),         # week 12, gaps before
    "line": 0.01 * np.arange(n),
}
synthetic["gaps"][[3, 11, 30]] = np.nan
synthetic = {k: np.round(v, 6) for k, v in synthetic.items()}  # written with 6 decimals: Java reads what Python ran on
with open(os.path.join(DIR, "synthetic.csv"), "w") as f:
    f.write(",".join(synthetic) + "\n")
    for t in range(n):
        f.write(",".join("NaN" if np.isnan(synthetic[k][t]) else f"{synthetic[k][t]:.6f}" for k in synthetic) + "\n")

with open(os.path.join(DIR, "sample_metrics.csv")) as f:
    rows = list(csv.DictReader(f))
sample = {m: [float(r[m]) for r in rows] for m in rows[0] if m != "week"}

golden = {
    "numpy": np.__version__, "drift": DRIFT, "threshold": THRESHOLD,
    "sample_weeks": [r["week"] for r in rows],
    "sample": {m: whole_series_cusum(v) for m, v in sample.items()},
    "synthetic": {m: whole_series_cusum(v) for m, v in synthetic.items()},
}
with open(os.path.join(DIR, "phase_golden.json"), "w") as f:
    json.dump(golden, f, indent=1)
for part in ("sample", "synthetic"):
    for m, r in golden[part].items():
        weeks = [golden["sample_weeks"][t] for t in r["change_points"]] if part == "sample" else r["change_points"]
        print(part, m, weeks)
