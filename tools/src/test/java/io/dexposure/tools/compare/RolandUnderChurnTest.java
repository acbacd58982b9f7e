package io.dexposure.tools.compare;

import io.dexposure.analytics.linkpred.ChronologicalSplit;
import io.dexposure.analytics.linkpred.HorizonPairs;
import io.dexposure.analytics.linkpred.LinkChurnTest;

import io.dexposure.analytics.roland.RolandSettings;
import io.dexposure.analytics.week.NetworkWeek;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ROLAND earns its place where links churn: on the shipped sample's first weeks with links churned to the real
 * data's persistence (~0.53), under the published protocol one week ahead, its AUPRC is above persistence's and
 * every neighbourhood heuristic's. Also: the protocol scores every test week at every horizon it can reach.
 */
class RolandUnderChurnTest {
    @Test
    void rolandBeatsPersistenceAndEveryHeuristicOneWeekAheadOnAChurningHistory() throws Exception {
        List<NetworkWeek> weeks = LinkChurnTest.churnedSample(12);
        RolandSettings settings = new RolandSettings();
        settings.mrrQueries = 200;
        settings.mrrCandidates = 20;
        settings.topK = 10;
        ChronologicalSplit split = new ChronologicalSplit(7, 1, 4);
        HorizonComparison.Result result = HorizonComparison.run(weeks, split, settings, 5, List.of(1, 10),
                new HorizonComparison.Baselines(null, null, null), line -> { });
        Map<String, Map<Integer, List<HorizonPairs.Score>>> byModel = result.byModel();
        assertThat(byModel.keySet()).containsExactly("roland", "persistence", "common-neighbours", "adamic-adar", "jaccard",
                "preferential-attachment");
        double roland = HorizonTable.mean(byModel.get("roland").get(1), HorizonPairs.Score::auprc);
        for (String model : byModel.keySet()) {
            assertThat(byModel.get(model).get(1)).hasSize(4);
            // 10 weeks ahead reaches back from test weeks 10 and 11 only (test weeks 8 and 9 would need weeks -2, -1).
            assertThat(byModel.get(model).get(10)).hasSize(2);
            if (!model.equals("roland")) {
                double other = HorizonTable.mean(byModel.get(model).get(1), HorizonPairs.Score::auprc);
                System.out.printf("h=1 AUPRC roland %.3f, %s %.3f%n", roland, model, other);
                assertThat(roland).as("ROLAND's AUPRC against " + model).isGreaterThan(other);
            }
        }
    }
}
