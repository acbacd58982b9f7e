package io.dexposure.tools.compare;

import io.dexposure.analytics.linkpred.HorizonPairs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The published protocol's results: one table per horizon (AUPRC, AUROC, MRR per model, mean ± standard
 * deviation over the test weeks) with DeXposure-FM's published numbers on the real data beside them, or one
 * JSON object per (model, horizon).
 */
public final class HorizonTable {
    private HorizonTable() {
    }

    /** DeXposure-FM Table 3 on the real data (AUROC, AUPRC) where this project knows it: model -> horizon -> values. */
    public static final Map<String, Map<Integer, double[]>> PUBLISHED = Map.of(
            "persistence", Map.of(1, new double[] {0.763, 0.604}, 4, new double[] {0.782, 0.635},
                    8, new double[] {0.749, 0.580}, 12, new double[] {0.762, 0.603}),
            "roland", Map.of(1, new double[] {0.961, 0.865}),
            "dexposure-fm", Map.of(1, new double[] {0.995, 0.972}));

    public static void print(PrintStream out, HorizonComparison.Result result) {
        for (int h : result.horizons()) {
            out.printf(Locale.ROOT, "%d week%s ahead%n", h, h == 1 ? "" : "s");
            out.printf(Locale.ROOT, "  %-24s %-15s %-15s %-15s %-6s %s%n", "model", "AUPRC", "AUROC", "MRR", "weeks",
                    "published AUPRC / AUROC (real data)");
            for (Map.Entry<String, Map<Integer, List<HorizonPairs.Score>>> e : result.byModel().entrySet()) {
                List<HorizonPairs.Score> scores = e.getValue().get(h);
                if (scores == null) {
                    continue;
                }
                out.printf(Locale.ROOT, "  %-24s %-15s %-15s %-15s %-6d %s%n", e.getKey(), meanSd(scores, HorizonPairs.Score::auprc),
                        meanSd(scores, HorizonPairs.Score::auroc), meanSd(scores, HorizonPairs.Score::mrr), scores.size(),
                        published(e.getKey(), h));
            }
            double[] fm = PUBLISHED.get("dexposure-fm").get(h);
            if (fm != null) {
                out.printf(Locale.ROOT, "  %-24s %-15s %-15s %-15s %-6s %.3f / %.3f%n", "dexposure-fm", "-", "-", "-", "-", fm[1], fm[0]);
            }
            List<Double> mae = result.rolandWeightMae().get(h);
            if (mae != null && !mae.isEmpty()) {
                double mean = mae.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
                double sd = Math.sqrt(mae.stream().mapToDouble(v -> (v - mean) * (v - mean)).average().orElse(Double.NaN));
                out.printf(Locale.ROOT, "  ROLAND edge weights: MAE of ln(USD) %.2f ± %.2f over %d weeks%s%n", mean, sd, mae.size(),
                        h == 1 ? " (DeXposure-FM on the real data: 2.09)" : "");
            }
            out.println();
        }
    }

    /** One JSON object a line: model, horizon, auroc, auprc, mrr (means), their standard deviations, weeks. */
    public static void printJson(PrintStream out, HorizonComparison.Result result) {
        ObjectMapper mapper = new ObjectMapper();
        for (Map.Entry<String, Map<Integer, List<HorizonPairs.Score>>> e : result.byModel().entrySet()) {
            for (Map.Entry<Integer, List<HorizonPairs.Score>> byHorizon : e.getValue().entrySet()) {
                List<HorizonPairs.Score> s = byHorizon.getValue();
                ObjectNode o = mapper.createObjectNode();
                o.put("model", e.getKey());
                o.put("horizon", byHorizon.getKey());
                o.put("auroc", mean(s, HorizonPairs.Score::auroc));
                o.put("auprc", mean(s, HorizonPairs.Score::auprc));
                o.put("mrr", mean(s, HorizonPairs.Score::mrr));
                o.put("aurocSd", sd(s, HorizonPairs.Score::auroc));
                o.put("auprcSd", sd(s, HorizonPairs.Score::auprc));
                o.put("mrrSd", sd(s, HorizonPairs.Score::mrr));
                o.put("weeks", s.size());
                List<Double> mae = e.getKey().equals("roland") ? result.rolandWeightMae().get(byHorizon.getKey()) : null;
                if (mae != null && !mae.isEmpty()) {
                    o.put("weightMae", mae.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN));
                }
                out.println(o.toString());
            }
        }
    }

    private static String published(String model, int horizon) {
        Map<Integer, double[]> m = PUBLISHED.get(model);
        double[] v = m == null ? null : m.get(horizon);
        return v == null ? "" : String.format(Locale.ROOT, "%.3f / %.3f", v[1], v[0]);
    }

    static double mean(List<HorizonPairs.Score> scores, ToDoubleFunction<HorizonPairs.Score> metric) {
        return scores.stream().mapToDouble(metric).average().orElse(Double.NaN);
    }

    /** Population standard deviation over the test weeks. */
    static double sd(List<HorizonPairs.Score> scores, ToDoubleFunction<HorizonPairs.Score> metric) {
        double mean = mean(scores, metric);
        return Math.sqrt(scores.stream().mapToDouble(metric).map(v -> (v - mean) * (v - mean)).average().orElse(Double.NaN));
    }

    private static String meanSd(List<HorizonPairs.Score> scores, ToDoubleFunction<HorizonPairs.Score> metric) {
        return String.format(Locale.ROOT, "%.3f ± %.3f", mean(scores, metric), sd(scores, metric));
    }
}
