#!/usr/bin/python3
"""Reference values for IsolationForestTest and PcaReconstructionTest, from scikit-learn (Debian
python3-sklearn). Run once from the repository root; commits anomaly_fixture.csv (300 rows, 6 features,
rows 290..299 planted outliers) and anomaly_golden.json:

    /usr/bin/python3 analytics/src/test/python/analyses/anomaly_reference.py
"""
import json
import os

import numpy as np
import sklearn
from sklearn.decomposition import PCA
from sklearn.ensemble import IsolationForest

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "resources", "analyses")
rng = np.random.default_rng(17)
n, d = 290, 6
# Correlated ordinary rows (a low-rank structure plus noise, as protocol features are), then 10 outliers
# off that structure at increasing distances.
latent = rng.standard_normal((n, 2))
mix = rng.standard_normal((2, d))
x = latent @ mix + 0.3 * rng.standard_normal((n, d))
outliers = []
for k in range(10):
    direction = rng.standard_normal(d)
    direction /= np.linalg.norm(direction)
    outliers.append(direction * (6 + 0.8 * k))
x = np.round(np.vstack([x, np.array(outliers)]), 6)
np.savetxt(os.path.join(OUT, "anomaly_fixture.csv"), x, delimiter=",", fmt="%.6f")

forest = IsolationForest(n_estimators=200, max_samples=256, random_state=0).fit(x)
iforest = (-forest.score_samples(x)).tolist()  # sklearn's score_samples is the opposite of the paper's score
pca = PCA(n_components=3).fit(x)
recon = pca.inverse_transform(pca.transform(x))
pca_err = ((x - recon) ** 2).sum(axis=1).tolist()
golden = {"sklearn": sklearn.__version__, "iforest_score": iforest, "pca3_error": pca_err,
          "top10_iforest": np.argsort(-np.array(iforest))[:10].tolist()}
with open(os.path.join(OUT, "anomaly_golden.json"), "w") as f:
    json.dump(golden, f, indent=1)
print("top10", sorted(golden["top10_iforest"]))
