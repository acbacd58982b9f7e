package io.dexposure.tools.cli;

import io.dexposure.analytics.linkpred.ModelQuality;
import io.dexposure.analytics.roland.RolandLiveUpdate;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** ROLAND's live link-prediction quality per week, beside persistence and Adamic-Adar, as the demo prints it. */
public final class ModelQualityTable {
    private ModelQualityTable() {
    }

    public static void print(PrintStream out, List<ModelQuality> records) {
        Map<String, Map<String, ModelQuality>> byWeek = new TreeMap<>();
        for (ModelQuality q : records) {
            byWeek.computeIfAbsent(q.week, w -> new TreeMap<>()).put(q.model, q);
        }
        if (byWeek.isEmpty()) {
            out.println("No model-quality records (ROLAND off, or fewer than two weeks).");
            return;
        }
        out.println("Next-week link prediction, live (each week scores the predictions made the week before):");
        out.println(String.format(Locale.ROOT, "%-10s | %-26s %6s %7s | %-14s | %-14s", "week", "ROLAND AUROC AUPRC  MRR",
                "epochs", "step ms", "persist. AUROC", "Adamic-Adar"));
        double[] sums = new double[5];
        int n = 0;
        for (Map.Entry<String, Map<String, ModelQuality>> e : byWeek.entrySet()) {
            ModelQuality r = e.getValue().get(RolandLiveUpdate.MODEL);
            ModelQuality p = e.getValue().get("persistence");
            ModelQuality a = e.getValue().get("adamic-adar");
            if (r == null) {
                continue;
            }
            out.println(String.format(Locale.ROOT, "%-10s | %12.3f %6.3f %6.3f %6s %7s | %14s | %14s", e.getKey(), r.auroc,
                    r.auprc, r.mrr, r.epochs == null ? "-" : r.epochs.toString(), r.stepMillis == null ? "-" : r.stepMillis.toString(),
                    p == null ? "-" : String.format(Locale.ROOT, "%.3f", p.auroc),
                    a == null ? "-" : String.format(Locale.ROOT, "%.3f", a.auroc)));
            sums[0] += r.auroc;
            sums[1] += r.auprc;
            sums[2] += r.mrr;
            sums[3] += p == null ? Double.NaN : p.auroc;
            sums[4] += a == null ? Double.NaN : a.auroc;
            n++;
        }
        out.println(String.format(Locale.ROOT, "%-10s | %12.3f %6.3f %6.3f %6s %7s | %14.3f | %14.3f", "mean", sums[0] / n,
                sums[1] / n, sums[2] / n, "", "", sums[3] / n, sums[4] / n));
    }
}
