package io.dexposure.analytics.embedding;

import io.dexposure.analytics.anomaly.RobustScaler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The measurement behind the embedding map's thresholds (docs/analyses.md, "Embedding map"): time to embed and
 * cluster synthetic 15-feature weeks by each method, and the map's trustworthiness where it is affordable. Not a
 * regular test (minutes of CPU): run it on purpose with
 * {@code mvn -pl analytics -am test -Dtest=EmbeddingCostsTest -Dembedding.costs=true -Dsurefire.failIfNoSpecifiedTests=false}
 * ({@code -Dembedding.costs.sizes=1000,2000}, {@code -Dembedding.costs.exactMax=2000} and
 * {@code -Dembedding.costs.trustMax=2000} narrow it; {@code -Dembedding.costs.theta=0.8} sets Barnes-Hut's theta).
 */
@EnabledIfSystemProperty(named = "embedding.costs", matches = "true")
class EmbeddingCostsTest {

    /**
     * A synthetic week shaped like the anomaly features: Zipf-sized groups of nodes with similar levels (8
     * dimensions: centres spread with sd 3, members sd 1), changes (7 dimensions) near 0 except for a tenth of the
     * nodes, and a fifth of the nodes nearly identical (isolated tokens with no links: the same row up to 1e-3),
     * robust-scaled and clipped at 10 as the map does.
     */
    static double[][] syntheticWeek(int n, long seed) {
        Random r = new Random(seed);
        int groups = 30;
        double[] weight = new double[groups];
        double total = 0;
        for (int g = 0; g < groups; g++) {
            weight[g] = 1.0 / (g + 1);
            total += weight[g];
        }
        double[][] centre = new double[groups][15];
        for (double[] c : centre) {
            for (int d = 0; d < 8; d++) {
                c[d] = 3 * r.nextGaussian();
            }
        }
        double[][] rows = new double[n][15];
        for (int i = 0; i < n; i++) {
            if (r.nextDouble() < 0.2) {
                for (int d = 0; d < 15; d++) {
                    rows[i][d] = 1e-3 * r.nextGaussian();
                }
                continue;
            }
            double u = r.nextDouble() * total;
            int g = 0;
            while (g < groups - 1 && (u -= weight[g]) > 0) {
                g++;
            }
            boolean moved = r.nextDouble() < 0.1;
            for (int d = 0; d < 15; d++) {
                rows[i][d] = d < 8 ? centre[g][d] + r.nextGaussian() : (moved ? 2 * r.nextGaussian() : 0.05 * r.nextGaussian());
            }
        }
        return RobustScaler.scale(rows, 10);
    }

    private static int[] sizes(String property, String fallback) {
        return Arrays.stream(System.getProperty(property, fallback).split(",")).mapToInt(Integer::parseInt).toArray();
    }

    @Test
    void printTheCostTable() {
        int[] sizes = sizes("embedding.costs.sizes", "1000,2000,5000,11000");
        int exactMax = Integer.parseInt(System.getProperty("embedding.costs.exactMax", "2000"));
        int trustMax = Integer.parseInt(System.getProperty("embedding.costs.trustMax", "2000"));
        double theta = Double.parseDouble(System.getProperty("embedding.costs.theta", String.valueOf(BarnesHutTsne.DEFAULT_THETA)));
        List<String> lines = new ArrayList<>();
        lines.add("| nodes | method | embed + DBSCAN | clusters | noise | trustworthiness (k=5) |");
        lines.add("|---|---|---|---|---|---|");
        // Warm the JIT on a small week so the first row is not charged for it.
        EmbeddingMap.of("w", ids(300), syntheticWeek(300, 1), EmbeddingMap.Settings.defaults().withMaxExactNodes(0).withIterations(300));
        for (int n : sizes) {
            double[][] x = syntheticWeek(n, 7);
            List<String> ids = ids(n);
            long t0 = System.nanoTime();
            BarnesHutTsne.affinities(x, 30);
            System.out.printf(Locale.US, "n=%d: sparse affinities (nearest-neighbour scan + bisection) %.2f s%n", n, (System.nanoTime() - t0) / 1e9);
            for (EmbeddingMap.Method method : EmbeddingMap.Method.values()) {
                if (method == EmbeddingMap.Method.TSNE && n > exactMax) {
                    continue;
                }
                EmbeddingMap.Settings s = switch (method) {
                    case TSNE -> EmbeddingMap.Settings.defaults().withMaxExactNodes(n);
                    case BARNES_HUT -> EmbeddingMap.Settings.defaults().withMaxExactNodes(0).withMaxBarnesHutNodes(n).withTheta(theta);
                    case PCA -> EmbeddingMap.Settings.defaults().withMaxExactNodes(0).withMaxBarnesHutNodes(0);
                };
                EmbeddingMap.Result map = EmbeddingMap.of("w", ids, x, s);
                assertThat(map.method()).isEqualTo(method);
                String trust = n <= trustMax ? String.format(Locale.US, "%.3f", Trustworthiness.of(x, map.xy(), 5)) : "-";
                String label = method == EmbeddingMap.Method.BARNES_HUT ? method.label() + " (theta " + theta + ")" : method.label();
                String line = String.format(Locale.US, "| %,d | %s | %.1f s | %d | %d | %s |", n, label, map.millis() / 1e3,
                        map.clusters(), map.noise(), trust);
                System.out.println(line);
                lines.add(line);
            }
        }
        System.out.println(String.join("\n", lines));
    }

    private static List<String> ids(int n) {
        return IntStream.range(0, n).mapToObj(i -> "n" + i).toList();
    }
}
