package io.dexposure.analytics.phase;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dexposure.analytics.alerts.AlertThresholds;
import io.dexposure.analytics.alerts.ChangePointDetector;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Against the NumPy reference (src/test/python/analyses/phase_reference.py) on the shipped sample's phase metrics and
 * on seeded synthetic series, and the behaviour the report relies on: a planted shift lands on its week, also inside
 * the rule's warm-up, and a flat noisy series has none.
 */
class WholeSeriesCusumTest {
    private static final AlertThresholds RULE = AlertThresholds.defaults();
    private static final double DRIFT = RULE.number("regime-change.drift");
    private static final double THRESHOLD = RULE.number("regime-change.threshold");
    private static JsonNode golden;
    private static Map<String, double[]> sample;
    private static List<String> sampleWeeks;
    private static Map<String, double[]> synthetic;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = WholeSeriesCusumTest.class.getResourceAsStream("/phase/phase_golden.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        sampleWeeks = new ArrayList<>();
        sample = columns("/phase/sample_metrics.csv", sampleWeeks);
        synthetic = columns("/phase/synthetic.csv", null);
    }

    /** Columns of a CSV with a header; with {@code firstColumn} given, the first column is text and goes there. */
    private static Map<String, double[]> columns(String resource, List<String> firstColumn) throws IOException {
        try (InputStream in = WholeSeriesCusumTest.class.getResourceAsStream(resource)) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split("\n");
            String[] header = lines[0].split(",");
            int from = firstColumn == null ? 0 : 1;
            Map<String, double[]> out = new LinkedHashMap<>();
            for (int c = from; c < header.length; c++) {
                out.put(header[c], new double[lines.length - 1]);
            }
            for (int r = 1; r < lines.length; r++) {
                String[] cells = lines[r].split(",");
                if (firstColumn != null) {
                    firstColumn.add(cells[0]);
                }
                for (int c = from; c < header.length; c++) {
                    out.get(header[c])[r - 1] = Double.parseDouble(cells[c]);
                }
            }
            return out;
        }
    }

    @Test
    void matchesTheNumpyReferenceOnTheSampleAndTheSyntheticSeries() {
        assertThat(golden.get("drift").asDouble()).isEqualTo(DRIFT);
        assertThat(golden.get("threshold").asDouble()).isEqualTo(THRESHOLD);
        int compared = 0;
        for (var part : List.of(Map.entry("sample", sample), Map.entry("synthetic", synthetic))) {
            for (var series : part.getValue().entrySet()) {
                JsonNode expected = golden.get(part.getKey()).get(series.getKey());
                WholeSeriesCusum.Result r = WholeSeriesCusum.find(series.getValue(), DRIFT, THRESHOLD);
                String what = part.getKey() + " " + series.getKey();
                List<Integer> points = new ArrayList<>();
                expected.get("change_points").forEach(p -> points.add(p.asInt()));
                assertThat(r.changePoints()).as(what).isEqualTo(points);
                assertThat(r.median()).as(what).isCloseTo(expected.get("median").asDouble(), within(1e-12));
                assertThat(r.scale()).as(what).isCloseTo(expected.get("scale").asDouble(), within(1e-12));
                for (int t = 0; t < r.statistics().length; t++) {
                    JsonNode s = expected.get("statistics").get(t);
                    if (s.isNull()) {
                        assertThat(r.statistics()[t]).as("%s week %d", what, t).isNaN();
                    } else {
                        assertThat(r.statistics()[t]).as("%s week %d", what, t).isCloseTo(s.asDouble(), within(1e-9));
                    }
                }
                compared++;
            }
        }
        assertThat(compared).isEqualTo(9);
    }

    @Test
    void onTheSampleTheTerraWeekIsAChangePointWhichTheRulesWarmUpHides() {
        double[] hhi = sample.get("tvlHhi");
        List<String> offline = WholeSeriesCusum.find(hhi, DRIFT, THRESHOLD).changePoints().stream().map(sampleWeeks::get).toList();
        assertThat(offline).first().isEqualTo("2022-05-09");
        // The rule, streaming, is still learning its baseline in the Terra weeks (warm-up 8: the sample's 4th week on).
        ChangePointDetector rule = new ChangePointDetector();
        for (int t = 0; t < 8; t++) {
            assertThat(rule.update(hhi[t], RULE.integer("regime-change.warmup-weeks"), DRIFT, THRESHOLD)).isNull();
        }
        // Curvature and the two entropies have no week out of their usual swing: no change points, offline either.
        for (String calm : List.of("curvatureMean", "exposureEntropy", "entropyRate")) {
            assertThat(WholeSeriesCusum.find(sample.get(calm), DRIFT, THRESHOLD).changePoints()).as(calm).isEmpty();
        }
    }

    @Test
    void aPlantedShiftLandsOnItsWeekEvenInsideTheWarmUp() {
        for (int shiftAt : new int[] {3, 5, 20, 35}) {
            SplittableRandom random = new SplittableRandom(shiftAt);
            double[] v = new double[40];
            for (int t = 0; t < v.length; t++) {
                v[t] = (t >= shiftAt ? 2.5 : 0) + 0.1 * random.nextGaussian();
            }
            assertThat(WholeSeriesCusum.find(v, DRIFT, THRESHOLD).changePoints()).as("shift at %d", shiftAt)
                    .containsExactly(shiftAt);
            // Downwards too.
            for (int t = 0; t < v.length; t++) {
                v[t] = -v[t];
            }
            assertThat(WholeSeriesCusum.find(v, DRIFT, THRESHOLD).changePoints()).as("drop at %d", shiftAt)
                    .containsExactly(shiftAt);
        }
    }

    @Test
    void flatNoisyTrendingAndStraightSeriesHaveNone() {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            double[] noise = new double[104];
            double[] trend = new double[104];
            double[] walk = new double[104];
            for (int t = 0; t < noise.length; t++) {
                noise[t] = 5 + random.nextGaussian();
                trend[t] = 0.3 * t + random.nextGaussian();
                walk[t] = (t == 0 ? 0 : walk[t - 1]) + random.nextGaussian();
            }
            assertThat(WholeSeriesCusum.find(noise, DRIFT, THRESHOLD).changePoints()).as("noise, seed %d", seed).isEmpty();
            assertThat(WholeSeriesCusum.find(trend, DRIFT, THRESHOLD).changePoints()).as("trend, seed %d", seed).isEmpty();
            assertThat(WholeSeriesCusum.find(walk, DRIFT, THRESHOLD).changePoints()).as("random walk, seed %d", seed).isEmpty();
        }
        double[] line = new double[50];
        for (int t = 0; t < line.length; t++) {
            line[t] = 0.1 + 0.01 * t;
        }
        WholeSeriesCusum.Result straight = WholeSeriesCusum.find(line, DRIFT, THRESHOLD);
        assertThat(straight.changePoints()).isEmpty();
        assertThat(straight.scale()).as("rounding is no spread").isZero();
        assertThat(WholeSeriesCusum.find(new double[] {1, Double.NaN, 2}, DRIFT, THRESHOLD).changePoints()).isEmpty();
    }
}
