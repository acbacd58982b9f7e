package io.dexposure.flink.network;

import org.apache.flink.api.java.CollectionEnvironment;
import org.apache.flink.api.java.ExecutionEnvironment;
import org.apache.flink.graph.Edge;
import org.apache.flink.graph.Graph;
import org.apache.flink.graph.Vertex;
import org.apache.flink.graph.library.linkanalysis.PageRank;
import org.apache.flink.types.LongValue;
import org.apache.flink.types.NullValue;

import java.util.ArrayList;
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
        List<Edge<LongValue, NullValue>> edges = new ArrayList<>(network.edgeCount());
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
}
