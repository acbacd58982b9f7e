package io.dexposure.analytics.phase;

import io.dexposure.analytics.alerts.AlertThresholds;
import io.dexposure.analytics.alerts.ChangePointDetector;
import io.dexposure.analytics.metrics.WeekMetrics;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class PhaseTransitionsTest {
    /** 30 weeks from 2022-01-03: curvature wobbles around -0.1 then drops to -0.5 from week 20 (2022-05-23). */
    private static List<WeekMetrics> weeks() {
        List<WeekMetrics> weeks = new ArrayList<>();
        for (int k = 0; k < 30; k++) {
            WeekMetrics m = new WeekMetrics();
            m.week = LocalDate.of(2022, 1, 3).plusWeeks(k).toString();
            m.curvatureMean = (k < 20 ? -0.1 : -0.5) + 0.01 * ((k * 7) % 5 - 2);
            m.exposureEntropy = 3.0 + 0.001 * k;
            m.entropyRate = k == 5 ? Double.NaN : 1.0;
            weeks.add(m);
        }
        return weeks;
    }

    @Test
    void changePointsAreTheRegimeRulesOwn() {
        AlertThresholds t = AlertThresholds.defaults();
        List<PhaseTransitions.Series> series = PhaseTransitions.series(weeks(), PhaseTransitions.DEFAULT_METRICS.subList(0, 3), t);
        PhaseTransitions.Series curvature = series.get(0);
        assertThat(curvature.changePoints()).containsExactly("2022-05-23");
        // The same detector fed by hand gives the same weeks.
        ChangePointDetector d = new ChangePointDetector();
        List<String> byHand = new ArrayList<>();
        for (WeekMetrics m : weeks()) {
            if (d.update(m.curvatureMean, t.integer("regime-change.warmup-weeks"), t.number("regime-change.drift"),
                    t.number("regime-change.threshold")) != null) {
                byHand.add(m.week);
            }
        }
        assertThat(curvature.changePoints()).isEqualTo(byHand);
        assertThat(series.get(2).values()[5]).isNaN();
    }

    @Test
    void theWholeSeriesMethodFindsAShiftTheWarmUpHidesAndSaysSo() {
        // The drop moved into the warm-up (week 4 of 30), with Gaussian wobble.
        List<WeekMetrics> early = weeks();
        java.util.SplittableRandom random = new java.util.SplittableRandom(4);
        for (int k = 0; k < early.size(); k++) {
            early.get(k).curvatureMean = (k < 4 ? -0.1 : -0.5) + 0.01 * random.nextGaussian();
        }
        AlertThresholds t = AlertThresholds.defaults();
        PhaseTransitions.Series rule = PhaseTransitions.series(early, List.of("curvatureMean"), t).get(0);
        PhaseTransitions.Series offline = PhaseTransitions.series(early, List.of("curvatureMean"), t,
                PhaseTransitions.Method.WHOLE_SERIES_CUSUM).get(0);
        assertThat(rule.changePoints()).isEmpty();
        assertThat(rule.method()).isEqualTo(PhaseTransitions.Method.RULE_CUSUM);
        assertThat(offline.changePoints()).containsExactly("2022-01-31");
        assertThat(offline.method().description()).contains("whole series").contains("no warm-up");
        // The straight exposure entropy and the constant entropy rate (one week missing) stay quiet.
        List<PhaseTransitions.Series> all = PhaseTransitions.series(early, PhaseTransitions.DEFAULT_METRICS.subList(0, 3), t,
                PhaseTransitions.Method.WHOLE_SERIES_CUSUM);
        assertThat(all.get(1).changePoints()).isEmpty();
        assertThat(all.get(2).changePoints()).isEmpty();
    }

    @Test
    void crisisAgainstTheWeeksAroundIt() {
        List<PhaseTransitions.Series> series = PhaseTransitions.series(weeks(), PhaseTransitions.DEFAULT_METRICS.subList(0, 3),
                AlertThresholds.defaults());
        PhaseTransitions.Comparison c = PhaseTransitions.compare(series, List.of(new PhaseTransitions.Period("drop",
                LocalDate.of(2022, 5, 23), LocalDate.of(2022, 5, 30))), 4).get(0);
        assertThat(c.weeksBefore()).isEqualTo(4);
        assertThat(c.weeksAfter()).isEqualTo(4);
        // Before: weeks 16..19, during 20..21, after 22..25.
        double before = 0;
        double after = 0;
        for (int k = 16; k < 20; k++) {
            before += weeks().get(k).curvatureMean / 4;
        }
        for (int k = 22; k < 26; k++) {
            after += weeks().get(k).curvatureMean / 4;
        }
        assertThat(c.before()[0]).isCloseTo(before, offset(1e-12));
        assertThat(c.after()[0]).isCloseTo(after, offset(1e-12));
        assertThat(c.during()[1]).isCloseTo(3.0 + 0.001 * 20.5, offset(1e-12));
        assertThat(c.changePointsNear()).containsExactly("curvatureMean 2022-05-23");
    }

    @Test
    void unknownMetricIsNamed() {
        assertThatThrownBy(() -> PhaseTransitions.series(weeks(), List.of("curvature"), AlertThresholds.defaults()))
                .hasMessageContaining("'curvature' is not a weekly metric");
    }
}
