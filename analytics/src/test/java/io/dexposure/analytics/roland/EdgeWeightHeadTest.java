package io.dexposure.analytics.roland;

import io.dexposure.analytics.linkpred.ModelQuality;
import io.dexposure.analytics.week.NetworkWeek;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EdgeWeightHeadTest {
    @Test
    void ridgeFitRecoversALinearRelation() {
        int width = EdgeWeightHead.width(2);
        EdgeWeightHead.Fit fit = new EdgeWeightHead.Fit(width);
        SplittableRandom random = new SplittableRandom(3);
        double[] truth = {1.5, -2.0, 3.0, 0.5, 4.0, -1.0, 7.0};
        double[] x = new double[width];
        for (int r = 0; r < 2000; r++) {
            float[] source = {(float) random.nextDouble(), (float) random.nextDouble()};
            float[] target = {(float) random.nextDouble(), (float) random.nextDouble()};
            float[] pair = {random.nextBoolean() ? 1f : 0f, (float) random.nextDouble()};
            EdgeWeightHead.features(source, target, pair, Math.expm1(25 * random.nextDouble()), Math.expm1(25 * random.nextDouble()), x);
            double y = 0;
            for (int i = 0; i < width; i++) {
                y += truth[i] * x[i];
            }
            fit.add(x, y);
        }
        float[] w = fit.solve();
        for (int i = 0; i < width; i++) {
            assertThat((double) w[i]).as("coefficient " + i).isCloseTo(truth[i], within(0.05));
        }
        assertThat(new EdgeWeightHead.Fit(width).solve()).isNull();
    }

    @Test
    void liveUpdatePredictsSizesFromTheSecondWeekAndScoresThemFromTheThird() throws Exception {
        List<NetworkWeek> weeks = RolandWeeks.sample(4);
        RolandSettings settings = RolandWeeks.smallSettings();
        InMemoryRolandMemory memory = new InMemoryRolandMemory();
        try (RolandLiveUpdate live = new RolandLiveUpdate(settings)) {
            for (int t = 0; t < weeks.size(); t++) {
                WeekUpdate u = live.process(weeks.get(t), memory);
                ModelQuality roland = u.quality().stream().filter(q -> q.model.equals("roland")).findFirst().orElse(null);
                if (t == 0) {
                    assertThat(u.predictions()).allSatisfy(p -> assertThat(p.logExposure).isNull());
                    continue;
                }
                // Fitted on week t's links as they arrived: every prediction made at t carries a size.
                assertThat(u.predictions()).allSatisfy(p -> {
                    assertThat(p.logExposure).isNotNull();
                    assertThat(p.exposureUsd).isCloseTo(Math.exp(p.logExposure), within(1e-6 * p.exposureUsd));
                });
                if (t == 1) {
                    assertThat(roland.weightMae).isNull(); // no head yet when week 1's predictions were made
                } else {
                    assertThat(roland.weightMae).isNotNull().isPositive();
                    // Better than predicting every link's size as the mean log size of the week.
                    NetworkWeek w = weeks.get(t);
                    double mean = 0;
                    for (double size : w.linkWeights) {
                        mean += Math.log(size);
                    }
                    mean /= w.linkCount();
                    double constant = 0;
                    for (double size : w.linkWeights) {
                        constant += Math.abs(Math.log(size) - mean);
                    }
                    assertThat(roland.weightMae).isLessThan(constant / w.linkCount());
                }
            }
        }
    }
}
