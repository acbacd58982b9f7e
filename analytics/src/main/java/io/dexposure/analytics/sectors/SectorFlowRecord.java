package io.dexposure.analytics.sectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * One week on the sector-flows topic (key = week): per-sector net inflow and the flows between sectors
 * against the week before, and the VAR of the last weeks' net inflows refitted this week: the lag chosen,
 * its coefficients with standard errors, Granger p-values and each sector's response to a one-s.d.
 * orthogonal shock in each sector (Cholesky order = {@link #varSectors}). USD for the flows, USD billions
 * for the VAR (its series). The VAR fields are null while the window is too short ({@link #varNote} says why).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"id", "week", "previous", "priced", "sectors", "crossFlows", "varWindowWeeks", "varNote", "varSectors",
        "varCriterion", "varSelectedLag", "varLag", "varNobs", "varAic", "varBic", "varParamNames", "varParams", "varStderr",
        "varGrangerP", "varIrf", "varIrfBands", "varIrfLower", "varIrfUpper", "varIrfStderr", "varBootstrapDraws"})
public class SectorFlowRecord {
    /** week + ":sector-flows". */
    public String id;
    public String week;
    /** The week compared with. */
    public String previous;
    /** Whether any price move was known (else net inflow = TVL change). */
    public boolean priced;
    public Sector[] sectors;
    /** Ordered pairs of different sectors with exposure in either week. */
    public CrossFlow[] crossFlows;
    /** Weeks of flows in the VAR's window this week (at most the window flag). */
    public int varWindowWeeks;
    /** Why there is no VAR this week (null when there is one). */
    public String varNote;
    public String[] varSectors;
    public String varCriterion;
    /** The criterion's choice (0 possible) and the lag fitted (at least 1). */
    public Integer varSelectedLag;
    public Integer varLag;
    public Integer varNobs;
    public Double varAic;
    public Double varBic;
    /** Row names of varParams: "const", then "L1.sector", ... (statsmodels' layout). */
    public String[] varParamNames;
    /** [row][equation]: equation j is sector varSectors[j]. */
    public double[][] varParams;
    public double[][] varStderr;
    /** [caused][causing] Granger F-test p-value; null on the diagonal. */
    public Double[][] varGrangerP;
    /** [step][response][impulse], USD billions per one-s.d. orthogonal shock; step 0 is the impact. */
    public double[][][] varIrf;
    /** How varIrfLower/varIrfUpper were drawn: "asymptotic" or "bootstrap" (null without bands). */
    public String varIrfBands;
    /** Band of varIrf at 90 % (null without bands: bootstrap with 0 draws). */
    public double[][][] varIrfLower;
    public double[][][] varIrfUpper;
    /** Delta-method standard errors of varIrf, asymptotic bands only: bands at any level are varIrf +- z * these. */
    public double[][][] varIrfStderr;
    /** Bootstrap draws kept (0 for asymptotic bands). */
    public Integer varBootstrapDraws;

    public SectorFlowRecord() {
    }

    /** One sector's week. */
    public static class Sector {
        public String sector;
        public double tvlUsd;
        public double tvlChangeUsd;
        public double priceEffectUsd;
        public double netInflowUsd;

        public Sector() {
        }
    }

    /** Exposure of holders in {@code from} to issuers in {@code to} and its change since last week. */
    public static class CrossFlow {
        public String from;
        public String to;
        public double exposureUsd;
        public double changeUsd;

        public CrossFlow() {
        }
    }

    /** The record of one week's flows and the fit on the window that ends with it. */
    public static SectorFlowRecord of(SectorFlowWeek flows, int windowWeeks, RollingSectorVar.Fit fit) {
        SectorFlowRecord r = new SectorFlowRecord();
        r.id = flows.week() + ":sector-flows";
        r.week = flows.week();
        r.previous = flows.previous();
        r.priced = flows.priced();
        r.sectors = flows.sectors().stream().map(s -> {
            Sector o = new Sector();
            o.sector = s.sector();
            o.tvlUsd = s.tvlUsd();
            o.tvlChangeUsd = s.tvlChangeUsd();
            o.priceEffectUsd = s.priceEffectUsd();
            o.netInflowUsd = s.netInflowUsd();
            return o;
        }).toArray(Sector[]::new);
        r.crossFlows = flows.crossFlows().stream().map(c -> {
            CrossFlow o = new CrossFlow();
            o.from = c.from();
            o.to = c.to();
            o.exposureUsd = c.exposureUsd();
            o.changeUsd = c.changeUsd();
            return o;
        }).toArray(CrossFlow[]::new);
        r.varWindowWeeks = windowWeeks;
        if (!fit.fitted()) {
            r.varNote = fit.reason();
            return r;
        }
        SectorVarAnalysis.Result v = fit.result();
        int k = v.sectors().size();
        r.varSectors = v.sectors().toArray(String[]::new);
        r.varCriterion = v.criterion();
        r.varSelectedLag = v.selectedLag();
        r.varLag = v.lag();
        r.varNobs = v.nobs();
        r.varAic = v.aic();
        r.varBic = v.bic();
        String[] names = new String[1 + k * v.lag()];
        names[0] = "const";
        for (int l = 1; l <= v.lag(); l++) {
            for (int s = 0; s < k; s++) {
                names[1 + (l - 1) * k + s] = "L" + l + "." + v.sectors().get(s);
            }
        }
        r.varParamNames = names;
        r.varParams = v.params();
        r.varStderr = v.stderr();
        r.varGrangerP = new Double[k][k];
        for (int a = 0; a < k; a++) {
            for (int b = 0; b < k; b++) {
                r.varGrangerP[a][b] = a == b ? null : v.grangerP()[a][b];
            }
        }
        r.varIrf = v.irf();
        if (v.irfBandMethod() != null) {
            r.varIrfBands = v.irfBandMethod().flagValue();
            r.varIrfLower = v.irfLower();
            r.varIrfUpper = v.irfUpper();
            r.varIrfStderr = v.irfStderr();
        }
        r.varBootstrapDraws = v.bootstrapDraws();
        return r;
    }

    /** The sector row of one sector, or null. */
    public Sector sector(String name) {
        for (Sector s : sectors) {
            if (s.sector.equals(name)) {
                return s;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "SectorFlowRecord{" + week + ", " + sectors.length + " sectors, " + (varLag == null ? varNote : "VAR(" + varLag + ")") + "}";
    }

    /** The sectors of the VAR, or none. */
    public List<String> varSectorList() {
        return varSectors == null ? List.of() : List.of(varSectors);
    }
}
