package io.dexposure.analytics.sectors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An analyst's window of weekly sector flows through a VAR: which sectors (named, or the largest by
 * mean TVL), their weekly net inflow in USD billions as the series, lag by AIC or BIC on a common
 * sample, then coefficients, orthogonalised impulse responses with confidence bands (asymptotic, or a
 * seeded residual bootstrap: {@link IrfBandMethod}) and pairwise Granger p-values. Sectors whose flow never changes are left out (they make sigma_u singular).
 */
public final class SectorVarAnalysis {
    /**
     * Every knob, with the defaults the {@code sectors} command documents. The command keeps bootstrap bands
     * (500 draws): it fits once, offline, where the draws cost a fraction of a second (docs/analyses.md), and
     * percentile bands need no normality of the estimates in a window of a few dozen weeks. The streaming
     * operator, which refits every week, defaults to asymptotic bands ({@link RollingSectorVar.Settings#defaults()}).
     *
     * @param irfBands             how the IRF bands are drawn
     * @param bootstrapRepetitions draws for bootstrap bands (0: no bands); unused by asymptotic bands
     * @param alpha                bands cover 1 - alpha
     * @param seed                 bootstrap seed
     */
    public record Settings(List<String> sectors, int topSectors, int maxLags, String criterion, int horizon,
                           IrfBandMethod irfBands, int bootstrapRepetitions, double alpha, long seed) {
        public Settings {
            java.util.Objects.requireNonNull(irfBands, "irfBands");
        }

        public static Settings defaults() {
            return new Settings(List.of(), 4, 4, "aic", 8, IrfBandMethod.BOOTSTRAP, 500, 0.10, 17L);
        }

        /** These settings with other IRF bands. */
        public Settings withBands(IrfBandMethod method, int repetitions) {
            return new Settings(sectors, topSectors, maxLags, criterion, horizon, method, repetitions, alpha, seed);
        }
    }

    /**
     * @param weeks        the weeks of the series (each against the week before)
     * @param sectors      the series' order, which is also the Cholesky order of the shocks
     * @param flowsBillions [week][sector] net inflow, USD billions
     * @param criteria     [lag][aic, bic, hqic, fpe] on the common sample
     * @param lag          the lag fitted (the criterion's choice, at least 1)
     * @param selectedLag  what the criterion chose (0 possible)
     * @param params       statsmodels layout: [const, L1.s0 .. L1.sk-1, L2 ..][equation]
     * @param stderr       same layout
     * @param irf          [step][response][impulse], USD billions per one-s.d. orthogonal shock
     * @param irfBandMethod how irfLower and irfUpper were drawn; null when there are no bands (bootstrap, 0 draws)
     * @param irfLower     lower band, same layout (null without bands)
     * @param irfUpper     upper band, same layout (null without bands)
     * @param irfStderr    asymptotic standard errors of irf, same layout (null for bootstrap bands)
     * @param bootstrapDraws draws kept for bootstrap bands, 0 for asymptotic ones
     * @param grangerP     [caused][causing] F-test p-value, NaN on the diagonal
     */
    public record Result(List<String> weeks, List<String> sectors, double[][] flowsBillions, double[][] criteria,
                         String criterion, int lag, int selectedLag, int nobs, double aic, double bic, double[][] params,
                         double[][] stderr, double[][][] irf, IrfBandMethod irfBandMethod, double[][][] irfLower,
                         double[][][] irfUpper, double[][][] irfStderr, int bootstrapDraws, double alpha, double[][] grangerP, List<String> droppedSectors) {
    }

    private SectorVarAnalysis() {
    }

    public static Result analyse(List<SectorFlowWeek> weeks, Settings settings) {
        if (weeks.size() < 3) {
            throw new IllegalArgumentException("sector VAR: " + weeks.size() + " weeks of flows, need at least 3");
        }
        List<String> chosen = settings.sectors().isEmpty() ? largestSectors(weeks, settings.topSectors()) : settings.sectors();
        java.util.Set<String> known = new java.util.TreeSet<>();
        weeks.forEach(w -> w.sectors().forEach(x -> known.add(x.sector())));
        for (String name : chosen) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("sector VAR: no sector '" + name + "' in the window; sectors: " + known);
            }
        }
        List<String> kept = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        double[][] all = new double[weeks.size()][chosen.size()];
        for (int s = 0; s < chosen.size(); s++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int t = 0; t < weeks.size(); t++) {
                SectorFlowWeek.Sector row = weeks.get(t).sector(chosen.get(s));
                all[t][s] = row == null ? 0 : row.netInflowUsd() / 1e9;
                min = Math.min(min, all[t][s]);
                max = Math.max(max, all[t][s]);
            }
            (max > min ? kept : dropped).add(chosen.get(s));
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("sector VAR: no sector's flow varies in the window (sectors: " + chosen + ")");
        }
        double[][] y = new double[weeks.size()][kept.size()];
        for (int t = 0; t < weeks.size(); t++) {
            for (int s = 0; s < kept.size(); s++) {
                y[t][s] = all[t][chosen.indexOf(kept.get(s))];
            }
        }
        int k = kept.size();
        int maxLags = Math.min(settings.maxLags(), VectorAutoregression.maxEstimableLags(y.length, k));
        if (maxLags < 1) {
            throw new IllegalArgumentException("sector VAR: " + y.length + " weeks cannot carry one lag of " + k
                    + " sectors; widen the window or pass fewer sectors");
        }
        int criterion = switch (settings.criterion()) {
            case "aic" -> VectorAutoregression.LagSelection.AIC;
            case "bic" -> VectorAutoregression.LagSelection.BIC;
            case "hqic" -> VectorAutoregression.LagSelection.HQIC;
            case "fpe" -> VectorAutoregression.LagSelection.FPE;
            default -> throw new IllegalArgumentException("sector VAR: unknown lag criterion '" + settings.criterion()
                    + "' (aic, bic, hqic, fpe)");
        };
        VectorAutoregression.LagSelection selection = VectorAutoregression.selectOrder(y, maxLags);
        int selected = selection.selected(criterion);
        // IRFs and Granger tests need dynamics: a criterion choosing 0 lags still gets a VAR(1), reported as such.
        int lag = Math.max(1, selected);
        VectorAutoregression var = VectorAutoregression.fit(y, lag);
        double[][] params = var.params();
        double[][] stderr = new double[params.length][k];
        for (int r = 0; r < params.length; r++) {
            for (int j = 0; j < k; j++) {
                stderr[r][j] = var.standardError(r, j);
            }
        }
        VectorAutoregression.IrfBands bands = switch (settings.irfBands()) {
            case ASYMPTOTIC -> var.asymptoticBands(settings.horizon(), settings.alpha());
            case BOOTSTRAP -> settings.bootstrapRepetitions() > 0 ? var.bootstrapBands(settings.horizon(),
                    settings.bootstrapRepetitions(), settings.alpha(), settings.seed()) : null;
        };
        double[][] granger = new double[k][k];
        for (int caused = 0; caused < k; caused++) {
            for (int causing = 0; causing < k; causing++) {
                granger[caused][causing] = caused == causing ? Double.NaN : var.granger(caused, causing).pValue();
            }
        }
        List<String> weekNames = new ArrayList<>();
        weeks.forEach(w -> weekNames.add(w.week()));
        return new Result(weekNames, kept, y, selection.criteria(), settings.criterion(), lag, selected, var.nobs(),
                var.aic(), var.bic(), params, stderr, var.orthogonalisedIrf(settings.horizon()),
                bands == null ? null : bands.method(), bands == null ? null : bands.lower(),
                bands == null ? null : bands.upper(), bands == null ? null : bands.stderr(),
                bands == null ? 0 : bands.draws(), settings.alpha(), granger, dropped);
    }

    /** The n sectors with the largest mean TVL over the window ("other" included if it is large). */
    public static List<String> largestSectors(List<SectorFlowWeek> weeks, int n) {
        Map<String, Double> total = new HashMap<>();
        for (SectorFlowWeek w : weeks) {
            for (SectorFlowWeek.Sector s : w.sectors()) {
                total.merge(s.sector(), s.tvlUsd(), Double::sum);
            }
        }
        return total.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(n).map(Map.Entry::getKey).toList();
    }

    /** The result as plain maps and lists, for --json. */
    public static Map<String, Object> toJson(Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("weeks", r.weeks());
        m.put("sectors", r.sectors());
        m.put("droppedSectors", r.droppedSectors());
        m.put("netInflowUsdBillions", r.flowsBillions());
        m.put("lagCriterion", r.criterion());
        m.put("selectedLag", r.selectedLag());
        m.put("lag", r.lag());
        m.put("lagCriteria", r.criteria());
        m.put("nobs", r.nobs());
        m.put("aic", r.aic());
        m.put("bic", r.bic());
        m.put("params", r.params());
        m.put("stderr", r.stderr());
        m.put("irf", r.irf());
        m.put("irfBands", r.irfBandMethod() == null ? null : r.irfBandMethod().flagValue());
        m.put("irfLower", r.irfLower());
        m.put("irfUpper", r.irfUpper());
        if (r.irfStderr() != null) {
            m.put("irfStderr", r.irfStderr());
        }
        m.put("bootstrapDraws", r.bootstrapDraws());
        m.put("alpha", r.alpha());
        m.put("grangerPValues", r.grangerP());
        return m;
    }
}
