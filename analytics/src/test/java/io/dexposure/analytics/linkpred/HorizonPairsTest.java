package io.dexposure.analytics.linkpred;

import io.dexposure.analytics.network.WeeklyNetwork;
import io.dexposure.analytics.week.NetworkWeek;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HorizonPairsTest {
    /** A week with the given nodes and links "a>b". */
    static NetworkWeek week(String date, List<String> nodes, String... links) {
        WeeklyNetwork.WeeklyNetworkBuilder b = WeeklyNetwork.builder(LocalDate.parse(date));
        int i = 0;
        for (String id : nodes) {
            b.addNode(id, 1000.0 * (++i), "name-" + id, "Lending", Map.of("ETH", 10.0 * i));
        }
        for (String link : links) {
            String[] ends = link.split(">");
            b.addLink(ends[0], ends[1], 10);
        }
        return NetworkWeek.of(b.build(), null);
    }

    @Test
    void positivesAreTheTargetWeeksLinksBetweenNodesPresentAtThePredictionWeekNegativesFiveNonLinksEach() {
        NetworkWeek source = week("2022-05-02", List.of("a", "b", "c", "e", "f"), "a>b", "b>c", "e>a");
        // d is new at the target week: its link is not a positive; e has left; c>c is a self-loop; f has no link.
        NetworkWeek target = week("2022-05-30", List.of("a", "b", "c", "d", "f"), "a>b", "a>c", "d>a", "c>c");
        HorizonPairs pairs = HorizonPairs.sample(source, target, 4, 5, 10, 3, 42);
        assertThat(pairs.positives()).isEqualTo(2);
        assertThat(names(target, pairs.positiveSources, pairs.positiveTargets)).containsExactlyInAnyOrder("a>b", "a>c");
        assertThat(pairs.negatives()).isEqualTo(10);
        LinkSet links = LinkSet.of(target);
        Set<String> present = Set.of("a", "b", "c", "f");
        for (int k = 0; k < pairs.negatives(); k++) {
            int s = pairs.negativeSources[k];
            int t = pairs.negativeTargets[k];
            assertThat(s).isNotEqualTo(t);
            assertThat(links.contains(s, t)).isFalse();
            assertThat(present).contains(target.ids[s], target.ids[t]);
        }
        // MRR: each group is a positive then non-link targets of the same holder.
        assertThat(pairs.mrrSources).hasSize(2 * 4);
        for (int g = 0; g < 2; g++) {
            assertThat(links.contains(pairs.mrrSources[g * 4], pairs.mrrTargets[g * 4])).isTrue();
            for (int c = 1; c < 4; c++) {
                assertThat(pairs.mrrSources[g * 4 + c]).isEqualTo(pairs.mrrSources[g * 4]);
                assertThat(links.contains(pairs.mrrSources[g * 4 + c], pairs.mrrTargets[g * 4 + c])).isFalse();
            }
        }
        // Persistence from the source week: a>b scores 1, a>c 0; of the negatives only b>c was a link at the source.
        int k = 0;
        for (String n : names(target, pairs.negativeSources, pairs.negativeTargets)) {
            if (n.equals("b>c")) {
                k++;
            }
        }
        HorizonPairs.Score score = pairs.score(new PersistenceScorer(source));
        // Pairs won by a positive (ties half): a>b beats the 10-k zeros and ties the k ones; a>c ties the 10-k zeros.
        assertThat(score.auroc()).isCloseTo((15 - k) / 20.0, within(1e-12));
        // Average precision: threshold 1 holds a>b and the k b>c negatives, threshold 0 the rest.
        assertThat(score.auprc()).isCloseTo(0.5 * (1.0 / (1 + k)) + 0.5 * (2.0 / 12), within(1e-12));
        assertThat(score.horizon()).isEqualTo(4);
        assertThat(score.week()).isEqualTo("2022-05-30");
        // Seeded by target week and horizon.
        HorizonPairs again = HorizonPairs.sample(source, target, 4, 5, 10, 3, 42);
        assertThat(again.negativeTargets).containsExactly(pairs.negativeTargets);
    }

    @Test
    void linksThatAllPersistScorePerfectlyForPersistence() {
        List<String> nodes = List.of("a", "b", "c", "d", "e", "f");
        String[] links = {"a>b", "a>c", "b>d", "e>f", "f>a"};
        HorizonPairs pairs = HorizonPairs.sample(week("2022-05-02", nodes, links), week("2022-05-09", nodes, links), 1, 5, 10, 3, 1);
        HorizonPairs.Score score = pairs.score(new PersistenceScorer(week("2022-05-02", nodes, links)));
        assertThat(score.auroc()).isEqualTo(1.0);
        assertThat(score.auprc()).isEqualTo(1.0);
        assertThat(score.mrr()).isEqualTo(1.0);
        assertThat(score.negatives()).isEqualTo(25);
    }

    private static List<String> names(NetworkWeek w, int[] s, int[] t) {
        return java.util.stream.IntStream.range(0, s.length).mapToObj(k -> w.ids[s[k]] + ">" + w.ids[t[k]]).toList();
    }
}
