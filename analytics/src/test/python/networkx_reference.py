#!/usr/bin/env python3
"""NetworkX reference values for the DeXposure Monitor network metrics (issue 4).

Reads one week of a snapshot file in the DeXposure dataset format, builds the week's exposure network
with the same rules as the Java reader (ids as strings, links with a null endpoint dropped, a negative
link size read as the reversed exposure, parallel links summed), computes the metrics of
io.dexposure.analytics.metrics with NetworkX and prints one JSON object. Used to produce the golden fixtures
under analytics/src/test/resources/golden/ and by cross-check benchmarks; the Java tests themselves never
need Python.

  python3 networkx_reference.py FILE.json --week 2024-07-22                 # all metrics
  python3 networkx_reference.py FILE.json --week 2024-07-22 --skip slow     # without the O(n m) and dense ones
  python3 networkx_reference.py FILE.json --week 2024-07-22 --metrics pagerank,closeness --nodes 12,USDT
  python3 networkx_reference.py FILE.json --week 2024-07-22 --fixture       # fixture layout (see --help)

Reading: a plain .json file is memory-mapped and only the requested week's object is parsed (the key is
located, its braces matched, and that slice handed to the json module), so one week of the 1.1 GB real
file costs one week of memory. A .json.gz file is decompressed and parsed whole (fine for the shipped
sample and generated files, not for the full real dataset: decompress it first).

Repeatability: two runs agree to ~1e-14 relative, not bit for bit: nx.hits uses ARPACK (svds) from a random
start vector, and the weighted clustering sums over Python sets whose order follows string hashing (set
PYTHONHASHSEED to fix it).

Definitions (all NetworkX 3.6.1 unless said otherwise; see the Java class of each metric):
  assortativity       degree_assortativity_coefficient(G, x='out', y='in'[, weight='weight'])
  degree_distribution Freeman centralization of total/in/out degree, coefficient of variation, Shannon
                      entropy (nat) of the total-degree histogram, top-10 % share (k = max(1, floor(0.1 n))),
                      Gini of total degree (DeXposure-FM formulas)
  concentration       HHI, Gini, top-10 share of protocol TVL and of link exposure
  components          number / largest share of weakly and strongly connected components
  pagerank            pagerank(G, alpha=0.85, weight='weight', tol=TOL/n): run to an L1 change below TOL
  hits                hits(G) on the weighted graph and on the same graph without weights
  closeness           closeness_centrality(G) (incoming distance, Wasserman-Faust), and its mean
  betweenness         betweenness_centrality(G) (normalised, unweighted)
  clustering          clustering(G) (Fagiolo), clustering(G, weight='weight'), their averages,
                      clustering / average_clustering / transitivity of G.to_undirected()
  entropy             entropy rate of the weighted PageRank random walk, entropy of the PageRank vector and
                      of the exposure distribution (io.dexposure.analytics.metrics.NetworkEntropy)
"""

import argparse
import gzip
import json
import math
import mmap
import re
import sys
import time

import networkx as nx
import numpy as np

ALL_METRICS = ["assortativity", "degree_distribution", "concentration", "components", "pagerank", "hits",
               "closeness", "betweenness", "clustering", "entropy"]
# Quadratic in time (betweenness, closeness) or memory (weighted assortativity: a dense matrix over the
# distinct strengths, ~12 GB at 11k nodes) in NetworkX.
SLOW = {"betweenness", "closeness", "assortativity_weighted"}
PROTOCOL_ID = re.compile(r"\d+|parent#.+")
DAMPING = 0.85
# Seconds of the sub-steps of a metric (e.g. weighted and unweighted), merged into the output's "seconds".
SUBTIMES = {}


class timed:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        self.start = time.perf_counter()

    def __exit__(self, *exc):
        SUBTIMES[self.name] = time.perf_counter() - self.start


# ---- reading ---------------------------------------------------------------------------------------

_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|[{}]')


def read_week(path, week):
    """The week's {"nodes": [...], "links": [...]} object; week None = the file's first week."""
    if path.endswith(".gz") or week is None:
        opener = gzip.open if path.endswith(".gz") else open
        with opener(path, "rb") as f:
            data = json.load(f)["data"]
        if week is None:
            week = next(iter(data))
        if week not in data:
            raise SystemExit(f"{path}: no week {week}")
        return week, data[week]
    with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mm:
        key = b'"' + week.encode() + b'"'
        pos = mm.find(key)
        while pos >= 0:
            m = re.compile(rb"\s*:\s*\{").match(mm, pos + len(key))
            if m:
                start = m.end() - 1
                depth = 0
                for t in _TOKEN.finditer(mm, start):
                    tok = t.group()
                    if tok == b"{":
                        depth += 1
                    elif tok == b"}":
                        depth -= 1
                        if depth == 0:
                            return week, json.loads(mm[start:t.end()])
                raise SystemExit(f"{path}: week {week} is truncated")
            pos = mm.find(key, pos + 1)
    raise SystemExit(f"{path}: no week {week}")


def node_id(value):
    if isinstance(value, bool):
        raise SystemExit(f"node id {value!r} is not a string or number")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def build_graph(week_obj, clamp_negative_tvl=False):
    """DiGraph in file node order; node attribute tvl, edge attribute weight. Returns (G, stats)."""
    G = nx.DiGraph()
    for i, node in enumerate(week_obj["nodes"]):
        nid = node_id(node["id"])
        if nid in G:
            raise SystemExit(f"nodes[{i}]: duplicate node id {nid}")
        size = float(node["size"])
        if size < 0:
            if not clamp_negative_tvl:
                raise SystemExit(f"nodes[{i}].size: negative TVL {size} (use --clamp-negative-tvl)")
            size = 0.0
        G.add_node(nid, tvl=size)
    dropped = flipped = merged = 0
    for i, link in enumerate(week_obj["links"]):
        s, t = link.get("source"), link.get("target")
        if s is None or t is None:
            dropped += 1
            continue
        s, t = node_id(s), node_id(t)
        w = float(link["size"])
        if w < 0:
            s, t, w = t, s, -w
            flipped += 1
        if s not in G or t not in G:
            raise SystemExit(f"links[{i}]: link {s} -> {t} names a node that is not in the week")
        if G.has_edge(s, t):
            G[s][t]["weight"] += w
            merged += 1
        else:
            G.add_edge(s, t, weight=w)
    return G, {"droppedLinks": dropped, "flippedLinks": flipped, "mergedParallelLinks": merged}


def is_protocol(nid):
    return PROTOCOL_ID.fullmatch(nid) is not None


# ---- DeXposure-FM formulas ---------------------------------------------------------------------------

def gini(values):
    x = np.sort(np.asarray(values, dtype=float))
    n = len(x)
    total = x.sum()
    if n == 0 or total == 0:
        return 0.0
    i = np.arange(1, n + 1)
    return float((2 * np.sum(i * x) - (n + 1) * total) / (n * total))


def hhi(values):
    x = np.asarray(values, dtype=float)
    total = x.sum()
    if len(x) == 0 or total == 0:
        return 0.0
    return float(np.sum((x / total) ** 2))


def top_share(values, k):
    x = np.sort(np.asarray(values, dtype=float))[::-1]
    total = x.sum()
    if len(x) == 0 or total == 0:
        return 0.0
    return float(x[:k].sum() / total)


def xlogx(x):
    return x * math.log(x) if x > 0 else 0.0


# ---- metrics -----------------------------------------------------------------------------------------

def m_assortativity(G, out, per_node, skip):
    with timed("assortativity.unweighted"):
        out["assortativity"] = nx.degree_assortativity_coefficient(G, x="out", y="in")
    if "assortativity_weighted" not in skip:
        with timed("assortativity.weighted"):
            out["assortativityWeighted"] = nx.degree_assortativity_coefficient(G, x="out", y="in", weight="weight")


def m_degree_distribution(G, out, per_node, skip):
    n = G.number_of_nodes()
    deg = np.array([d for _, d in G.degree()], dtype=np.int64)
    ind = np.array([d for _, d in G.in_degree()], dtype=np.int64)
    outd = np.array([d for _, d in G.out_degree()], dtype=np.int64)

    def centralization(d, maximum):
        return float((d.max() * n - d.sum()) / maximum) if maximum > 0 else 0.0

    out["degreeCentralization"] = centralization(deg, 2.0 * (n - 1) * (n - 2) if n >= 3 else 0)
    out["inDegreeCentralization"] = centralization(ind, float((n - 1) ** 2) if n >= 2 else 0)
    out["outDegreeCentralization"] = centralization(outd, float((n - 1) ** 2) if n >= 2 else 0)
    mean = deg.mean()
    out["degreeCoefficientOfVariation"] = float(np.std(deg) / mean) if mean > 0 else 0.0
    counts = np.bincount(deg)
    p = counts[counts > 0] / n
    out["degreeEntropy"] = float(-np.sum(p * np.log(p)))
    out["degreeTop10PercentShare"] = top_share(deg, max(1, int(math.floor(0.1 * n))))
    out["degreeGini"] = gini(deg)


def m_concentration(G, out, per_node, skip):
    tvl = [G.nodes[v]["tvl"] for v in G if is_protocol(v)]
    exposure = [w for _, _, w in G.edges(data="weight")]
    out["tvlHhi"], out["tvlGini"], out["tvlTop10Share"] = hhi(tvl), gini(tvl), top_share(tvl, 10)
    out["exposureHhi"], out["exposureGini"] = hhi(exposure), gini(exposure)
    out["exposureTop10Share"] = top_share(exposure, 10)


def m_components(G, out, per_node, skip):
    n = G.number_of_nodes()
    weak = [len(c) for c in nx.weakly_connected_components(G)]
    strong = [len(c) for c in nx.strongly_connected_components(G)]
    out["weakComponents"], out["largestWeakShare"] = len(weak), (max(weak) / n if n else 0.0)
    out["strongComponents"], out["largestStrongShare"] = len(strong), (max(strong) / n if n else 0.0)


def m_pagerank(G, out, per_node, skip, tol):
    n = G.number_of_nodes()
    pr = nx.pagerank(G, alpha=DAMPING, weight="weight", tol=tol / n, max_iter=1_000_000)
    per_node["pageRank"] = pr
    out["pageRankMax"] = max(pr.values())
    return pr


def m_hits(G, out, per_node, skip):
    with timed("hits.weighted"):
        hubs, auth = nx.hits(G, max_iter=100_000, tol=0)
    H = nx.DiGraph()
    H.add_nodes_from(G)
    H.add_edges_from(G.edges())
    with timed("hits.unweighted"):
        uhubs, uauth = nx.hits(H, max_iter=100_000, tol=0)
    per_node["hub"], per_node["authority"] = hubs, auth
    per_node["hubUnweighted"], per_node["authorityUnweighted"] = uhubs, uauth
    out["hubMax"], out["authorityMax"] = max(hubs.values()), max(auth.values())


def m_closeness(G, out, per_node, skip):
    c = nx.closeness_centrality(G)
    per_node["closeness"] = c
    out["averageCloseness"] = sum(c.values()) / len(c) if c else 0.0


def m_betweenness(G, out, per_node, skip, sample=None):
    if sample:
        b = nx.betweenness_centrality(G, k=sample, seed=1)
        out["betweennessSampledSources"] = sample
    else:
        b = nx.betweenness_centrality(G)
    per_node["betweenness"] = b
    out["betweennessMax"] = max(b.values()) if b else 0.0


def m_clustering(G, out, per_node, skip):
    # average_clustering(G[, weight]) is sum(clustering(G[, weight]).values()) / n: taken from the dicts
    # (same values, same order) instead of computing each clustering twice.
    with timed("clustering.directed"):
        c = nx.clustering(G)
    with timed("clustering.weighted"):
        cw = nx.clustering(G, weight="weight")
    with timed("clustering.undirected"):
        U = G.to_undirected()
        cu = nx.clustering(U)
        out["transitivity"] = nx.transitivity(U)
    per_node["clustering"], per_node["clusteringWeighted"], per_node["clusteringUndirected"] = c, cw, cu
    out["averageClustering"] = sum(c.values()) / len(c) if c else 0.0
    out["averageClusteringWeighted"] = sum(cw.values()) / len(cw) if cw else 0.0
    out["averageClusteringUndirected"] = sum(cu.values()) / len(cu) if cu else 0.0


def m_entropy(G, out, per_node, skip, pr):
    n = G.number_of_nodes()
    m = G.number_of_edges()
    teleport = (1 - DAMPING) / n
    teleport_term = xlogx(teleport)
    rate = 0.0
    for v in G:
        weights = [w for _, _, w in G.out_edges(v, data="weight")]
        s = sum(weights)
        if s == 0:
            h = math.log(n)
        else:
            h = -sum(xlogx(DAMPING * w / s + teleport) for w in weights) - (n - len(weights)) * teleport_term
        rate += pr[v] * h
    pi_entropy = -sum(xlogx(x) for x in pr.values())
    weights = [w for _, _, w in G.edges(data="weight")]
    total = sum(weights)
    exposure_entropy = -sum(xlogx(w / total) for w in weights) if total > 0 else 0.0
    out["entropyRate"] = rate
    out["normalisedEntropyRate"] = rate / math.log(n) if n > 1 else 0.0
    out["pageRankEntropy"] = pi_entropy
    out["normalisedPageRankEntropy"] = pi_entropy / math.log(n) if n > 1 else 0.0
    out["exposureEntropy"] = exposure_entropy
    out["normalisedExposureEntropy"] = exposure_entropy / math.log(m) if m > 1 else 0.0


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("snapshot", help="snapshot file (.json, or .json.gz parsed whole)")
    ap.add_argument("--week", help="YYYY-MM-DD (default: the file's first week)")
    ap.add_argument("--metrics", default=",".join(ALL_METRICS), help="comma-separated subset of " + ",".join(ALL_METRICS))
    ap.add_argument("--skip", default="", help="metrics to leave out; 'slow' = " + ",".join(sorted(SLOW)))
    ap.add_argument("--pagerank-tol", type=float, default=1e-13,
                    help="L1 change at which PageRank stops (NetworkX tol = this / n); default 1e-13")
    ap.add_argument("--betweenness-sample", type=int, default=0,
                    help="estimate betweenness from this many sampled sources (timing only; 0 = exact)")
    ap.add_argument("--nodes", default="", help="comma-separated node ids whose per-node values to print")
    ap.add_argument("--all-nodes", action="store_true", help="print per-node values for every node")
    ap.add_argument("--fixture", action="store_true",
                    help="pick the per-node sample automatically (top 3 by PageRank, betweenness, closeness, "
                         "authority and clustering, plus the first, middle and last node)")
    ap.add_argument("--clamp-negative-tvl", action="store_true", help="clamp negative node sizes to 0")
    args = ap.parse_args(argv)

    skip = set()
    for s in filter(None, args.skip.split(",")):
        skip |= SLOW if s == "slow" else {s}
    metrics = [m for m in args.metrics.split(",") if m and m not in skip]
    unknown = set(metrics) - set(ALL_METRICS)
    if unknown:
        raise SystemExit(f"unknown metrics {sorted(unknown)}")

    t0 = time.perf_counter()
    week, week_obj = read_week(args.snapshot, args.week)
    G, stats = build_graph(week_obj, args.clamp_negative_tvl)
    del week_obj
    seconds = {"read_and_build": time.perf_counter() - t0}
    out = {}
    per_node = {}
    pr = None
    for name in ALL_METRICS:
        if name not in metrics:
            continue
        t = time.perf_counter()
        if name == "pagerank":
            pr = m_pagerank(G, out, per_node, skip, args.pagerank_tol)
        elif name == "entropy":
            if pr is None:
                pr = nx.pagerank(G, alpha=DAMPING, weight="weight", tol=args.pagerank_tol / G.number_of_nodes(),
                                 max_iter=1_000_000)
            m_entropy(G, out, per_node, skip, pr)
        elif name == "betweenness":
            m_betweenness(G, out, per_node, skip, args.betweenness_sample or None)
        else:
            globals()["m_" + name](G, out, per_node, skip)
        seconds[name] = time.perf_counter() - t
    seconds.update(SUBTIMES)

    nodes = list(G)
    if args.all_nodes:
        chosen = nodes
    else:
        chosen = [v for v in args.nodes.split(",") if v]
        if args.fixture:
            for key in ["pageRank", "betweenness", "closeness", "authority", "clustering"]:
                if key in per_node:
                    chosen += sorted(per_node[key], key=lambda v: (-per_node[key][v], v))[:3]
            chosen += [nodes[0], nodes[len(nodes) // 2], nodes[-1]]
        chosen = list(dict.fromkeys(chosen))
    result = {
        "week": week,
        "source": args.snapshot.rsplit("/", 1)[-1],
        "networkx": nx.__version__,
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        **stats,
        "pageRankTolerance": args.pagerank_tol,
        "metrics": out,
        "perNode": {v: {k: vals[v] for k, vals in per_node.items()} for v in chosen},
        "seconds": seconds,
    }
    json.dump(result, sys.stdout, indent=1, allow_nan=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
