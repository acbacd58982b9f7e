package io.dexposure.tools.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dexposure.analytics.anomaly.AnomalyEnsemble;
import io.dexposure.analytics.anomaly.Autoencoder;
import io.dexposure.analytics.anomaly.ClusterScores;
import io.dexposure.analytics.anomaly.CollapseLosses;
import io.dexposure.analytics.anomaly.IsolationForest;
import io.dexposure.analytics.anomaly.PcaReconstruction;
import io.dexposure.analytics.anomaly.ProtocolFeatures;
import io.dexposure.analytics.anomaly.RobustScaler;
import io.dexposure.analytics.anomaly.WeeklyAnomalies;
import io.dexposure.analytics.metrics.ProtocolMetrics;
import io.dexposure.analytics.metrics.WeekMetricsCalculator;
import io.dexposure.analytics.network.SnapshotNetworks;
import io.dexposure.analytics.network.WeeklyNetwork;
import io.dexposure.analytics.sectors.IrfBandMethod;
import io.dexposure.analytics.sectors.RollingSectorVar;
import io.dexposure.analytics.sectors.SectorFlowRecord;
import io.dexposure.analytics.sectors.SectorFlowWeek;
import io.dexposure.analytics.sectors.SectorFlows;
import io.dexposure.analytics.sectors.TokenPriceMoves;
import io.dexposure.analytics.week.NetworkWeek;
import io.dexposure.replayer.generate.ExposureNetworkGenerator;
import io.dexposure.replayer.generate.GeneratorSettings;
import io.dexposure.replayer.generate.WeeklySizes;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the sequential market analyses (the sector-flows and anomaly-detector operators) cost per week at
 * real scale, step by step as the operators run them, state (de)serialisation included. Two consecutive
 * generated weeks of the bench's size with their metrics (the operators' input); the VAR's window is 52
 * weeks of flows from a small generated history, because a VAR's cost depends on the window and the number
 * of sectors, not on the network's size.
 */
public final class MarketAnalysesBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final NetworkWeek previous;
    private final NetworkWeek current;
    private final List<SectorFlowWeek> varWindow;
    private final RollingSectorVar.Settings varSettings = RollingSectorVar.Settings.defaults();
    /** The default window with the other band method (bootstrap with its 100 draws, or asymptotic). */
    private final RollingSectorVar.Settings otherBands = new RollingSectorVar.Settings(varSettings.window(),
            varSettings.var().withBands(varSettings.var().irfBands() == IrfBandMethod.ASYMPTOTIC ? IrfBandMethod.BOOTSTRAP
                    : IrfBandMethod.ASYMPTOTIC, varSettings.var().bootstrapRepetitions()));
    private final AnomalyEnsemble.Settings ensemble = AnomalyEnsemble.Settings.defaults();
    /** The operator's autoencoder, kept across runs: after the warm-ups every run is a warm-started week, as in the stream. */
    private final Autoencoder autoencoder = new Autoencoder(Autoencoder.Settings.defaults());
    private final Autoencoder autoencoderAlone = new Autoencoder(Autoencoder.Settings.defaults());

    public MarketAnalysesBenchmark(long seed, int nodes, int links) {
        ExposureNetworkGenerator generator = new ExposureNetworkGenerator(GeneratorSettings.withoutScenarios(seed,
                WeeklySizes.fixed(LocalDate.of(2024, 7, 1), 2, nodes, links)));
        WeekMetricsCalculator calculator = new WeekMetricsCalculator(0.85, 100, 1e-9);
        NetworkWeek[] two = new NetworkWeek[2];
        for (int w = 0; w < 2; w++) {
            WeeklyNetwork network = SnapshotNetworks.of(generator.nextWeekSnapshot(), generator.protocolDirectory());
            two[w] = NetworkWeek.of(network, calculator.analyse(network, new WeekMetricsCalculator.PhaseTimes()));
        }
        previous = two[0];
        current = two[1];
        ExposureNetworkGenerator history = new ExposureNetworkGenerator(GeneratorSettings.withoutScenarios(seed,
                WeeklySizes.fixed(LocalDate.of(2023, 7, 3), varSettings.window() + 1, 600, 3_000)));
        SectorFlows flows = new SectorFlows(TokenPriceMoves.none());
        List<SectorFlowWeek> window = List.of();
        while (history.hasNextWeek()) {
            SectorFlowWeek week = flows.next(SnapshotNetworks.of(history.nextWeekSnapshot(), history.protocolDirectory()));
            if (week != null) {
                window = RollingSectorVar.advance(window, week, varSettings.window());
            }
        }
        varWindow = window;
    }

    private static String bandsLabel(RollingSectorVar.Settings settings) {
        return settings.var().irfBands() == IrfBandMethod.ASYMPTOTIC ? "asymptotic bands"
                : settings.var().bootstrapRepetitions() + " bootstrap draws";
    }

    public int nodes() {
        return current.nodeCount();
    }

    public int links() {
        return current.linkCount();
    }

    /** Milliseconds per step for each measured run (after the warm-ups, which are discarded). */
    public Map<String, List<Double>> run(int warmups, int runs) {
        return PhaseTimes.repeat(warmups, runs, this::once);
    }

    /** The steps of one week; the names starting "sector-flows operator" and "anomaly operator" are the operators' totals. */
    private Map<String, Double> once() {
        Map<String, Double> ms = new LinkedHashMap<>();
        SectorFlows flows = new SectorFlows(TokenPriceMoves.none());
        String storedTotals = write(flows.totals(previous)); // what the operator's state holds from last week
        long sectorStart = System.nanoTime();
        SectorFlows.Totals before = PhaseTimes.time(ms, "  previous week's sector totals read from state JSON", () ->
                read(storedTotals, SectorFlows.Totals.class));
        SectorFlows.Totals now = PhaseTimes.time(ms, "  sector totals of the week, written to state JSON", () -> {
            SectorFlows.Totals totals = flows.totals(current);
            write(totals);
            return totals;
        });
        SectorFlowWeek week = PhaseTimes.time(ms, "  sector and cross-sector flows", () -> flows.compare(before, now));
        List<SectorFlowWeek> window = PhaseTimes.time(ms, "  VAR window: state JSON read, advance, write", () -> {
            List<SectorFlowWeek> stored = read(write(varWindow), new TypeReference<List<SectorFlowWeek>>() {
            });
            List<SectorFlowWeek> next = RollingSectorVar.advance(stored, week, varSettings.window());
            write(next);
            return next;
        });
        RollingSectorVar.Fit fit = PhaseTimes.time(ms, "  VAR refit on " + varSettings.window() + " weeks (lag, IRF, "
                + bandsLabel(varSettings) + ", Granger)", () -> RollingSectorVar.fit(window, varSettings));
        if (!fit.fitted()) {
            throw new IllegalStateException("the bench's VAR window carries no VAR: " + fit.reason());
        }
        PhaseTimes.time(ms, "  record", () -> SectorFlowRecord.of(week, window.size(), fit));
        ms.put("sector-flows operator, one week", (System.nanoTime() - sectorStart) / 1e6);
        // The other --sector-var-irf-bands choice on the same window, outside the operator's total: what switching costs.
        PhaseTimes.time(ms, "  (instead: VAR refit with " + bandsLabel(otherBands) + ")", () -> RollingSectorVar.fit(window, otherBands));

        long anomalyStart = System.nanoTime();
        List<List<ProtocolMetrics>> both = PhaseTimes.time(ms, "  per-node metrics rebuilt from both weeks", () ->
                List.of(ProtocolFeatures.metricsOf(previous), ProtocolFeatures.metricsOf(current)));
        List<ProtocolMetrics> a = both.get(0);
        List<ProtocolMetrics> b = both.get(1);
        WeeklyAnomalies.Week scored = PhaseTimes.time(ms, "  ensemble (features with collapse losses, scaling, five detectors, ranks)", () ->
                new WeeklyAnomalies(ensemble, false, autoencoder, CollapseLosses.Settings.defaults()).score(current, previous));
        ms.put("anomaly operator, one week", (System.nanoTime() - anomalyStart) / 1e6);
        if (scored.ranking().isEmpty()) {
            throw new IllegalStateException("nothing scored");
        }
        // The detectors one by one, on the same scaled features, to see where the ensemble's time goes.
        CollapseLosses losses = PhaseTimes.time(ms, "    of which collapse losses (both weeks' links)", () ->
                CollapseLosses.between(previous, current, CollapseLosses.Settings.defaults()));
        ProtocolFeatures.Week features = PhaseTimes.time(ms, "    of which features (levels, changes, community change)", () ->
                ProtocolFeatures.of(b, a, losses));
        double[][] rows = features.rows();
        double[][] z = PhaseTimes.time(ms, "    of which robust scaling", () -> RobustScaler.scale(rows, ensemble.clip(), features.spreads()));
        PhaseTimes.time(ms, "    of which Isolation Forest", () -> IsolationForest.fit(z, ensemble.trees(), ensemble.maxSamples(), ensemble.seed()).scores(z));
        PhaseTimes.time(ms, "    of which k-means distance (fitted on " + ensemble.kMeansSample() + " sampled rows)", () ->
                ClusterScores.kMeansDistance(z, ensemble.clusters(), ensemble.kMeansStarts(), ensemble.seed(), ensemble.kMeansSample()));
        PhaseTimes.time(ms, "    reference: k-means fitted on every row", () ->
                ClusterScores.kMeansDistance(z, ensemble.clusters(), ensemble.kMeansStarts(), ensemble.seed()));
        double[] core = PhaseTimes.time(ms, "    of which DBSCAN core distances (" + ensemble.dbscanReference() + "-row reference sample)", () ->
                ClusterScores.coreDistances(z, ensemble.minPts(), ensemble.dbscanReference(), ensemble.seed()));
        PhaseTimes.time(ms, "    reference: DBSCAN core distances, all pairs (exact)", () -> ClusterScores.coreDistances(z, ensemble.minPts()));
        double[] sorted = core.clone();
        Arrays.sort(sorted);
        double eps = Math.max(1e-9, sorted[(int) Math.floor(0.9 * (sorted.length - 1))]);
        PhaseTimes.time(ms, "    of which DBSCAN noise", () -> ClusterScores.dbscanNoise(z, core, eps));
        PhaseTimes.time(ms, "    of which PCA reconstruction", () -> PcaReconstruction.errors(z, ensemble.components()));
        PhaseTimes.time(ms, "    of which autoencoder (warm-started week, " + Autoencoder.Settings.defaults().warmEpochs() + " epochs)", () ->
                autoencoderAlone.next(z));
        return ms;
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
