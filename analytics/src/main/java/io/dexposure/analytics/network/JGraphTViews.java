package io.dexposure.analytics.network;

import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultDirectedWeightedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleGraph;

/**
 * JGraphT graphs built from a {@link WeeklyNetwork}: vertices are the node indices 0..n-1 (added in that
 * order, so JGraphT's vertex iteration order is the index order), edges the network's distinct links.
 * Views are copies: build them once per week and per shape, they cost about as much as the cheaper
 * JGraphT algorithms (O(n + m) with hash maps).
 */
public final class JGraphTViews {
    private JGraphTViews() {
    }

    /** Directed, unweighted (self-loops kept). */
    public static Graph<Integer, DefaultEdge> directed(WeeklyNetwork network) {
        Graph<Integer, DefaultEdge> g = new DefaultDirectedGraph<>(DefaultEdge.class);
        int n = network.nodeCount();
        for (int i = 0; i < n; i++) {
            g.addVertex(i);
        }
        for (int u = 0; u < n; u++) {
            for (int p = network.outStart(u); p < network.outEnd(u); p++) {
                g.addEdge(u, network.target(p));
            }
        }
        return g;
    }

    /**
     * Directed, edge weight = exposure (self-loops kept). With {@code dropZeroWeights} links of zero
     * exposure are left out, which gives NetworkX's weighted PageRank semantics in JGraphT's PageRank: a
     * node whose out-links all weigh 0 is dangling in NetworkX, while JGraphT would divide by its zero
     * out-strength.
     */
    public static Graph<Integer, DefaultWeightedEdge> directedWeighted(WeeklyNetwork network, boolean dropZeroWeights) {
        Graph<Integer, DefaultWeightedEdge> g = new DefaultDirectedWeightedGraph<>(DefaultWeightedEdge.class);
        int n = network.nodeCount();
        for (int i = 0; i < n; i++) {
            g.addVertex(i);
        }
        for (int u = 0; u < n; u++) {
            for (int p = network.outStart(u); p < network.outEnd(u); p++) {
                double w = network.weight(p);
                if (dropZeroWeights && w == 0) {
                    continue;
                }
                DefaultWeightedEdge e = g.addEdge(u, network.target(p));
                g.setEdgeWeight(e, w);
            }
        }
        return g;
    }

    /**
     * The simple undirected graph underneath (NetworkX {@code G.to_undirected()} without self-loops): one
     * edge per pair of nodes linked in either direction.
     */
    public static Graph<Integer, DefaultEdge> undirected(WeeklyNetwork network) {
        Graph<Integer, DefaultEdge> g = new SimpleGraph<>(DefaultEdge.class);
        int n = network.nodeCount();
        for (int i = 0; i < n; i++) {
            g.addVertex(i);
        }
        for (int u = 0; u < n; u++) {
            for (int p = network.outStart(u); p < network.outEnd(u); p++) {
                int v = network.target(p);
                if (v != u && !g.containsEdge(u, v)) {
                    g.addEdge(u, v);
                }
            }
        }
        return g;
    }
}
