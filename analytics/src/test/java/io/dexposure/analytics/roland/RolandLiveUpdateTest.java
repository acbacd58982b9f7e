package io.dexposure.analytics.roland;

import io.dexposure.analytics.linkpred.ModelQuality;

import io.dexposure.analytics.linkpred.EvaluationPairs;
import io.dexposure.analytics.week.NetworkWeek;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RolandLiveUpdateTest {
    private static RolandLiveUpdate live;
    private static final RolandSettings SETTINGS = RolandWeeks.smallSettings();
    private static final int WIDTH = SETTINGS.hidden1() + SETTINGS.hidden2();

    @BeforeAll
    static void open() {
        live = new RolandLiveUpdate(SETTINGS);
    }

    @AfterAll
    static void close() {
        live.close();
    }

    @Test
    void newProtocolsStartAtZeroAbsentOnesKeepTheirStateAndReturningOnesResumeFromIt() throws Exception {
        InMemoryRolandMemory memory = new InMemoryRolandMemory();
        live.process(RolandWeeks.week("2022-05-02", List.of("1", "2", "3", "ETH"), "1>2", "1>ETH", "3>ETH", "2>3"), memory);
        float[] absentBefore = memory.nodeState("3").clone();
        assertThat(memory.protocolsWithState()).isEqualTo(4);

        // Week 2: protocol 3 is absent, 4 is new; four nodes again, but not the same ones.
        live.process(RolandWeeks.week("2022-05-09", List.of("1", "2", "4", "ETH"), "1>2", "1>ETH", "4>ETH", "4>1"), memory);
        assertThat(memory.nodeState("3")).containsExactly(absentBefore);
        assertThat(memory.nodeState("4")).isNotNull();
        RolandStep step = memory.previousStep();
        int four = step.week().indexById().get("4");
        int one = step.week().indexById().get("1");
        assertThat(Arrays.copyOfRange(step.inputStates(), four * WIDTH, (four + 1) * WIDTH)).containsOnly(0f);
        assertThat(Arrays.copyOfRange(step.inputStates(), one * WIDTH, (one + 1) * WIDTH)).isNotEqualTo(new float[WIDTH]);

        // Week 3: 3 returns with the state it left with; a smaller week resets nothing.
        live.process(RolandWeeks.week("2022-05-16", List.of("3", "1", "ETH"), "1>ETH", "3>ETH", "3>1"), memory);
        step = memory.previousStep();
        int three = step.week().indexById().get("3");
        assertThat(Arrays.copyOfRange(step.inputStates(), three * WIDTH, (three + 1) * WIDTH))
                .containsExactly(Arrays.copyOf(absentBefore, WIDTH));
        assertThat(memory.nodeState("3")).isNotEqualTo(absentBefore);
        assertThat(memory.nodeState("2")).isNotNull(); // absent in week 3, kept
        assertThat(memory.protocolsWithState()).isEqualTo(5);
    }

    @Test
    void neverTrainsOnTheWeekItPredictsAndScoresLastWeeksPredictionsBeforeFineTuning() throws Exception {
        List<NetworkWeek> weeks = RolandWeeks.sample(5);
        InMemoryRolandMemory memory = new InMemoryRolandMemory();
        for (int t = 0; t < weeks.size(); t++) {
            NetworkWeek week = weeks.get(t);
            // What the predictions made last week score on this week, computed from the memory before the update.
            RolandParameters before = memory.model() == null ? null : RolandParameters.fromBytes(memory.model());
            double expectedAuroc = Double.NaN;
            if (before != null) {
                EvaluationPairs pairs = EvaluationPairs.sample(week, SETTINGS.negativeRatio, SETTINGS.mrrQueries,
                        SETTINGS.mrrCandidates, SETTINGS.seed);
                expectedAuroc = pairs.score(new RolandLinkScorer(before, memory,
                        PairFeatures.byId(memory.previousStep().week(), SETTINGS.pairFeatures))).auroc;
            }
            WeekUpdate update = live.process(week, memory);
            if (t == 0) {
                assertThat(update.quality()).isEmpty();
                assertThat(update.training().epochs()).isZero();
            } else {
                ModelQuality roland = update.quality().stream().filter(q -> q.model.equals("roland")).findFirst().orElseThrow();
                assertThat(roland.auroc).isEqualTo(expectedAuroc);
                assertThat(roland.week).isEqualTo(week.week);
                assertThat(update.quality()).extracting(q -> q.model).containsExactly("roland", "persistence",
                        "common-neighbours", "adamic-adar", "jaccard", "preferential-attachment");
                // Labels come from the week that just arrived, inputs from the week before: never from the future.
                assertThat(update.training().labelWeek()).isEqualTo(week.week);
                assertThat(update.training().epochs()).isBetween(1, SETTINGS.maxEpochs);
            }
            String next = java.time.LocalDate.parse(week.week).plusWeeks(1).toString();
            assertThat(update.predictions()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.week).isEqualTo(next);
                assertThat(p.madeAt).isEqualTo(week.week);
                assertThat(p.probability).isBetween(0.0, 1.0);
            });
            assertThat(update.predictions().stream().filter(p -> p.kind.equals(LinkPrediction.NEW))).hasSize(SETTINGS.topK);
            assertThat(update.predictions().stream().filter(p -> p.kind.equals(LinkPrediction.PERSISTING)).count())
                    .isEqualTo(Arrays.stream(indices(week)).filter(k -> week.linkSources[k] != week.linkTargets[k]).count());
        }
        // The new exposures are not links of the week they were predicted from.
        NetworkWeek last = weeks.get(weeks.size() - 1);
        java.util.Set<String> links = new java.util.HashSet<>();
        for (int k = 0; k < last.linkCount(); k++) {
            links.add(last.ids[last.linkSources[k]] + ">" + last.ids[last.linkTargets[k]]);
        }
        WeekUpdate again = live.process(RolandWeeks.sample(6).get(5), memory);
        assertThat(again.predictions()).filteredOn(p -> p.kind.equals(LinkPrediction.NEW)).allSatisfy(p ->
                assertThat(p.source).isNotEqualTo(p.target));
    }

    @Test
    void sameWeeksSameSeedSameResultsAndRejectedOrRepeatedWeeksChangeNothing() throws Exception {
        List<NetworkWeek> weeks = RolandWeeks.sample(4);
        InMemoryRolandMemory a = new InMemoryRolandMemory();
        InMemoryRolandMemory b = new InMemoryRolandMemory();
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        for (NetworkWeek w : weeks) {
            first.add(describe(live.process(w, a)));
            second.add(describe(live.process(w, b)));
            assertThat(live.process(NetworkWeek.rejected("2099-01-05"), b).skipped()).isTrue();
            assertThat(live.process(w, b).skipped()).isTrue(); // not after the last week seen
        }
        assertThat(second).isEqualTo(first);
        assertThat(b.model()).isEqualTo(a.model());
    }

    private static int[] indices(NetworkWeek w) {
        return java.util.stream.IntStream.range(0, w.linkCount()).toArray();
    }

    static String describe(WeekUpdate u) {
        StringBuilder s = new StringBuilder(u.week());
        for (ModelQuality q : u.quality()) {
            s.append(' ').append(q.model).append('=').append(q.auroc).append('/').append(q.auprc).append('/').append(q.mrr);
        }
        for (LinkPrediction p : u.predictions()) {
            s.append(' ').append(p.id).append('=').append(p.probability);
        }
        return s.toString();
    }
}
