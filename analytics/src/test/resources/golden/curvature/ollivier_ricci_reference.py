#!/usr/bin/env python3
"""Reference values for OllivierRicciCurvatureTest: GraphRicciCurvature's definition, restated.

Not used by the tests at run time (they read the .expected files this writes); rerun it to regenerate:
    python3 ollivier_ricci_reference.py            # small fixtures (seconds)
    python3 ollivier_ricci_reference.py WEEKFILE   # also a sample of a real-scale week (minutes)

Definition (GraphRicciCurvature, directed, after its issue #47 fix): for the link x -> y, m_x keeps
alpha at x and spreads 1 - alpha over x's in-neighbours with weights base^(-d(s,x)^exponent), m_y keeps
alpha at y and spreads 1 - alpha over y's out-neighbours with weights base^(-d(y,t)^exponent), only the
nbr_topk largest (weight, node index) pairs kept; kappa = 1 - W1(m_x, m_y) / d(x, y), W1 exact (a
linear program solved by HiGHS), d the shortest-path distance. Self-loops and zero-exposure links are
dropped from the graph (as the Java code does). Needs networkx, numpy, scipy.
"""
import math
import os
import sys

import networkx as nx
import numpy as np
from scipy import sparse
from scipy.optimize import linprog

HERE = os.path.dirname(os.path.abspath(__file__))


def read_network(path):
    """'node ID' and 'link SOURCE TARGET WEIGHT' lines, nodes in their index order."""
    nodes, links = [], []
    with open(path) as f:
        for line in f:
            parts = line.split()
            if not parts or parts[0].startswith('#'):
                continue
            if parts[0] == 'node':
                nodes.append(parts[1])
            elif parts[0] == 'link':
                links.append((parts[1], parts[2], float(parts[3])))
    return nodes, links


def lengths(nodes, links, mode):
    """Per link (in input order) its length, as io.dexposure...curvature.LinkLength defines it."""
    positive = [w for s, t, w in links if w > 0 and s != t]
    if mode == 'UNIT':
        return [1.0 for _ in links]
    if mode == 'INVERSE_WEIGHT':
        mean = sum(w for s, t, w in links if w > 0) / max(1, sum(1 for s, t, w in links if w > 0))
        return [mean / w if w > 0 else math.inf for s, t, w in links]
    if mode == 'LOG_SHARE':
        book = {}
        for s, t, w in links:
            if s != t and w > 0:
                book[s] = book.get(s, 0.0) + w
        return [1.0 - math.log(w / book[s]) if (w > 0 and s != t) else math.inf for s, t, w in links]
    raise ValueError(mode)


def curvature_graph(nodes, links, mode):
    g = nx.DiGraph()
    g.add_nodes_from(range(len(nodes)))
    index = {v: i for i, v in enumerate(nodes)}
    for (s, t, w), length in zip(links, lengths(nodes, links, mode)):
        if s != t and w > 0:
            g.add_edge(index[s], index[t], length=length)
    return g


def measure(g, centre, neighbours, dist, alpha, topk, base=math.e, exponent=2):
    if not neighbours:
        return [centre], [1.0]
    pairs = sorted(((base ** (-(dist[v] ** exponent)), v) for v in neighbours), reverse=True)[:topk]
    total = sum(w for w, v in pairs)
    if total > 1e-7:
        masses = [(1 - alpha) * w / total for w, v in pairs]
    else:
        masses = [(1 - alpha) / len(pairs)] * len(pairs)
    return [v for w, v in pairs] + [centre], masses + [alpha]


def wasserstein(a, b, cost):
    # The last column constraint is implied by the others (both sides sum to 1); leaving it out keeps
    # HiGHS from declaring the problem infeasible over a rounding difference between sum(a) and sum(b).
    m, n = cost.shape
    rows = np.concatenate([np.repeat(np.arange(m), n), m + np.tile(np.arange(n), m)])
    cols = np.concatenate([np.arange(m * n), np.arange(m * n)])
    a_eq = sparse.csr_matrix((np.ones(2 * m * n), (rows, cols)), shape=(m + n, m * n))[:-1]
    res = linprog(cost.ravel(), A_eq=a_eq, b_eq=np.concatenate([a, b[:-1]]), bounds=(0, None), method='highs-ds',
                  options={'primal_feasibility_tolerance': 1e-10, 'dual_feasibility_tolerance': 1e-10})
    assert res.status == 0, res.message
    return res.fun


def edge_curvature(g, x, y, alpha=0.5, topk=3000, unit_cutoff=False):
    if unit_cutoff:
        # Unit lengths: every distance needed is at most 3 (s -> x -> y -> t), so BFS to depth 2 suffices.
        def distances_from(s):
            d = nx.single_source_shortest_path_length(g, s, cutoff=2)
            return lambda t: d.get(t, 3)
    else:
        def distances_from(s):
            d = nx.single_source_dijkstra_path_length(g, s, weight='length')
            return lambda t: d[t]
    to_x = nx.single_source_dijkstra_path_length(g.reverse(copy=False), x, weight='length')
    from_y = nx.single_source_dijkstra_path_length(g, y, weight='length')
    sx, mx = measure(g, x, list(g.predecessors(x)), to_x, alpha, topk)
    ty, my = measure(g, y, list(g.successors(y)), from_y, alpha, topk)
    cost = np.zeros((len(sx), len(ty)))
    for i, s in enumerate(sx):
        d = distances_from(s)
        for j, t in enumerate(ty):
            cost[i, j] = d(t)
    dxy = distances_from(x)(y)
    return 1 - wasserstein(np.array(mx), np.array(my), cost) / dxy


def write_expected(name, nodes, links, mode, alpha=0.5, topk=3000):
    g = curvature_graph(nodes, links, mode)
    path = os.path.join(HERE, '%s.%s.alpha%s.top%d.expected' % (name, mode.lower(), alpha, topk))
    with open(path, 'w') as out:
        out.write('# source target kappa  (ollivier_ricci_reference.py, networkx %s, exact LP by HiGHS)\n'
                  % nx.__version__)
        for s, t, w in links:
            if s == t or w <= 0:
                continue
            k = edge_curvature(g, nodes.index(s), nodes.index(t), alpha, topk)
            out.write('%s %s %.15g\n' % (s, t, k))
    print('wrote', path)


def random_exposure_network(path, seed=7, n=30, m=110):
    """A small heavy-tailed weighted digraph with reciprocal links, a self-loop and a zero link."""
    rng = np.random.default_rng(seed)
    pairs = set()
    while len(pairs) < m:
        s = int(rng.integers(n))
        t = int(min(n - 1, rng.pareto(1.2)))  # a few nodes are widely held
        if s != t:
            pairs.add((s, t))
    links = [(str(s), str(t), float(np.round(np.exp(rng.normal(10, 2)), 2))) for s, t in sorted(pairs)]
    links.append(('3', '3', 500.0))
    links.append(('4', '9', 0.0))
    with open(path, 'w') as f:
        f.write('# generated by ollivier_ricci_reference.py (seed %d): weighted directed toy week\n' % seed)
        for v in range(n):
            f.write('node %d\n' % v)
        for s, t, w in links:
            f.write('link %s %s %r\n' % (s, t, w))


def real_scale_sample(week_file, count_largest=40, count_random=160, seed=1):
    nodes, links = read_network(week_file)
    g = curvature_graph(nodes, links, 'UNIT')
    index = {v: i for i, v in enumerate(nodes)}
    topk = 3000
    edges = [(s, t) for s, t, w in links if s != t and w > 0]
    size = lambda e: (min(g.in_degree(index[e[0]]), topk) + 1) * (min(g.out_degree(index[e[1]]), topk) + 1)
    edges.sort(key=lambda e: (-size(e), e))
    rng = np.random.default_rng(seed)
    rest = edges[count_largest:]
    picked = edges[:count_largest] + [rest[i] for i in sorted(rng.choice(len(rest), count_random, replace=False))]
    path = os.path.join(HERE, 'realscale-42-11000-75000.unit.sample.expected')
    with open(path, 'w') as out:
        out.write('# source target kappa size: GraphRicciCurvature definition on ExposureNetworkGenerator.singleWeek'
                  '(42, 11000, 75000), unit lengths, alpha 0.5, top 3000; %d largest problems + %d random links\n'
                  % (count_largest, count_random))
        for s, t in picked:
            k = edge_curvature(g, index[s], index[t], 0.5, topk, unit_cutoff=True)
            out.write('%s %s %.15g %d\n' % (s, t, k, size((s, t))))
            out.flush()
    print('wrote', path)


if __name__ == '__main__':
    toy = os.path.join(HERE, 'weighted-directed-toy.network')
    if not os.path.exists(toy):
        random_exposure_network(toy)
    nodes, links = read_network(toy)
    for mode in ('UNIT', 'INVERSE_WEIGHT', 'LOG_SHARE'):
        write_expected('weighted-directed-toy', nodes, links, mode)
    write_expected('weighted-directed-toy', nodes, links, 'UNIT', alpha=0.25, topk=2)
    write_expected('weighted-directed-toy', nodes, links, 'INVERSE_WEIGHT', alpha=0.25, topk=2)
    if len(sys.argv) > 1:
        real_scale_sample(sys.argv[1])
