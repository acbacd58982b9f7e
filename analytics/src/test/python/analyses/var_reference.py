#!/usr/bin/python3
"""Golden values for VectorAutoregressionTest, from statsmodels' VAR (Debian python3-statsmodels).

Run once from the repository root; commits analytics/src/test/resources/analyses/var_fixture.csv (the
series) and var_golden.json (what statsmodels reports on it):

    /usr/bin/python3 analytics/src/test/python/analyses/var_reference.py
"""
import json
import os

import numpy as np
import statsmodels
from statsmodels.tsa.api import VAR
from statsmodels.tsa.vector_ar import util

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "resources", "analyses")

# A stable 3-variable VAR(2) with correlated shocks, 120 weeks: three "sector flows" in USD billions.
rng = np.random.default_rng(17)
k, T = 3, 120
A1 = np.array([[0.5, 0.1, 0.0], [0.2, 0.3, -0.1], [0.0, 0.25, 0.4]])
A2 = np.array([[-0.2, 0.0, 0.1], [0.0, 0.1, 0.0], [0.1, -0.1, 0.15]])
c = np.array([0.5, -0.2, 0.1])
L = np.array([[1.0, 0, 0], [0.4, 0.8, 0], [-0.3, 0.2, 0.6]])
y = np.zeros((T + 50, k))
for t in range(2, T + 50):
    y[t] = c + A1 @ y[t - 1] + A2 @ y[t - 2] + L @ rng.standard_normal(k)
y = np.round(y[50:], 6)  # written with 6 decimals, so Java reads exactly what Python fitted

os.makedirs(OUT, exist_ok=True)
np.savetxt(os.path.join(OUT, "var_fixture.csv"), y, delimiter=",", fmt="%.6f", header="a,b,c", comments="")

MAXLAGS, LAGS, H = 4, 2, 10
model = VAR(y)
sel = model.select_order(MAXLAGS)
res = model.fit(LAGS)
irf = res.irf(H)
# Asymptotic (delta-method) standard errors of the orthogonalised IRFs, Lütkepohl 3.7 (IRAnalysis.cov(orth=True)),
# and the bands statsmodels draws from them by default (stderr_type='asym'): orth_irf -+ z(1 - signif/2) * stderr,
# for the default signif 0.05 and the sectors analysis' 0.10.
orth_se = irf.stderr(orth=True)
bands = {}
for signif in (0.05, 0.10):
    q = float(util.norm_signif_level(signif))
    bands[f"{signif:.2f}"] = {"z": q, "lower": (irf.orth_irfs - q * orth_se).tolist(),
                              "upper": (irf.orth_irfs + q * orth_se).tolist()}
# The same at the BIC-chosen lag (1, where LAGS is 2), so a second companion-matrix size is checked too.
irf_bic = model.fit(sel.selected_orders["bic"]).irf(H)
granger = {}
for caused in range(k):
    for causing in range(k):
        if caused != causing:
            t = res.test_causality(caused, [causing], kind="f")
            granger[f"{caused}<-{causing}"] = {"statistic": float(t.test_statistic), "pvalue": float(t.pvalue),
                                               "df": [float(d) for d in t.df]}
golden = {
    "statsmodels": statsmodels.__version__,
    "maxlags": MAXLAGS, "lags": LAGS, "horizon": H,
    "select_order": {name: [float(v) for v in sel.ics[name]] for name in ("aic", "bic", "hqic", "fpe")},
    "selected": {name: int(v) for name, v in sel.selected_orders.items()},
    "params": res.params.tolist(),
    "stderr": np.asarray(res.stderr).tolist(),
    "sigma_u": np.asarray(res.sigma_u).tolist(),
    "aic": float(res.aic), "bic": float(res.bic), "hqic": float(res.hqic), "fpe": float(res.fpe),
    "nobs": int(res.nobs),
    "ma": irf.irfs.tolist(),
    "orth_irf": irf.orth_irfs.tolist(),
    "granger": granger,
    "orth_irf_stderr": orth_se.tolist(),
    "orth_irf_asym_bands": bands,
    "bic_lag": {"lags": int(sel.selected_orders["bic"]), "orth_irf": irf_bic.orth_irfs.tolist(),
                "orth_irf_stderr": irf_bic.stderr(orth=True).tolist()},
}
with open(os.path.join(OUT, "var_golden.json"), "w") as f:
    json.dump(golden, f, indent=1)
print("selected", golden["selected"], "aic", golden["aic"])
