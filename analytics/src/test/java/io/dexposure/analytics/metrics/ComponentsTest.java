package io.dexposure.analytics.metrics;

import io.dexposure.analytics.network.WeeklyNetwork;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Hand-written components against NetworkX counts, JGraphT and Gelly. */
class ComponentsTest {
    @Test
    void directedToy() {
        // NetworkX: 1 weak component; strong components {1, 2, 3} and {0}.
        Components.Result r = Components.compute(TestNetworks.directedToy());
        assertThat(r).isEqualTo(new Components.Result(1, 4, 1.0, 2, 3, 0.75));
        assertThat(Components.jgrapht(TestNetworks.directedToy())).isEqualTo(r);
    }

    @Test
    void isolatedNodesSelfLoopsAndChains() {
        // 0 -> 1 -> 2 -> 0 cycle, 3 -> 4 chain, 5 isolated with a self-loop, 6 isolated.
        WeeklyNetwork net = TestNetworks.unweighted(7, new int[][] {{0, 1}, {1, 2}, {2, 0}, {3, 4}, {5, 5}});
        Components.Result r = Components.compute(net);
        assertThat(r).isEqualTo(new Components.Result(4, 3, 3.0 / 7, 5, 3, 3.0 / 7));
        assertThat(Components.weakLabels(net)).containsExactly(0, 0, 0, 1, 1, 2, 3);
        assertThat(Components.jgrapht(net)).isEqualTo(r);
    }

    @Test
    void emptyNetwork() {
        assertThat(Components.compute(TestNetworks.unweighted(0, new int[0][])))
                .isEqualTo(new Components.Result(0, 0, 0.0, 0, 0, 0.0));
    }

    @Test
    void enginesAgreeOnAGeneratedWeekAndARandomGraph() {
        for (WeeklyNetwork net : new WeeklyNetwork[] {TestNetworks.generated(7, 1500, 8000),
                TestNetworks.random(3, 2000, 2500)}) {
            Components.Result hand = Components.compute(net);
            assertThat(Components.jgrapht(net)).isEqualTo(hand);
        }
    }

    @Test
    void strongLabelsAreMutuallyReachableSets() {
        WeeklyNetwork net = TestNetworks.random(5, 300, 450);
        int[] label = Components.strongLabels(net);
        // Same label <=> each reaches the other (checked by BFS from every node).
        boolean[][] reach = new boolean[net.nodeCount()][];
        for (int s = 0; s < net.nodeCount(); s++) {
            reach[s] = reachable(net, s);
        }
        for (int u = 0; u < net.nodeCount(); u++) {
            for (int v = 0; v < net.nodeCount(); v++) {
                assertThat(label[u] == label[v]).isEqualTo(reach[u][v] && reach[v][u]);
            }
        }
    }

    private static boolean[] reachable(WeeklyNetwork net, int s) {
        boolean[] seen = new boolean[net.nodeCount()];
        int[] queue = new int[net.nodeCount()];
        int head = 0;
        int tail = 0;
        queue[tail++] = s;
        seen[s] = true;
        while (head < tail) {
            int u = queue[head++];
            for (int p = net.outStart(u); p < net.outEnd(u); p++) {
                int v = net.target(p);
                if (!seen[v]) {
                    seen[v] = true;
                    queue[tail++] = v;
                }
            }
        }
        return seen;
    }
}
