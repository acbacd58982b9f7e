package io.dexposure.analytics.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dexposure.analytics.network.WeeklyNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every metric on a generated mid-size week (1,500 nodes / 8,000 links, seed 7) against NetworkX 3.6.1,
 * from the fixture {@code golden/networkx-generated-seed7-1500x8000.json}. The fixture's
 * {@code generatedBy} block has the two commands that reproduce it (the week from the generator, the
 * values from {@code src/test/python/networkx_reference.py}); Python is not needed to run this test.
 *
 * <p>Tolerance: 1e-9 relative (or 1e-15 absolute around 0) for every value. The iterative ones are run to
 * a tolerance that makes that meaningful: PageRank to an L1 change below 1e-13 on both sides; HITS to an
 * L1 change below 1e-14 here, NetworkX's {@code svds} to machine precision ({@code tol=0}).
 */
class NetworkXFixtureTest {
    private static final double RELATIVE = 1e-9;
    private static final double ABSOLUTE = 1e-15;

    private static JsonNode fixture;
    private static WeeklyNetwork network;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = Objects.requireNonNull(NetworkXFixtureTest.class.getResourceAsStream(
                "/golden/networkx-generated-seed7-1500x8000.json"))) {
            fixture = new ObjectMapper().readTree(in);
        }
        JsonNode g = fixture.get("generator");
        network = TestNetworks.generated(g.get("seed").asLong(), g.get("nodes").asInt(), g.get("links").asInt());
    }

    @Test
    void networkIsTheOneTheFixtureWasComputedOn() {
        assertThat(network.week().toString()).isEqualTo(fixture.get("week").asText());
        assertThat(network.nodeCount()).isEqualTo(fixture.get("nodes").asInt());
        assertThat(network.linkCount()).isEqualTo(fixture.get("edges").asInt());
        assertThat(network.mergedParallelLinks()).isEqualTo(fixture.get("mergedParallelLinks").asInt());
    }

    @Test
    void aggregatesMatchNetworkX() {
        Map<String, Double> java = new LinkedHashMap<>();
        DegreeAssortativity.Result assortativity = DegreeAssortativity.compute(network);
        java.put("assortativity", assortativity.unweighted());
        java.put("assortativityWeighted", assortativity.weighted());

        DegreeDistribution.Result d = DegreeDistribution.compute(network);
        java.put("degreeCentralization", d.totalCentralization());
        java.put("inDegreeCentralization", d.inCentralization());
        java.put("outDegreeCentralization", d.outCentralization());
        java.put("degreeCoefficientOfVariation", d.coefficientOfVariation());
        java.put("degreeEntropy", d.entropy());
        java.put("degreeTop10PercentShare", d.top10PercentShare());
        java.put("degreeGini", d.gini());

        Concentration.Result c = Concentration.compute(network);
        java.put("tvlHhi", c.tvlHhi());
        java.put("tvlGini", c.tvlGini());
        java.put("tvlTop10Share", c.tvlTop10Share());
        java.put("exposureHhi", c.exposureHhi());
        java.put("exposureGini", c.exposureGini());
        java.put("exposureTop10Share", c.exposureTop10Share());

        Components.Result k = Components.compute(network);
        java.put("weakComponents", (double) k.weakCount());
        java.put("largestWeakShare", k.largestWeakShare());
        java.put("strongComponents", (double) k.strongCount());
        java.put("largestStrongShare", k.largestStrongShare());

        WeightedPageRank.Result pr = WeightedPageRank.compute(network, 0.85, 10_000, 1e-13);
        assertThat(pr.converged()).isTrue();
        java.put("pageRankMax", max(pr.scores()));

        Hits.Result hits = Hits.compute(network, true, 100_000, 1e-14);
        assertThat(hits.converged()).isTrue();
        java.put("hubMax", max(hits.hubs()));
        java.put("authorityMax", max(hits.authorities()));

        java.put("averageCloseness", ClosenessCentrality.average(ClosenessCentrality.compute(network)));
        java.put("betweennessMax", max(Betweenness.compute(network)));

        Clustering.Result cl = Clustering.compute(network);
        java.put("averageClustering", cl.averageDirected());
        java.put("averageClusteringWeighted", cl.averageDirectedWeighted());
        java.put("averageClusteringUndirected", cl.averageUndirected());
        java.put("transitivity", cl.transitivity());

        NetworkEntropy.Result e = NetworkEntropy.compute(network, pr.scores(), 0.85);
        java.put("entropyRate", e.entropyRate());
        java.put("normalisedEntropyRate", e.normalisedEntropyRate());
        java.put("pageRankEntropy", e.pageRankEntropy());
        java.put("normalisedPageRankEntropy", e.normalisedPageRankEntropy());
        java.put("exposureEntropy", e.exposureEntropy());
        java.put("normalisedExposureEntropy", e.normalisedExposureEntropy());

        JsonNode expected = fixture.get("metrics");
        assertThat(java.keySet()).containsExactlyInAnyOrderElementsOf(() -> expected.fieldNames());
        java.forEach((name, value) -> assertClose(name, value, expected.get(name).asDouble()));
    }

    @Test
    void perNodeValuesMatchNetworkX() {
        double[] pageRank = WeightedPageRank.compute(network, 0.85, 10_000, 1e-13).scores();
        Hits.Result hits = Hits.compute(network, true, 100_000, 1e-14);
        Hits.Result unweightedHits = Hits.compute(network, false, 100_000, 1e-14);
        double[] closeness = ClosenessCentrality.compute(network);
        double[] betweenness = Betweenness.compute(network);
        Clustering.Result clustering = Clustering.compute(network);
        Map<String, double[]> java = new LinkedHashMap<>();
        java.put("pageRank", pageRank);
        java.put("hub", hits.hubs());
        java.put("authority", hits.authorities());
        java.put("hubUnweighted", unweightedHits.hubs());
        java.put("authorityUnweighted", unweightedHits.authorities());
        java.put("closeness", closeness);
        java.put("betweenness", betweenness);
        java.put("clustering", clustering.directed());
        java.put("clusteringWeighted", clustering.directedWeighted());
        java.put("clusteringUndirected", clustering.undirected());

        JsonNode perNode = fixture.get("perNode");
        assertThat(perNode.size()).isGreaterThanOrEqualTo(10);
        for (Iterator<Map.Entry<String, JsonNode>> it = perNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> node = it.next();
            int i = network.indexOf(node.getKey());
            assertThat(i).as("node %s", node.getKey()).isGreaterThanOrEqualTo(0);
            assertThat(java.keySet()).containsExactlyInAnyOrderElementsOf(() -> node.getValue().fieldNames());
            java.forEach((name, values) -> assertClose(name + "[" + node.getKey() + "]", values[i],
                    node.getValue().get(name).asDouble()));
        }
    }

    static void assertClose(String what, double actual, double expected) {
        double error = Math.abs(actual - expected);
        assertThat(error <= ABSOLUTE || error <= RELATIVE * Math.abs(expected))
                .as("%s: Java %s, NetworkX %s (relative error %s)", what, actual, expected,
                        error / Math.abs(expected))
                .isTrue();
    }

    private static double max(double[] values) {
        double m = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            m = Math.max(m, v);
        }
        return m;
    }
}
