package io.dexposure.analytics.anomaly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The scikit-learn fixture (src/test/python/analyses/anomaly_reference.py): rows 290..299 are planted outliers. */
final class AnomalyFixture {
    static final double[][] X = read();
    static final JsonNode GOLDEN = golden();

    private AnomalyFixture() {
    }

    private static double[][] read() {
        try (InputStream in = AnomalyFixture.class.getResourceAsStream("/analyses/anomaly_fixture.csv")) {
            return Arrays.stream(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim().split("\n"))
                    .map(line -> Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray())
                    .toArray(double[][]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode golden() {
        try (InputStream in = AnomalyFixture.class.getResourceAsStream("/analyses/anomaly_golden.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static double[] column(String name) {
        JsonNode a = GOLDEN.get(name);
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).asDouble();
        }
        return v;
    }

    static int[] top(double[] scores, int k) {
        Integer[] order = new Integer[scores.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        return Arrays.stream(order).limit(k).mapToInt(Integer::intValue).sorted().toArray();
    }

    static double spearman(double[] a, double[] b) {
        double[] ra = AnomalyEnsemble.descendingRanks(a);
        double[] rb = AnomalyEnsemble.descendingRanks(b);
        double ma = Arrays.stream(ra).average().orElse(0);
        double mb = Arrays.stream(rb).average().orElse(0);
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (ra[i] - ma) * (rb[i] - mb);
            saa += (ra[i] - ma) * (ra[i] - ma);
            sbb += (rb[i] - mb) * (rb[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
