package io.dexposure.analytics.metrics;

import io.dexposure.analytics.network.WeeklyNetwork;

/**
 * Clustering coefficients as NetworkX 3.6.1 defines them, all from one triangle listing:
 * <ul>
 *   <li><b>directed</b> ({@code clustering(G)} on the DiGraph): Fagiolo (2007), all directed triangles,
 *   c(i) = T(i) / (2 (d_tot(d_tot - 1) - 2 d_recip)), with T(i) = sum over ordered neighbour pairs (j, k)
 *   of (a_ij + a_ji)(a_ik + a_ki)(a_jk + a_kj), d_tot = in + out degree and d_recip the number of
 *   reciprocated links (self-loops ignored);</li>
 *   <li><b>directed weighted</b> ({@code clustering(G, weight='weight')}): the same with each directed
 *   triangle counted as the cube root of the product of its three link weights, each divided by the
 *   largest link weight of the week (self-loops included in that maximum, as NetworkX does);</li>
 *   <li><b>undirected</b> ({@code clustering(G.to_undirected())}, Watts-Strogatz): 2 t(i) / (d(d - 1)) on
 *   the simple undirected graph underneath;</li>
 *   <li>averages over all nodes, zeros included ({@code average_clustering}), and the undirected
 *   {@code transitivity} = 3 triangles / connected triples.</li>
 * </ul>
 * Nodes of degree below 2 get 0 (NetworkX) where Gelly gives NaN.
 *
 * <p>Each undirected triangle {i, j, k} adds 2 m_ij m_ik m_jk (m = number of links between the pair, 1
 * or 2) to T of each of its corners, and 2 S to the weighted T, S being the sum of the cube roots over
 * the (up to 8) choices of one link per side. Triangles are listed once each by orienting every edge
 * from the lower to the higher (degree, index) end and intersecting forward rows with a marker array:
 * O(m^1.5) in the worst case, far less on heavy-tailed degrees. Triangles never come from JGraphT's
 * {@code GraphMetrics.getNumberOfTriangles} (wrong counts, stack.md pitfall 1). {@code GellyMetrics.undirectedClustering} (job module)
 * computes the undirected coefficients with Gelly for the cross-check.
 */
public final class Clustering {
    private Clustering() {
    }

    public record Result(double[] directed, double[] directedWeighted, double[] undirected,
                         double averageDirected, double averageDirectedWeighted, double averageUndirected,
                         double transitivity) {
    }

    /** Undirected local coefficients (NaN mapped to 0), their average and the transitivity. */
    public record Undirected(double[] local, double average, double transitivity) {
    }

    public static Result compute(WeeklyNetwork network) {
        Adjacency a = Adjacency.of(network).undirected();
        int n = a.n;
        int[] off = a.undOffset();
        int[] nbr = a.undNeighbour();
        double[] outW = a.undOutWeight();
        double[] inW = a.undInWeight();

        double maxWeight = 1.0;
        if (a.m > 0) {
            maxWeight = Double.NEGATIVE_INFINITY;
            for (double w : a.outWeight) {
                maxWeight = Math.max(maxWeight, w);
            }
        }
        double scale = maxWeight > 0 ? 1.0 / maxWeight : 0.0;

        // Forward rows: neighbours of higher (degree, index) rank, with the entry of the pair in the row.
        int[] fwdOffset = new int[n + 1];
        for (int u = 0; u < n; u++) {
            int du = off[u + 1] - off[u];
            int count = 0;
            for (int e = off[u]; e < off[u + 1]; e++) {
                if (ranksAbove(nbr[e], u, off[nbr[e] + 1] - off[nbr[e]], du)) {
                    count++;
                }
            }
            fwdOffset[u + 1] = fwdOffset[u] + count;
        }
        int[] fwdNode = new int[fwdOffset[n]];
        int[] fwdEntry = new int[fwdOffset[n]];
        for (int u = 0; u < n; u++) {
            int du = off[u + 1] - off[u];
            int k = fwdOffset[u];
            for (int e = off[u]; e < off[u + 1]; e++) {
                int v = nbr[e];
                if (ranksAbove(v, u, off[v + 1] - off[v], du)) {
                    fwdNode[k] = v;
                    fwdEntry[k] = e;
                    k++;
                }
            }
        }

        long[] undirectedT = new long[n];
        long[] directedT = new long[n];
        double[] weightedT = new double[n];
        int[] mark = new int[n];
        for (int u = 0; u < n; u++) {
            for (int k = fwdOffset[u]; k < fwdOffset[u + 1]; k++) {
                mark[fwdNode[k]] = fwdEntry[k] + 1;
            }
            for (int k = fwdOffset[u]; k < fwdOffset[u + 1]; k++) {
                int v = fwdNode[k];
                int euv = fwdEntry[k];
                for (int l = fwdOffset[v]; l < fwdOffset[v + 1]; l++) {
                    int w = fwdNode[l];
                    int euw = mark[w] - 1;
                    if (euw < 0) {
                        continue;
                    }
                    int evw = fwdEntry[l];
                    long multiplicity = (long) links(outW, inW, euv) * links(outW, inW, euw) * links(outW, inW, evw);
                    double s = weightedTriangle(outW, inW, euv, euw, evw, scale);
                    undirectedT[u] += 2;
                    undirectedT[v] += 2;
                    undirectedT[w] += 2;
                    directedT[u] += 2 * multiplicity;
                    directedT[v] += 2 * multiplicity;
                    directedT[w] += 2 * multiplicity;
                    weightedT[u] += 2 * s;
                    weightedT[v] += 2 * s;
                    weightedT[w] += 2 * s;
                }
            }
            for (int k = fwdOffset[u]; k < fwdOffset[u + 1]; k++) {
                mark[fwdNode[k]] = 0;
            }
        }

        double[] directed = new double[n];
        double[] weighted = new double[n];
        double[] undirected = new double[n];
        long triangles = 0;
        long triples = 0;
        for (int u = 0; u < n; u++) {
            long d = off[u + 1] - off[u];
            long dTotal = 0;
            long dRecip = 0;
            for (int e = off[u]; e < off[u + 1]; e++) {
                int l = links(outW, inW, e);
                dTotal += l;
                if (l == 2) {
                    dRecip++;
                }
            }
            long directedDenominator = (dTotal * (dTotal - 1) - 2 * dRecip) * 2;
            directed[u] = directedT[u] == 0 ? 0.0 : (double) directedT[u] / directedDenominator;
            weighted[u] = weightedT[u] == 0 ? 0.0 : weightedT[u] / directedDenominator;
            undirected[u] = undirectedT[u] == 0 ? 0.0 : (double) undirectedT[u] / (d * (d - 1));
            triangles += undirectedT[u];
            triples += d * (d - 1);
        }
        double transitivity = triangles == 0 ? 0.0 : (double) triangles / triples;
        return new Result(directed, weighted, undirected, mean(directed), mean(weighted), mean(undirected),
                transitivity);
    }


    /** v ranks above u: higher degree, ties broken by index. */
    private static boolean ranksAbove(int v, int u, int dv, int du) {
        return dv > du || (dv == du && v > u);
    }

    private static int links(double[] outW, double[] inW, int entry) {
        return (outW[entry] != Adjacency.ABSENT ? 1 : 0) + (inW[entry] != Adjacency.ABSENT ? 1 : 0);
    }

    /** Sum over one link per side of the cube root of the product of the scaled weights. */
    private static double weightedTriangle(double[] outW, double[] inW, int e1, int e2, int e3, double scale) {
        double s = 0;
        for (int i = 0; i < 2; i++) {
            double a = i == 0 ? outW[e1] : inW[e1];
            if (a == Adjacency.ABSENT) {
                continue;
            }
            for (int j = 0; j < 2; j++) {
                double b = j == 0 ? outW[e2] : inW[e2];
                if (b == Adjacency.ABSENT) {
                    continue;
                }
                for (int k = 0; k < 2; k++) {
                    double c = k == 0 ? outW[e3] : inW[e3];
                    if (c == Adjacency.ABSENT) {
                        continue;
                    }
                    s += Math.cbrt((a * scale) * (b * scale) * (c * scale));
                }
            }
        }
        return s;
    }

    private static double mean(double[] values) {
        if (values.length == 0) {
            return 0.0;
        }
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
    }
}
