package io.dexposure.analytics.linkpred;

import io.dexposure.analytics.network.WeeklyNetwork;
import io.dexposure.analytics.week.NetworkWeek;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The static GCN and GAT baselines learn a persisting structure and are deterministic. */
class StaticGnnLinkScorerTest {
    private static final ChronologicalSplit SPLIT = new ChronologicalSplit(6, 1, 3);

    @Test
    void staticGcnBeatsRandomAndRepeatsItself() {
        List<NetworkWeek> history = history(SPLIT.weeks());
        StaticGnnLinkScorer.Settings settings = StaticGnnLinkScorer.Settings.defaults(42).small(15);
        StaticGcnLinkScorer first = new StaticGcnLinkScorer(history, SPLIT, settings);
        assertBeatsRandomAndRepeats(history, first, new StaticGcnLinkScorer(history, SPLIT, settings));
        assertThat(first.training().trainWeeks()).isEqualTo(5);
        assertThat(first.training().validationWeeks()).isEqualTo(1);
        assertThat(first.training().bestEpoch()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void gatBeatsRandomAndRepeatsItself() {
        List<NetworkWeek> history = history(SPLIT.weeks());
        StaticGnnLinkScorer.Settings settings = StaticGnnLinkScorer.Settings.defaults(42).small(15);
        assertBeatsRandomAndRepeats(history, new GatLinkScorer(history, SPLIT, settings),
                new GatLinkScorer(history, SPLIT, settings));
    }

    private static void assertBeatsRandomAndRepeats(List<NetworkWeek> history, StaticGnnLinkScorer scorer,
                                                    StaticGnnLinkScorer again) {
        for (int i = SPLIT.firstTest(); i < history.size(); i++) {
            NetworkWeek week = history.get(i);
            EvaluationPairs pairs = EvaluationPairs.sample(week, 1, 20, 10, 42);
            ModelQuality q = pairs.quality(scorer);
            assertThat(q.auroc).as("%s AUROC on %s", scorer.name(), week.week).isGreaterThan(0.6);
            assertThat(again.score(week, pairs.negativeSources, pairs.negativeTargets))
                    .containsExactly(scorer.score(week, pairs.negativeSources, pairs.negativeTargets));
        }
    }

    /**
     * 40 protocols over {@code weeks} weeks: a few hubs (high TVL) that most links point to, a fixed set of
     * links of which 90% persist each week, and a few new random links a week.
     */
    static List<NetworkWeek> history(int weeks) {
        SplittableRandom random = new SplittableRandom(5);
        int n = 40;
        int hubs = 5;
        List<int[]> base = new ArrayList<>();
        for (int k = 0; k < 90; k++) {
            int s = hubs + random.nextInt(n - hubs);
            int t = random.nextDouble() < 0.8 ? random.nextInt(hubs) : hubs + random.nextInt(n - hubs);
            if (s != t) {
                base.add(new int[] {s, t});
            }
        }
        List<NetworkWeek> history = new ArrayList<>();
        LocalDate date = LocalDate.parse("2022-01-03");
        for (int w = 0; w < weeks; w++) {
            WeeklyNetwork.WeeklyNetworkBuilder b = WeeklyNetwork.builder(date.plusWeeks(w));
            for (int i = 0; i < n; i++) {
                double tvl = i < hubs ? 1e9 * (i + 1) : 1e5 * (1 + random.nextInt(100));
                b.addNode("p" + i, tvl, "name-" + i, i < hubs ? "Dexes" : "Lending", Map.of("ETH", tvl / 2, "USDC", tvl / 2));
            }
            for (int[] link : base) {
                if (random.nextDouble() < 0.9) {
                    b.addLink("p" + link[0], "p" + link[1], 10);
                }
            }
            for (int k = 0; k < 5; k++) {
                int s = random.nextInt(n);
                int t = random.nextInt(n);
                if (s != t) {
                    b.addLink("p" + s, "p" + t, 10);
                }
            }
            history.add(NetworkWeek.of(b.build(), null));
        }
        return history;
    }
}
