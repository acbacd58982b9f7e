#!/usr/bin/env python3
"""Reference values for the Infomap tests (InfomapTest): an independent restatement of the two-level
map equation and its three flow models, a brute-force search over all partitions of small networks,
and NetworkX's directed modularity. Tests read the .expected files this writes; rerun to regenerate:
    python3 map_equation_reference.py

Flow models (see io.dexposure.analytics.metrics.community.FlowModel):
  UNDIRECTED         links summed both ways; p = strength / 2W; link flow w / 2W each way.
  DIRECTED           Infomap's default for directed input: unrecorded teleportation to links. PageRank with
                     damping 0.85 whose teleportation (and dangling mass) lands on nodes in proportion to
                     out-strength; link flow = rank(a) w / s_out(a) normalised to 1; node flow = link flow in.
  DIRECTED_RECORDED  Rosvall & Bergstrom 2008: PageRank with uniform teleportation (dangling nodes always
                     teleport); node flow = rank; link flow = 0.85 rank(a) w / s_out(a); the teleportation
                     steps are coded: exit_i = tele_i (1 - n_i/n) + link exit, enter_i = (T - tele_i) n_i/n
                     + link enter.
Codelength: L = plogp(sum enter) - sum plogp(enter) - sum plogp(exit) - sum_a plogp(p_a)
            + sum_i plogp(exit_i + p_i), in bits.
Needs numpy and networkx.
"""
import itertools
import os

import networkx as nx
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
TAU = 0.15


def read_network(path):
    nodes, links = [], []
    for line in open(path):
        parts = line.split()
        if not parts or parts[0].startswith('#'):
            continue
        if parts[0] == 'node':
            nodes.append(parts[1])
        elif parts[0] == 'link':
            links.append((parts[1], parts[2], float(parts[3])))
    return nodes, links


def plogp(x):
    return x * np.log2(x) if x > 0 else 0.0


def flow(nodes, links, model):
    """(node flow, link flows {(a, b): f}, teleport out per node, teleport in per node)."""
    n = len(nodes)
    idx = {v: i for i, v in enumerate(nodes)}
    w = {}
    for s, t, x in links:
        if s != t and x > 0:
            w[(idx[s], idx[t])] = w.get((idx[s], idx[t]), 0.0) + x
    zeros = np.zeros(n)
    if model == 'UNDIRECTED':
        u = {}
        for (a, b), x in w.items():
            u[(a, b)] = u.get((a, b), 0.0) + x
            u[(b, a)] = u.get((b, a), 0.0) + x
        total = sum(u.values())
        f = {k: x / total for k, x in u.items()}
        p = np.zeros(n)
        for (a, b), x in f.items():
            p[a] += x
        return p, f, zeros, zeros
    out = np.zeros(n)
    for (a, b), x in w.items():
        out[a] += x
    recorded = model == 'DIRECTED_RECORDED'
    pref = np.full(n, 1.0 / n) if recorded else out / out.sum()
    # Exact stationary distribution: r = (1-tau) P^T r + (tau * r_nondangling + r_dangling) pref, sum r = 1.
    m = np.zeros((n, n))
    for (a, b), x in w.items():
        m[b, a] += (1 - TAU) * x / out[a]
    for a in range(n):
        m[:, a] += (1.0 if out[a] == 0 else TAU) * pref
    vals, vecs = np.linalg.eig(m)
    r = np.real(vecs[:, np.argmin(np.abs(vals - 1))])
    r = r / r.sum()
    if recorded:
        f = {(a, b): (1 - TAU) * r[a] * x / out[a] for (a, b), x in w.items()}
        tele = np.array([r[a] if out[a] == 0 else TAU * r[a] for a in range(n)])
        return r, f, tele, np.full(n, 1.0 / n)
    f = {(a, b): r[a] * x / out[a] for (a, b), x in w.items()}
    total = sum(f.values())
    f = {k: x / total for k, x in f.items()}
    p = np.zeros(n)
    for (a, b), x in f.items():
        p[b] += x
    return p, f, zeros, zeros


def codelength(flows, module):
    p, f, tele_out, tele_in = flows
    k = max(module) + 1
    mp, mt, mu, lx, le = (np.zeros(k) for _ in range(5))
    for a, i in enumerate(module):
        mp[i] += p[a]
        mt[i] += tele_out[a]
        mu[i] += tele_in[a]
    for (a, b), x in f.items():
        if module[a] != module[b]:
            lx[module[a]] += x
            le[module[b]] += x
    total_tele = tele_out.sum()
    exits = [mt[i] * (1 - mu[i]) + lx[i] for i in range(k)]
    enters = [(total_tele - mt[i]) * mu[i] + le[i] for i in range(k)]
    return (plogp(sum(enters)) - sum(plogp(x) for x in enters) - sum(plogp(x) for x in exits)
            - sum(plogp(x) for x in p) + sum(plogp(exits[i] + mp[i]) for i in range(k)))


def set_partitions(n):
    """All partitions of range(n) as restricted growth strings."""
    def grow(prefix, largest):
        if len(prefix) == n:
            yield list(prefix)
            return
        for i in range(largest + 2):
            yield from grow(prefix + [i], max(largest, i))
    yield from grow([0], 0)


def best_partition(nodes, links, model):
    flows = flow(nodes, links, model)
    best = None
    for part in set_partitions(len(nodes)):
        length = codelength(flows, part)
        if best is None or length < best[0] - 1e-12:
            best = (length, part)
    return best


def modularity(nodes, links, module, weighted=True):
    g = nx.DiGraph()
    g.add_nodes_from(nodes)
    for s, t, x in links:
        if g.has_edge(s, t):
            g[s][t]['weight'] += x
        else:
            g.add_edge(s, t, weight=x)
    groups = {}
    for v, i in zip(nodes, module):
        groups.setdefault(i, set()).add(v)
    return nx.community.modularity(g, list(groups.values()), weight='weight' if weighted else None)


def toys():
    """Small weighted directed networks for the brute-force checks (9 nodes at most: 21147 partitions)."""
    rng = np.random.default_rng(2024)
    yield 'weighted-cycles', [str(v) for v in range(8)], [
        ('0', '1', 5.0), ('1', '2', 4.0), ('2', '0', 6.0), ('2', '3', 0.5),
        ('3', '4', 3.0), ('4', '5', 2.0), ('5', '3', 4.0), ('5', '6', 1.0),
        ('6', '4', 0.8), ('7', '0', 2.5), ('7', '4', 0.5), ('1', '0', 1.0), ('4', '3', 2.0)]
    nodes = [str(v) for v in range(9)]
    links = set()
    while len(links) < 22:
        a, b = rng.integers(9, size=2)
        if a != b:
            links.add((int(a), int(b)))
    yield 'random-9', nodes, [(str(a), str(b), float(np.round(np.exp(rng.normal(2, 1.5)), 3))) for a, b in sorted(links)]
    yield 'hub-and-dangling', [str(v) for v in range(7)], [
        ('0', '6', 9.0), ('1', '6', 4.0), ('2', '6', 1.0), ('0', '1', 2.0), ('1', '2', 2.0), ('2', '0', 2.0),
        ('3', '4', 3.0), ('4', '5', 3.0), ('5', '3', 3.0), ('3', '6', 1.5), ('5', '0', 0.2)]


def write_network(name, nodes, links):
    with open(os.path.join(HERE, name + '.network'), 'w') as f:
        f.write('# %s: weighted directed toy for the brute-force map equation checks (map_equation_reference.py)\n'
                % name)
        for v in nodes:
            f.write('node %s\n' % v)
        for s, t, x in links:
            f.write('link %s %s %r\n' % (s, t, x))


def main():
    out = open(os.path.join(HERE, 'map-equation.expected'), 'w')
    out.write('# network model kind value [partition]  (map_equation_reference.py, networkx %s)\n' % nx.__version__)
    out.write('# kind: optimum = smallest two-level codelength over all partitions (brute force); '
              'codelength = of the named partition; modularity = networkx.community.modularity on the DiGraph\n')
    for name, nodes, links in toys():
        write_network(name, nodes, links)
        for model in ('DIRECTED', 'DIRECTED_RECORDED', 'UNDIRECTED'):
            length, part = best_partition(nodes, links, model)
            out.write('%s %s optimum %.15g %s\n' % (name, model, length, ','.join(map(str, part))))
            out.write('%s %s modularity %.15g %s\n' % (name, model, modularity(nodes, links, part),
                                                       ','.join(map(str, part))))
            print(name, model, length, part)
    nodes, links = read_network(os.path.join(HERE, 'twotriangles.network'))
    two = [0, 0, 0, 1, 1, 1]
    for model in ('UNDIRECTED', 'DIRECTED', 'DIRECTED_RECORDED'):
        flows = flow(nodes, links, model)
        out.write('twotriangles %s codelength %.15g %s\n' % (model, codelength(flows, two), ','.join(map(str, two))))
        length, part = best_partition(nodes, links, model)
        out.write('twotriangles %s optimum %.15g %s\n' % (model, length, ','.join(map(str, part))))
    out.write('twotriangles ANY modularity %.15g %s\n' % (modularity(nodes, links, two), ','.join(map(str, two))))
    nodes, links = read_network(os.path.join(HERE, 'ninetriangles.network'))
    nine = [(int(v) - 1) // 3 for v in nodes]
    three = [(int(v) - 1) // 9 for v in nodes]
    for model in ('UNDIRECTED', 'DIRECTED', 'DIRECTED_RECORDED'):
        flows = flow(nodes, links, model)
        for label, part in (('nine', nine), ('three', three), ('one', [0] * len(nodes))):
            out.write('ninetriangles %s codelength-%s %.15g %s\n'
                      % (model, label, codelength(flows, part), ','.join(map(str, part))))
    out.write('ninetriangles ANY modularity-nine %.15g %s\n' % (modularity(nodes, links, nine), ','.join(map(str, nine))))
    out.write('ninetriangles ANY modularity-nine-unweighted %.15g %s\n'
              % (modularity(nodes, links, nine, weighted=False), ','.join(map(str, nine))))
    out.close()


if __name__ == '__main__':
    main()
