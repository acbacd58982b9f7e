package io.dexposure.tools.compare;

import io.dexposure.analytics.linkpred.ModelQuality;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The comparison as one table: AUPRC, AUROC and MRR per model, mean ± standard deviation over the test weeks. */
public final class ComparisonTable {
    private ComparisonTable() {
    }

    public static void print(PrintStream out, ModelComparison.Result result) {
        out.printf(Locale.ROOT, "%-24s %-17s %-17s %-17s %s%n", "model", "AUPRC", "AUROC", "MRR", "weeks");
        for (Map.Entry<String, List<ModelQuality>> e : result.byModel().entrySet()) {
            List<ModelQuality> q = e.getValue();
            out.printf(Locale.ROOT, "%-24s %-17s %-17s %-17s %d%n", e.getKey(), spread(q, m -> m.auprc),
                    spread(q, m -> m.auroc), spread(q, m -> m.mrr), q.size());
        }
        out.println("Published on the real data (DeXposure-FM, one week ahead): ROLAND AUROC 0.961 / AUPRC 0.865; "
                + "persistence AUROC 0.763 / AUPRC 0.604.");
        List<Double> steps = result.rolandStepMillis();
        if (!steps.isEmpty()) {
            out.printf(Locale.ROOT, "ROLAND per week (fine-tune + state update + predict): mean %.0f ms, max %.0f ms over %d weeks%n",
                    steps.stream().mapToDouble(d -> d).average().orElse(0), steps.stream().mapToDouble(d -> d).max().orElse(0),
                    steps.size());
        }
    }

    /** "mean ± sd" (population standard deviation over the weeks). */
    static String spread(List<ModelQuality> records, ToDoubleFunction<ModelQuality> metric) {
        double[] v = records.stream().mapToDouble(metric).filter(d -> !Double.isNaN(d)).toArray();
        if (v.length == 0) {
            return "-";
        }
        double mean = java.util.Arrays.stream(v).average().orElse(0);
        double var = java.util.Arrays.stream(v).map(d -> (d - mean) * (d - mean)).sum() / v.length;
        return String.format(Locale.ROOT, "%.3f ± %.3f", mean, Math.sqrt(var));
    }
}
