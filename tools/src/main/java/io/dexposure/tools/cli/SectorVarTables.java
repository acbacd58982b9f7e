package io.dexposure.tools.cli;

import io.dexposure.analytics.sectors.IrfBandMethod;
import io.dexposure.analytics.sectors.SectorVarAnalysis;

import java.util.List;
import java.util.Locale;

/** The {@code sectors} command's text output: flows, lag choice, coefficients, IRFs, Granger. */
final class SectorVarTables {
    private SectorVarTables() {
    }

    static String render(SectorVarAnalysis.Result r) {
        StringBuilder b = new StringBuilder();
        List<String> s = r.sectors();
        int k = s.size();
        String[] short_ = new String[k];
        for (int i = 0; i < k; i++) {
            short_[i] = s.get(i).length() > 14 ? s.get(i).substring(0, 14) : s.get(i);
        }
        b.append(String.format(Locale.US, "Net inflow by sector, USD bn (%d weeks, %s .. %s)%n", r.weeks().size(),
                r.weeks().get(0), r.weeks().get(r.weeks().size() - 1)));
        b.append(String.format("%-10s", "week"));
        for (String n : short_) {
            b.append(String.format(" %14s", n));
        }
        b.append('\n');
        for (int t = 0; t < r.weeks().size(); t++) {
            b.append(String.format("%-10s", r.weeks().get(t)));
            for (int j = 0; j < k; j++) {
                b.append(String.format(Locale.US, " %14.3f", r.flowsBillions()[t][j]));
            }
            b.append('\n');
        }
        if (!r.droppedSectors().isEmpty()) {
            b.append("left out (flow never changes): ").append(r.droppedSectors()).append('\n');
        }
        b.append(String.format("%nLag selection (common sample; * = smallest)%n%-4s %12s %12s %12s %12s%n", "lag", "AIC", "BIC", "HQIC", "FPE"));
        for (int p = 0; p < r.criteria().length; p++) {
            b.append(String.format("%-4d", p));
            for (int c = 0; c < 4; c++) {
                boolean best = true;
                for (double[] other : r.criteria()) {
                    best &= r.criteria()[p][c] <= other[c];
                }
                b.append(String.format(Locale.US, " %11.4f%s", r.criteria()[p][c], best ? "*" : " "));
            }
            b.append('\n');
        }
        b.append(String.format(Locale.US, "%s chose %d; fitted VAR(%d) on %d weeks, AIC %.4f, BIC %.4f%n",
                r.criterion().toUpperCase(Locale.ROOT), r.selectedLag(), r.lag(), r.nobs(), r.aic(), r.bic()));

        b.append(String.format("%nCoefficients (equation = column; coefficient, standard error in brackets, * |t| > 2)%n%-22s", "regressor"));
        for (String n : short_) {
            b.append(String.format(" %22s", n));
        }
        b.append('\n');
        for (int row = 0; row < r.params().length; row++) {
            String name = row == 0 ? "const" : "L" + ((row - 1) / k + 1) + "." + short_[(row - 1) % k];
            b.append(String.format("%-22s", name));
            for (int j = 0; j < k; j++) {
                double c = r.params()[row][j];
                double se = r.stderr()[row][j];
                b.append(String.format(Locale.US, " %11.4f (%7.4f)%s", c, se, Math.abs(c) > 2 * se ? "*" : " "));
            }
            b.append('\n');
        }

        String band = r.irfBandMethod() == null ? "no bands"
                : r.irfBandMethod() == IrfBandMethod.BOOTSTRAP
                ? String.format(Locale.US, "%.0f%% bootstrap band, %d draws", 100 * (1 - r.alpha()), r.bootstrapDraws())
                : String.format(Locale.US, "%.0f%% asymptotic band, delta method", 100 * (1 - r.alpha()));
        b.append(String.format(Locale.US, "%nOrthogonalised impulse responses, USD bn per one-s.d. shock [%s]%n", band));
        for (int imp = 0; imp < k; imp++) {
            b.append(String.format("shock in %s%n%-5s", s.get(imp), "step"));
            for (String n : short_) {
                b.append(String.format(" %28s", n));
            }
            b.append('\n');
            for (int h = 0; h < r.irf().length; h++) {
                b.append(String.format("%-5d", h));
                for (int resp = 0; resp < k; resp++) {
                    if (r.irfLower() == null) {
                        b.append(String.format(Locale.US, " %8.3f %18s", r.irf()[h][resp][imp], ""));
                        continue;
                    }
                    double lo = r.irfLower()[h][resp][imp];
                    double hi = r.irfUpper()[h][resp][imp];
                    boolean significant = lo > 0 || hi < 0;
                    b.append(String.format(Locale.US, " %8.3f [%7.3f,%7.3f]%s", r.irf()[h][resp][imp], lo, hi,
                            significant ? "*" : " "));
                }
                b.append('\n');
            }
        }

        b.append(String.format("%nGranger causality p-values (row caused by column; F test)%n%-16s", ""));
        for (String n : short_) {
            b.append(String.format(" %14s", n));
        }
        b.append('\n');
        for (int caused = 0; caused < k; caused++) {
            b.append(String.format("%-16s", short_[caused]));
            for (int causing = 0; causing < k; causing++) {
                b.append(caused == causing ? String.format(" %14s", "-")
                        : String.format(Locale.US, " %14.4f", r.grangerP()[caused][causing]));
            }
            b.append('\n');
        }
        return b.toString();
    }
}
