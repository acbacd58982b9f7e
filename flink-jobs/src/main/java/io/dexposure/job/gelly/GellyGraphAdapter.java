package io.dexposure.job.gelly;

import io.dexposure.analytics.network.WeeklyNetwork;

import org.apache.flink.api.java.CollectionEnvironment;
import org.apache.flink.api.java.ExecutionEnvironment;
import org.apache.flink.graph.Edge;
import org.apache.flink.graph.Graph;
import org.apache.flink.graph.Vertex;
import org.apache.flink.graph.asm.simple.undirected.Simplify;
import org.apache.flink.graph.library.ConnectedComponents;
import org.apache.flink.graph.library.clustering.undirected.AverageClusteringCoefficient;
import org.apache.flink.graph.library.clustering.undirected.GlobalClusteringCoefficient;
import org.apache.flink.graph.library.clustering.undirected.LocalClusteringCoefficient;
import org.apache.flink.graph.library.linkanalysis.HITS;
import org.apache.flink.graph.library.linkanalysis.PageRank;
import org.apache.flink.types.LongValue;
import org.apache.flink.types.NullValue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The only place that touches Gelly. Gelly and the DataSet API are dead upstream (no Flink 2.x), so
 * every Gelly call stays behind this class and a later move only swaps it.
 *
 * <p>Graphs run on a {@link CollectionEnvironment}: in the calling thread, no cluster. A nested
 * LocalEnvironment inside a streaming task would start a second MiniCluster (ports, threads, 3x
 * slower, see ../shared/docs/stack.md section 4).
 */
public final class GellyGraphAdapter {
    private GellyGraphAdapter() {
    }

    /** The week as a Gelly graph: vertex ids are the network's node indices, edges unweighted. */
    public static Graph<LongValue, NullValue, NullValue> toGraph(WeeklyNetwork network, ExecutionEnvironment env) {
        int n = network.nodeCount();
        List<Vertex<LongValue, NullValue>> vertices = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            vertices.add(new Vertex<>(new LongValue(i), NullValue.getInstance()));
        }
        List<Edge<LongValue, NullValue>> edges = new ArrayList<>(network.linkCount());
        for (int source = 0; source < n; source++) {
            for (int p = network.outStart(source); p < network.outEnd(source); p++) {
                edges.add(new Edge<>(new LongValue(source), new LongValue(network.target(p)), NullValue.getInstance()));
            }
        }
        return Graph.fromCollection(vertices, edges, env);
    }

    /**
     * Gelly's (unweighted) PageRank: a node's score is split evenly over its out-links and sink mass is
     * spread uniformly, as NetworkX does without weights. Zero-degree nodes are kept, so scores sum to
     * 1 over all n nodes. Stops after {@code maxIterations} or when the summed absolute change falls
     * below {@code tolerance}.
     *
     * @return score per node index
     */
    public static double[] pageRank(WeeklyNetwork network, double damping, int maxIterations, double tolerance) {
        double[] scores = new double[network.nodeCount()];
        if (network.nodeCount() == 0) {
            return scores;
        }
        ExecutionEnvironment env = new CollectionEnvironment();
        try {
            List<PageRank.Result<LongValue>> results = toGraph(network, env)
                    .run(new PageRank<LongValue, NullValue, NullValue>(damping, maxIterations, tolerance)
                            .setIncludeZeroDegreeVertices(true))
                    .collect();
            for (PageRank.Result<LongValue> r : results) {
                scores[(int) r.getVertexId0().getValue()] = r.getPageRankScore().getValue();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Gelly PageRank failed for week " + network.week(), e);
        }
        return scores;
    }

    /**
     * Gelly's HITS (unweighted: every link counts 1). Gelly starts from the in-degrees, alternates hub =
     * sum of the authorities linked to and authority = sum of the hubs linking in, and normalises both to
     * unit L2 norm each iteration; it stops after {@code maxIterations} or when the summed absolute change
     * of all hub and authority scores is at most {@code tolerance}. Nodes without links are not in
     * Gelly's result and score 0 here.
     *
     * @return {hubs, authorities} per node index, each with unit L2 norm (as Gelly returns them)
     */
    public static double[][] hits(WeeklyNetwork network, int maxIterations, double tolerance) {
        int n = network.nodeCount();
        double[] hubs = new double[n];
        double[] authorities = new double[n];
        if (network.linkCount() == 0) {
            return new double[][] {hubs, authorities};
        }
        ExecutionEnvironment env = new CollectionEnvironment();
        try {
            List<HITS.Result<LongValue>> results = toGraph(network, env)
                    .run(new HITS<LongValue, NullValue, NullValue>(maxIterations, tolerance))
                    .collect();
            for (HITS.Result<LongValue> r : results) {
                int i = (int) r.getVertexId0().getValue();
                hubs[i] = r.getHubScore().getValue();
                authorities[i] = r.getAuthorityScore().getValue();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Gelly HITS failed for week " + network.week(), e);
        }
        return new double[][] {hubs, authorities};
    }

    /**
     * Undirected clustering as Gelly computes it, on the simple undirected graph underneath the week
     * ({@link Simplify}: links symmetrised, self-loops and duplicates removed).
     *
     * @param local   Gelly's local clustering coefficient per node index: NaN for degree &lt; 2 (NetworkX
     *                gives 0 there)
     * @param average Gelly's average clustering coefficient (sum over degree &gt; 1 nodes / all nodes)
     * @param global  Gelly's global clustering coefficient, 3 triangles / triplets (NetworkX transitivity)
     */
    public record UndirectedClustering(double[] local, double average, double global) {
    }

    /** Local, average and global undirected clustering in one Gelly execution. */
    public static UndirectedClustering undirectedClustering(WeeklyNetwork network) {
        int n = network.nodeCount();
        double[] local = new double[n];
        Arrays.fill(local, Double.NaN);
        if (n == 0) {
            return new UndirectedClustering(local, 0.0, 0.0);
        }
        ExecutionEnvironment env = new CollectionEnvironment();
        try {
            Graph<LongValue, NullValue, NullValue> simple = toGraph(network, env)
                    .run(new Simplify<LongValue, NullValue, NullValue>(false));
            AverageClusteringCoefficient<LongValue, NullValue, NullValue> average =
                    new AverageClusteringCoefficient<>();
            simple.run(average);
            GlobalClusteringCoefficient<LongValue, NullValue, NullValue> global = new GlobalClusteringCoefficient<>();
            simple.run(global);
            // collect() executes the whole plan, the two analytics' sinks included.
            List<LocalClusteringCoefficient.Result<LongValue>> results = simple
                    .run(new LocalClusteringCoefficient<LongValue, NullValue, NullValue>()
                            .setIncludeZeroDegreeVertices(true))
                    .collect();
            for (LocalClusteringCoefficient.Result<LongValue> r : results) {
                local[(int) r.getVertexId0().getValue()] = r.getLocalClusteringCoefficientScore();
            }
            return new UndirectedClustering(local, average.getResult().getAverageClusteringCoefficient(),
                    global.getResult().getGlobalClusteringCoefficientScore());
        } catch (Exception e) {
            throw new IllegalStateException("Gelly clustering failed for week " + network.week(), e);
        }
    }

    /**
     * Weakly connected components with Gelly's {@link ConnectedComponents} (scatter-gather label
     * propagation of the smallest vertex id over the links taken both ways).
     *
     * @return per node index, the smallest node index of its weak component
     */
    public static int[] weakComponents(WeeklyNetwork network, int maxIterations) {
        int n = network.nodeCount();
        int[] component = new int[n];
        if (n == 0) {
            return component;
        }
        ExecutionEnvironment env = new CollectionEnvironment();
        List<Vertex<LongValue, LongValue>> vertices = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            vertices.add(new Vertex<>(new LongValue(i), new LongValue(i)));
        }
        List<Edge<LongValue, NullValue>> edges = new ArrayList<>(network.linkCount());
        for (int source = 0; source < n; source++) {
            for (int p = network.outStart(source); p < network.outEnd(source); p++) {
                edges.add(new Edge<>(new LongValue(source), new LongValue(network.target(p)), NullValue.getInstance()));
            }
        }
        try {
            List<Vertex<LongValue, LongValue>> result = Graph.fromCollection(vertices, edges, env)
                    .run(new ConnectedComponents<LongValue, LongValue, NullValue>(maxIterations))
                    .collect();
            for (Vertex<LongValue, LongValue> v : result) {
                component[(int) v.getId().getValue()] = (int) v.getValue().getValue();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Gelly connected components failed for week " + network.week(), e);
        }
        return component;
    }
}
