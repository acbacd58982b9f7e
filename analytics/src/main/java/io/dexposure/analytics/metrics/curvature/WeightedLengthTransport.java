package io.dexposure.analytics.metrics.curvature;

import io.dexposure.analytics.network.WeeklyNetwork;

import java.util.ArrayList;
import java.util.List;

/**
 * Curvature of all links leaving one source x under weighted lengths ({@link LinkLength#INVERSE_WEIGHT},
 * {@link LinkLength#LOG_SHARE}). Distances come from Dijkstra bounded by a radius that provably covers
 * every pair: d(s, t) &lt;= d(s, x) + l(x, y) + d(y, t). One search per supply node s serves all of x's
 * links (their target sets are merged into the columns of one distance table), then each link's
 * transport problem is solved exactly on the dense cost matrix, or by Sinkhorn above the size limit.
 */
final class WeightedLengthTransport {
    private static final long MASS_SCALE = UnitLengthTransport.MASS_SCALE;

    private final CurvatureGraph graph;
    private final double[] lengths;
    private final double alpha;
    private final double base;
    private final double exponent;
    private final int neighbourLimit;
    private final long exactSizeLimit;
    private final SinkhornTransport sinkhorn;
    private final BoundedDijkstra dijkstra;
    private final PrimalDualMinCostFlow flow = new PrimalDualMinCostFlow();
    private final NeighbourhoodMeasure sourceMeasure = new NeighbourhoodMeasure();
    private final List<NeighbourhoodMeasure> targetMeasures = new ArrayList<>();
    private final int[] columnOf;
    private final int[] columnStamp;
    private int stamp;
    private int[] columnNodes = new int[64];
    private double[] neighbourDistances = new double[64];
    private double[] table = new double[0];
    private double[] costMatrix = new double[0];
    private long[] scaledSupply = new long[16];
    private long[] scaledDemand = new long[16];

    WeightedLengthTransport(CurvatureGraph graph, double[] lengths, double alpha, double base, double exponent,
                            int neighbourLimit, long exactSizeLimit, SinkhornTransport sinkhorn) {
        this.graph = graph;
        this.lengths = lengths;
        this.alpha = alpha;
        this.base = base;
        this.exponent = exponent;
        this.neighbourLimit = neighbourLimit;
        this.exactSizeLimit = exactSizeLimit;
        this.sinkhorn = sinkhorn;
        this.dijkstra = new BoundedDijkstra(graph);
        this.columnOf = new int[graph.nodeCount];
        this.columnStamp = new int[graph.nodeCount];
    }

    /** Guards the radius against the rounding of summing the same lengths in another order. */
    private static double widened(double radius) {
        return radius * (1 + 1e-9) + 1e-12;
    }

    void source(int x, WeeklyNetwork network, double[] curvature, CurvatureMethod[] methods) {
        // m_x: distances from each in-neighbour to x (a backward search from x).
        int inFrom = graph.inOffsets[x];
        int inTo = graph.inOffsets[x + 1];
        double maxIn = 0;
        for (int q = inFrom; q < inTo; q++) {
            maxIn = Math.max(maxIn, graph.inLengths[q]);
        }
        dijkstra.run(x, false, widened(maxIn));
        ensureNeighbourDistances(inTo - inFrom);
        for (int q = inFrom; q < inTo; q++) {
            neighbourDistances[q - inFrom] = dijkstra.distance(graph.inSources[q]);
        }
        sourceMeasure.weightedLengths(x, graph.inSources, inFrom, inTo, neighbourDistances, neighbourLimit, alpha,
                base, exponent);
        double sourceReach = 0;
        for (int i = 0; i < sourceMeasure.size - 1; i++) {
            sourceReach = Math.max(sourceReach, dijkstra.distance(sourceMeasure.nodes[i]));
        }

        // m_y for every link x -> y, and the union of their supports as table columns.
        stamp++;
        int columns = 0;
        int links = 0;
        double targetReach = 0;
        for (int p = network.outStart(x); p < network.outEnd(x); p++) {
            if (!CurvatureGraph.isCurvatureLink(network, x, p)) {
                continue;
            }
            int y = network.target(p);
            int outFrom = graph.outOffsets[y];
            int outTo = graph.outOffsets[y + 1];
            double maxOut = 0;
            for (int q = outFrom; q < outTo; q++) {
                maxOut = Math.max(maxOut, graph.outLengths[q]);
            }
            dijkstra.run(y, true, widened(maxOut));
            ensureNeighbourDistances(outTo - outFrom);
            for (int q = outFrom; q < outTo; q++) {
                neighbourDistances[q - outFrom] = dijkstra.distance(graph.outTargets[q]);
            }
            if (targetMeasures.size() == links) {
                targetMeasures.add(new NeighbourhoodMeasure());
            }
            NeighbourhoodMeasure my = targetMeasures.get(links++);
            my.weightedLengths(y, graph.outTargets, outFrom, outTo, neighbourDistances, neighbourLimit, alpha, base,
                    exponent);
            double reach = 0;
            for (int j = 0; j < my.size; j++) {
                int t = my.nodes[j];
                reach = Math.max(reach, dijkstra.distance(t));
                if (columnStamp[t] != stamp) {
                    columnStamp[t] = stamp;
                    if (columns == columnNodes.length) {
                        columnNodes = java.util.Arrays.copyOf(columnNodes, columns * 2);
                    }
                    columnOf[t] = columns;
                    columnNodes[columns++] = t;
                }
            }
            targetReach = Math.max(targetReach, lengths[p] + reach);
        }

        // Distances from every supply node to every column node, one bounded search each.
        int rows = sourceMeasure.size;
        if (table.length < rows * columns) {
            table = new double[Math.max(rows * columns, table.length * 2)];
        }
        double radius = widened(sourceReach + targetReach);
        for (int i = 0; i < rows; i++) {
            dijkstra.run(sourceMeasure.nodes[i], true, radius);
            int row = i * columns;
            for (int c = 0; c < columns; c++) {
                table[row + c] = dijkstra.distance(columnNodes[c]);
            }
        }

        int link = 0;
        int xRow = (rows - 1) * columns;
        for (int p = network.outStart(x); p < network.outEnd(x); p++) {
            if (!CurvatureGraph.isCurvatureLink(network, x, p)) {
                continue;
            }
            NeighbourhoodMeasure my = targetMeasures.get(link++);
            int y = network.target(p);
            double dxy = table[xRow + columnOf[y]];
            int cells = rows * my.size;
            if (costMatrix.length < cells) {
                costMatrix = new double[Math.max(cells, costMatrix.length * 2)];
            }
            double maxCost = 0;
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < my.size; j++) {
                    double d = table[i * columns + columnOf[my.nodes[j]]];
                    if (Double.isInfinite(d)) {
                        throw new IllegalStateException("no path within the search radius, link position " + p);
                    }
                    costMatrix[i * my.size + j] = d;
                    maxCost = Math.max(maxCost, d);
                }
            }
            double w1 = cells > exactSizeLimit
                    ? sinkhorn.transportCost(sourceMeasure.mass, rows, my.mass, my.size, costMatrix, dxy) : Double.NaN;
            if (Double.isNaN(w1)) {
                w1 = exactDense(my, rows, maxCost);
                methods[p] = CurvatureMethod.EXACT;
            } else {
                methods[p] = CurvatureMethod.APPROXIMATE;
            }
            curvature[p] = 1.0 - w1 / dxy;
        }
    }

    /** Exact W1 on the dense bipartite network supply -> demand with the cost matrix. */
    private double exactDense(NeighbourhoodMeasure my, int rows, double maxCost) {
        int columns = my.size;
        flow.reset();
        int source = flow.addNode();
        int sink = flow.addNode();
        if (scaledSupply.length < rows) {
            scaledSupply = new long[Math.max(rows, scaledSupply.length * 2)];
        }
        if (scaledDemand.length < columns) {
            scaledDemand = new long[Math.max(columns, scaledDemand.length * 2)];
        }
        sourceMeasure.scaledMasses(MASS_SCALE, scaledSupply);
        my.scaledMasses(MASS_SCALE, scaledDemand);
        int firstRow = flow.nodeCount();
        for (int i = 0; i < rows; i++) {
            flow.addNode();
        }
        int firstColumn = flow.nodeCount();
        for (int j = 0; j < columns; j++) {
            flow.addNode();
        }
        for (int i = 0; i < rows; i++) {
            flow.addArc(source, firstRow + i, scaledSupply[i], 0);
        }
        for (int j = 0; j < columns; j++) {
            flow.addArc(firstColumn + j, sink, scaledDemand[j], 0);
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                flow.addArc(firstRow + i, firstColumn + j, PrimalDualMinCostFlow.UNBOUNDED, costMatrix[i * columns + j]);
            }
        }
        return flow.solve(source, sink, MASS_SCALE, 1e-12 * Math.max(1.0, maxCost)) / MASS_SCALE;
    }

    private void ensureNeighbourDistances(int size) {
        if (neighbourDistances.length < size) {
            neighbourDistances = new double[Math.max(size, neighbourDistances.length * 2)];
        }
    }
}
