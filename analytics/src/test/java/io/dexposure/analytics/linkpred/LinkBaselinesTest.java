package io.dexposure.analytics.linkpred;

import io.dexposure.analytics.network.WeeklyNetwork;
import io.dexposure.analytics.week.NetworkWeek;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The heuristics and persistence on tiny hand-made graphs. */
class LinkBaselinesTest {
    /**
     * Previous week: a -> b, a -> c, b -> c, d -> c, c -> e (undirected degrees a 2, b 2, c 4, d 1, e 1).
     * Next week has the same nodes plus f.
     */
    static final NetworkWeek PREVIOUS = week("2022-05-02", new String[] {"a", "b", "c", "d", "e"},
            "a>b", "a>c", "b>c", "d>c", "c>e");
    static final NetworkWeek NEXT = week("2022-05-09", new String[] {"a", "b", "c", "d", "e", "f"}, "a>b", "d>a", "f>c");

    @Test
    void neighbourhoodHeuristicsMatchHandCounts() {
        NeighbourhoodScorer[] all = NeighbourhoodScorer.all(PREVIOUS);
        int a = 0, b = 1, d = 3, e = 4, f = 5;
        // a and d share c; a and b share c; d and e share c (degree 4 -> 1/ln 4).
        int[] s = {a, a, d, a, f};
        int[] t = {d, b, e, e, a};
        assertThat(scorer(all, "common-neighbours").score(NEXT, s, t)).containsExactly(1, 1, 1, 1, 0);
        double aa = 1 / Math.log(4);
        assertThat(scorer(all, "adamic-adar").score(NEXT, s, t))
                .containsExactly(new double[] {aa, aa, aa, aa, 0}, within(1e-12));
        // |N(a) ∪ N(d)| = |{b, c} ∪ {c}| = 2; |N(a) ∪ N(b)| = |{b, c} ∪ {a, c}| = 3; |{c} ∪ {c}| = 1.
        assertThat(scorer(all, "jaccard").score(NEXT, s, t))
                .containsExactly(new double[] {0.5, 1.0 / 3, 1.0, 0.5, 0}, within(1e-12));
        assertThat(scorer(all, "preferential-attachment").score(NEXT, s, t)).containsExactly(2, 4, 1, 2, 0);
    }

    @Test
    void persistencePredictsLastWeeksDirectedLinks() {
        PersistenceScorer persistence = new PersistenceScorer(PREVIOUS);
        // a -> b persisted, d -> a is new, f -> c has a new node, b -> a is the reverse of a link.
        assertThat(persistence.score(NEXT, new int[] {0, 3, 5, 1}, new int[] {1, 0, 2, 0})).containsExactly(1, 0, 0, 0);
        EvaluationPairs pairs = EvaluationPairs.sample(NEXT, 2, 10, 3, 42);
        assertThat(pairs.positives()).isEqualTo(3);
        assertThat(pairs.negatives()).isEqualTo(6);
        LinkSet links = LinkSet.of(NEXT);
        for (int k = 0; k < pairs.negatives(); k++) {
            assertThat(links.contains(pairs.negativeSources[k], pairs.negativeTargets[k])).isFalse();
            assertThat(pairs.negativeSources[k]).isNotEqualTo(pairs.negativeTargets[k]);
        }
        // The same seed and week give the same sample.
        assertThat(EvaluationPairs.sample(NEXT, 2, 10, 3, 42).negativeTargets).containsExactly(pairs.negativeTargets);
        EvaluationPairs.Scores scores = pairs.score(persistence);
        // One of three positives scores 1; a negative scores 1 only if it was a link last week (k of 6).
        // AUROC = ((6 - k) + k / 2 + 2 * (6 - k) / 2) / 18 = (12 - 1.5 k) / 18.
        double k = java.util.Arrays.stream(persistence.score(NEXT, pairs.negativeSources, pairs.negativeTargets)).sum();
        assertThat(k).isEqualTo(1); // c -> e, with this seed
        assertThat(scores.auroc).isCloseTo((12 - 1.5 * k) / 18, within(1e-12));
    }

    private static NeighbourhoodScorer scorer(NeighbourhoodScorer[] all, String name) {
        for (NeighbourhoodScorer s : all) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException(name);
    }

    static NetworkWeek week(String date, String[] nodes, String... links) {
        WeeklyNetwork.WeeklyNetworkBuilder b = WeeklyNetwork.builder(LocalDate.parse(date));
        for (String id : nodes) {
            b.addNode(id, 100, null, null, Map.of());
        }
        for (String link : links) {
            b.addLink(link.substring(0, 1), link.substring(2), 1);
        }
        return NetworkWeek.of(b.build(), null);
    }
}
