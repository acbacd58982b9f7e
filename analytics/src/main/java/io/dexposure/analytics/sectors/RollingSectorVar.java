package io.dexposure.analytics.sectors;

import java.util.ArrayList;
import java.util.List;

/**
 * The streaming use of the sector VAR: the last {@code window} weeks of sector flows, refitted every week
 * (lag by the criterion, orthogonalised impulse responses with asymptotic or bootstrap bands, Granger p-values).
 * The window keeps only each week's sector rows (not the cross-sector pairs), so what a caller stores is
 * bounded by the window and the number of sectors, never by the weeks seen.
 */
public final class RollingSectorVar {
    /**
     * @param window weeks of flows the VAR is fitted on (default 52)
     * @param var    the fit's knobs (sectors, lags, criterion, horizon, IRF bands, bootstrap draws, seed)
     */
    public record Settings(int window, SectorVarAnalysis.Settings var) {
        public Settings {
            if (window < 3) {
                throw new IllegalArgumentException("sector VAR window: " + window + " weeks, need at least 3");
            }
        }

        /**
         * 52 weeks, the command's VAR knobs, but asymptotic bands: they are redrawn every week, and the delta
         * method costs about what the point fit costs while 100 bootstrap draws cost 100 refits (measured in
         * docs/analyses.md), and it is deterministic and exactly statsmodels' default. 100 draws (not the
         * command's 500) when --sector-var-irf-bands bootstrap is chosen.
         */
        public static Settings defaults() {
            return new Settings(52, SectorVarAnalysis.Settings.defaults().withBands(IrfBandMethod.ASYMPTOTIC, 100));
        }
    }

    /** A week's fit, or why there is none this week (too few weeks yet, a singular covariance). */
    public record Fit(SectorVarAnalysis.Result result, String reason) {
        public boolean fitted() {
            return result != null;
        }
    }

    private RollingSectorVar() {
    }

    /** The window after {@code week}: its sector rows appended, the oldest weeks dropped beyond {@code size}. */
    public static List<SectorFlowWeek> advance(List<SectorFlowWeek> window, SectorFlowWeek week, int size) {
        List<SectorFlowWeek> next = new ArrayList<>(window.size() + 1);
        next.addAll(window);
        next.add(new SectorFlowWeek(week.week(), week.previous(), week.sectors(), List.of(), week.priced()));
        return List.copyOf(next.subList(Math.max(0, next.size() - size), next.size()));
    }

    /** The VAR on the window as it is; a window that cannot carry one gives the reason instead. */
    public static Fit fit(List<SectorFlowWeek> window, Settings settings) {
        try {
            return new Fit(SectorVarAnalysis.analyse(window, settings.var()), null);
        } catch (IllegalArgumentException e) {
            return new Fit(null, e.getMessage());
        } catch (RuntimeException e) {
            // Commons Math's singular or non-positive-definite matrices: a window of nearly constant flows.
            return new Fit(null, "sector VAR on " + window.size() + " weeks not estimable: " + e.getMessage());
        }
    }
}
