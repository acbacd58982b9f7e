package io.dexposure.analytics.metrics.community;

import io.dexposure.analytics.metrics.curvature.GeneratedWeeks;
import io.dexposure.analytics.metrics.curvature.NetworkFixtures;
import io.dexposure.analytics.network.WeeklyNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Two-level Infomap against Infomap's published codelengths (test/fixtures/expected/golden-codelengths.json
 * of mapequation/infomap: twotriangles two-level 2.32073035683379 undirected, 1.8082411992675058
 * {@code --directed}), the fixtures of ../shared/docs/references.md section 6.3, and
 * golden/infomap/map_equation_reference.py (independent map equation, brute force over all partitions,
 * NetworkX modularity).
 */
class InfomapTest {
    private static final String EXPECTED = "/golden/infomap/map-equation.expected";

    private static WeeklyNetwork fixture(String name) {
        return NetworkFixtures.network("/golden/infomap/" + name + ".network");
    }

    /** The expected-file row {network, model, kind, value, partition}. */
    private static String[] expected(String network, String model, String kind) {
        for (String[] row : NetworkFixtures.rows(EXPECTED)) {
            if (row[0].equals(network) && row[1].equals(model) && row[2].equals(kind)) {
                return row;
            }
        }
        throw new IllegalArgumentException(network + " " + model + " " + kind);
    }

    private static int[] partition(String csv) {
        return Arrays.stream(csv.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    /** True when both assign every pair of nodes to the same or to different modules alike. */
    private static boolean samePartition(int[] a, int[] b) {
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                if ((a[i] == a[j]) != (b[i] == b[j])) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void twoTrianglesUndirectedFindsTheTwoTrianglesAtInfomapsCodelength() {
        WeeklyNetwork network = fixture("twotriangles");
        InfomapResult result = Infomap.defaults().withFlowModel(FlowModel.UNDIRECTED).compute(network);
        assertThat(result.moduleCount()).isEqualTo(2);
        assertThat(samePartition(result.moduleOfNode(), new int[] {0, 0, 0, 1, 1, 1})).isTrue();
        assertThat(result.codelength()).isCloseTo(2.32073035683379, within(1e-12));
        assertThat(result.largestModuleNodeShare()).isEqualTo(0.5);
        assertThat(result.largestModuleFlowShare()).isCloseTo(0.5, within(1e-12));
        assertThat(result.modularity()).isCloseTo(Double.parseDouble(expected("twotriangles", "ANY", "modularity")[3]),
                within(1e-12));
    }

    @Test
    void twoTrianglesDirectedMatchesInfomapsDefaultDirectedCodelength() {
        WeeklyNetwork network = fixture("twotriangles");
        InfomapResult result = Infomap.defaults().compute(network);
        assertThat(result.flowModel()).isEqualTo(FlowModel.DIRECTED);
        assertThat(result.moduleCount()).isEqualTo(2);
        assertThat(samePartition(result.moduleOfNode(), new int[] {0, 0, 0, 1, 1, 1})).isTrue();
        // Infomap --directed --two-level: unrecorded teleportation to links.
        assertThat(result.codelength()).isCloseTo(1.8082411992675058, within(1e-12));
    }

    @Test
    void recordedTeleportationCodesTheTeleportationSteps() {
        WeeklyNetwork network = fixture("twotriangles");
        InfomapResult result = Infomap.defaults().withFlowModel(FlowModel.DIRECTED_RECORDED).compute(network);
        // Counting teleportation as module exits makes the split too expensive here: one module.
        assertThat(result.codelength()).isCloseTo(
                Double.parseDouble(expected("twotriangles", "DIRECTED_RECORDED", "optimum")[3]), within(1e-10));
        assertThat(result.moduleCount()).isEqualTo(1);
        double split = MapEquation.codelength(Infomap.defaults().withFlowModel(FlowModel.DIRECTED_RECORDED)
                .flowNetwork(network), new int[] {0, 0, 0, 1, 1, 1});
        assertThat(split).isCloseTo(Double.parseDouble(expected("twotriangles", "DIRECTED_RECORDED", "codelength")[3]),
                within(1e-10));
    }

    /**
     * The standard ninetriangles network (a triangle of triangles of triangles, see the fixture). Its
     * published codelength 3.385830820341408 is Infomap's multilevel result (3 top modules, 3 levels);
     * the two-level optimum is the nine triangles at 3.57228580561496 bits, larger, since one level of
     * modules cannot code the hierarchy.
     */
    @Test
    void nineTrianglesTwoLevelFindsTheNineTriangles() {
        WeeklyNetwork network = fixture("ninetriangles");
        assertThat(network.nodeCount()).isEqualTo(27);
        assertThat(network.linkCount()).isEqualTo(39);
        InfomapResult result = Infomap.defaults().withFlowModel(FlowModel.UNDIRECTED).compute(network);
        String[] nine = expected("ninetriangles", "UNDIRECTED", "codelength-nine");
        assertThat(result.moduleCount()).isEqualTo(9);
        assertThat(samePartition(result.moduleOfNode(), partition(nine[4]))).isTrue();
        assertThat(result.codelength()).isCloseTo(3.57228580561496, within(1e-12));
        assertThat(result.codelength()).isCloseTo(Double.parseDouble(nine[3]), within(1e-12));
        assertThat(result.codelength()).isGreaterThan(3.385830820341408);
        assertThat(result.codelength()).isLessThan(
                Double.parseDouble(expected("ninetriangles", "UNDIRECTED", "codelength-three")[3]));
        assertThat(result.oneModuleCodelength()).isCloseTo(
                Double.parseDouble(expected("ninetriangles", "UNDIRECTED", "codelength-one")[3]), within(1e-12));
        assertThat(result.modularity()).isCloseTo(
                Double.parseDouble(expected("ninetriangles", "ANY", "modularity-nine")[3]), within(1e-12));
        assertThat(result.largestModuleNodeShare()).isCloseTo(3.0 / 27, within(1e-12));
    }

    @ParameterizedTest
    @EnumSource(FlowModel.class)
    void weightedDirectedToysReachTheBruteForceOptimum(FlowModel model) {
        for (String name : List.of("weighted-cycles", "random-9", "hub-and-dangling")) {
            WeeklyNetwork network = fixture(name);
            InfomapResult result = Infomap.defaults().withFlowModel(model).compute(network);
            String[] optimum = expected(name, model.name(), "optimum");
            assertThat(result.codelength()).as("%s %s", name, model).isCloseTo(Double.parseDouble(optimum[3]),
                    within(1e-10));
            assertThat(samePartition(result.moduleOfNode(), partition(optimum[4]))).as("%s %s", name, model).isTrue();
            // NetworkX's directed modularity of the same partition.
            assertThat(result.modularity()).as("%s %s", name, model).isCloseTo(
                    Double.parseDouble(expected(name, model.name(), "modularity")[3]), within(1e-12));
        }
    }

    /** Every flow model's fresh codelength agrees with the reference script on fixed partitions. */
    @ParameterizedTest
    @EnumSource(FlowModel.class)
    void codelengthOfGivenPartitionsMatchesTheReferenceScript(FlowModel model) {
        WeeklyNetwork network = fixture("ninetriangles");
        FlowNetwork flow = Infomap.defaults().withFlowModel(model).flowNetwork(network);
        for (String label : List.of("nine", "three", "one")) {
            String[] row = expected("ninetriangles", model.name(), "codelength-" + label);
            assertThat(MapEquation.codelength(flow, partition(row[4]))).as("%s %s", model, label)
                    .isCloseTo(Double.parseDouble(row[3]), within(1e-12));
        }
        double total = Arrays.stream(flow.nodeFlow).sum();
        assertThat(total).isCloseTo(1.0, within(1e-12));
    }

    /**
     * The invariant Infomap's own tests state: after every move, the codelength tracked incrementally
     * equals a fresh computation from the partition. On random weighted directed graphs, every flow
     * model, moves at all levels (node moves, aggregated modules, fine- and coarse-tuning).
     */
    @ParameterizedTest
    @EnumSource(FlowModel.class)
    void trackedCodelengthEqualsFreshRecomputationAfterEveryMove(FlowModel model) {
        SplittableRandom random = new SplittableRandom(99);
        for (int graph = 0; graph < 6; graph++) {
            int n = 15 + random.nextInt(60);
            WeeklyNetwork network = randomNetwork(random, n, n * (2 + random.nextInt(3)));
            Infomap infomap = Infomap.defaults().withFlowModel(model).withTrials(2).withSeed(graph);
            FlowNetwork flow = infomap.flowNetwork(network);
            int[] moves = new int[1];
            double[] largest = new double[1];
            infomap.compute(network, (tracked, leafModules) -> {
                double fresh = MapEquation.codelength(flow, leafModules);
                largest[0] = Math.max(largest[0], Math.abs(tracked - fresh));
                assertThat(tracked).isCloseTo(fresh, within(1e-10));
                moves[0]++;
            });
            assertThat(moves[0]).isGreaterThan(n / 2);
            assertThat(largest[0]).isLessThan(1e-10);
        }
    }

    @Test
    void modularityMatchesNetworkXOnFixedPartitions() {
        WeeklyNetwork network = fixture("random-9");
        String[] row = expected("random-9", "UNDIRECTED", "modularity");
        assertThat(Modularity.directed(network, partition(row[4]), true)).isCloseTo(Double.parseDouble(row[3]),
                within(1e-12));
        WeeklyNetwork nine = fixture("ninetriangles");
        String[] unweighted = expected("ninetriangles", "ANY", "modularity-nine-unweighted");
        assertThat(Modularity.directed(nine, partition(unweighted[4]), false)).isCloseTo(
                Double.parseDouble(unweighted[3]), within(1e-12));
    }

    @Test
    void generatedWeekIsPartitionedDeterministically() {
        WeeklyNetwork network = GeneratedWeeks.singleWeek(3, 1500, 6000);
        InfomapResult first = Infomap.defaults().withTrials(3).compute(network);
        InfomapResult again = Infomap.defaults().withTrials(3).withThreads(2).compute(network);
        assertThat(again.moduleOfNode()).isEqualTo(first.moduleOfNode());
        assertThat(again.codelength()).isEqualTo(first.codelength());
        assertThat(first.codelength()).isLessThan(first.oneModuleCodelength());
        assertThat(first.moduleCount()).isGreaterThan(1);
        FlowNetwork flow = Infomap.defaults().flowNetwork(network);
        assertThat(MapEquation.codelength(flow, first.moduleOfNode())).isCloseTo(first.codelength(), within(1e-10));
        assertThat(first.modularity()).isCloseTo(Modularity.directed(network, first.moduleOfNode(), true),
                within(1e-15));
    }

    @Test
    void weeksWithoutLinksHaveNoCommunities() {
        WeeklyNetwork empty = WeeklyNetwork.builder(LocalDate.of(2022, 5, 9)).build();
        assertThat(Infomap.defaults().compute(empty).moduleCount()).isZero();
        WeeklyNetwork isolated = WeeklyNetwork.builder(LocalDate.of(2022, 5, 9)).addNode("1", 1, null, null, null)
                .addNode("2", 1, null, null, null).build();
        for (FlowModel model : FlowModel.values()) {
            InfomapResult result = Infomap.defaults().withFlowModel(model).compute(isolated);
            assertThat(result.moduleCount()).isZero();
            assertThat(result.moduleOfNode()).containsExactly(0, 1);
            assertThat(result.modularity()).isNaN();
        }
    }

    static WeeklyNetwork randomNetwork(SplittableRandom random, int n, int links) {
        WeeklyNetwork.WeeklyNetworkBuilder builder = WeeklyNetwork.builder(LocalDate.of(2022, 5, 9));
        for (int v = 0; v < n; v++) {
            builder.addNode(Integer.toString(v), 1, null, null, null);
        }
        List<int[]> added = new ArrayList<>();
        for (int k = 0; k < links; k++) {
            // Planted groups of about 8 make the moves non-trivial; a few links cross at random.
            int a = random.nextInt(n);
            int b = random.nextDouble() < 0.8 ? Math.min(n - 1, (a / 8) * 8 + random.nextInt(8)) : random.nextInt(n);
            added.add(new int[] {a, b});
            builder.addLink(Integer.toString(a), Integer.toString(b), Math.exp(random.nextGaussian() * 1.5));
        }
        return builder.build();
    }
}
