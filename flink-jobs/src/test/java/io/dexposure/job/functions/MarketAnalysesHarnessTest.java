package io.dexposure.job.functions;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dexposure.analytics.anomaly.AnomalyRecord;
import io.dexposure.analytics.anomaly.Autoencoder;
import io.dexposure.analytics.anomaly.ProtocolFeatures;
import io.dexposure.analytics.anomaly.WeeklyAnomalies;
import io.dexposure.analytics.metrics.ProtocolMetrics;
import io.dexposure.analytics.metrics.WeekAnalysis;
import io.dexposure.analytics.metrics.WeekMetricsCalculator;
import io.dexposure.analytics.network.SnapshotNetworks;
import io.dexposure.analytics.network.WeeklyNetwork;
import io.dexposure.analytics.sectors.RollingSectorVar;
import io.dexposure.analytics.sectors.SectorVarAnalysis;
import io.dexposure.analytics.sectors.SectorFlowRecord;
import io.dexposure.analytics.sectors.SectorFlowWeek;
import io.dexposure.analytics.sectors.SectorFlows;
import io.dexposure.analytics.sectors.TokenPriceMoves;
import io.dexposure.analytics.week.NetworkWeek;
import io.dexposure.analytics.week.WeekOrder;
import io.dexposure.job.options.MarketAnalysesOptions;
import io.dexposure.snapshot.ProtocolDirectory;
import io.dexposure.snapshot.SnapshotReader;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The two sequential market-analysis operators around their plain classes: each emits exactly what the
 * plain classes say for the same weeks (the anomaly operator, which rebuilds the per-node metrics from the
 * week it receives, the same as scoring the analysis's own metric records), keeps a state that does not
 * grow with the weeks, registers no timers, leaves its state alone on rejected and out-of-order weeks, and
 * resumes from a snapshot as if never stopped.
 */
class MarketAnalysesHarnessTest {
    private static final Path SAMPLE = Path.of("../data/sample/dexposure-sample.json");
    private static final int WEEKS = 12;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<NetworkWeek> weeks = new ArrayList<>();
    private static final List<WeeklyNetwork> networks = new ArrayList<>();
    private static final List<List<ProtocolMetrics>> protocols = new ArrayList<>();

    @BeforeAll
    static void readWeeks() throws Exception {
        WeekMetricsCalculator calculator = new WeekMetricsCalculator(0.85, 100, 1e-9);
        ProtocolDirectory directory = ProtocolDirectory.load(SAMPLE.resolveSibling("id_to_info.json"));
        try (SnapshotReader reader = SnapshotReader.open(SAMPLE, SnapshotReader.Options.all())) {
            while (reader.hasNext() && weeks.size() < WEEKS) {
                WeeklyNetwork network = SnapshotNetworks.of(reader.next(), directory);
                WeekAnalysis analysis = calculator.analyse(network, new WeekMetricsCalculator.PhaseTimes());
                networks.add(network);
                protocols.add(analysis.protocols());
                weeks.add(NetworkWeek.of(network, analysis));
            }
        }
    }

    /** A window short enough for the 12 sample weeks to fill it and move on, 2 sectors so that it carries a VAR. */
    private static MarketAnalysesOptions options() {
        MarketAnalysesOptions o = new MarketAnalysesOptions();
        o.sectorVarWindow = 6;
        o.sectorVarSectors = 2;
        o.sectorVarMaxLags = 2;
        o.sectorVarBootstrap = 20;
        o.anomalyTop = 10;
        return o;
    }

    // --- sector flows

    @Test
    void sectorFlowsAreThePlainClassesWithAWindowThatStopsGrowing() throws Exception {
        List<String> expected = sectorFlowsAlone();
        assertThat(expected).hasSize(WEEKS - 1);
        try (var harness = harness(new SectorFlowFunction(options()))) {
            harness.open();
            int stateAfterTwoWeeks = -1;
            for (int i = 0; i < weeks.size(); i++) {
                feed(harness, weeks.get(i));
                assertThat(harness.numEventTimeTimers()).isZero();
                assertThat(harness.numProcessingTimeTimers()).isZero();
                if (i == 1) {
                    stateAfterTwoWeeks = harness.numKeyedStateEntries();
                }
            }
            assertThat(stateAfterTwoWeeks).isEqualTo(2); // the previous totals and the window
            assertThat(harness.numKeyedStateEntries()).isEqualTo(stateAfterTwoWeeks);
            List<SectorFlowRecord> records = outputs(harness, SectorFlowRecord.class);
            assertThat(records.stream().map(MarketAnalysesHarnessTest::json).toList()).containsExactlyElementsOf(expected);
            // The window holds at most 6 weeks: it grows to 6 and stays there.
            assertThat(records.stream().map(r -> r.varWindowWeeks).toList()).containsExactly(1, 2, 3, 4, 5, 6, 6, 6, 6, 6, 6);
            assertThat(records.get(records.size() - 1).varLag).isNotNull();
            assertThat(records.get(0).varNote).contains("need at least 3");
            // The default bands are the asymptotic ones, with the standard errors they came from and no draws.
            SectorFlowRecord last = records.get(records.size() - 1);
            assertThat(last.varIrfBands).isEqualTo("asymptotic");
            assertThat(last.varIrfStderr).isNotNull();
            assertThat(last.varBootstrapDraws).isZero();
            assertThat(records.get(0).varIrfBands).isNull();
        }
    }

    @Test
    void bootstrapBandsAreAFlagAwayAndABadBandMethodFailsAtSubmission() throws Exception {
        MarketAnalysesOptions o = options();
        o.sectorVarIrfBands = "bootstrap";
        try (var harness = harness(new SectorFlowFunction(o))) {
            harness.open();
            for (NetworkWeek w : weeks) {
                feed(harness, w);
            }
            SectorFlowRecord last = outputs(harness, SectorFlowRecord.class).get(WEEKS - 2);
            assertThat(last.varIrfBands).isEqualTo("bootstrap");
            assertThat(last.varBootstrapDraws).as("draws kept of 20 (a 6-week window loses some to singular refits)").isBetween(1, 20);
            assertThat(last.varIrfStderr).isNull();
            // Same window, other bands: the point responses agree, the bands do not.
            SectorFlows flows = new SectorFlows(TokenPriceMoves.none());
            List<SectorFlowWeek> window = List.of();
            for (WeeklyNetwork n : networks) {
                SectorFlowWeek week = flows.next(n);
                if (week != null) {
                    window = RollingSectorVar.advance(window, week, o.sectorVarWindow);
                }
            }
            SectorVarAnalysis.Result asymptotic = RollingSectorVar.fit(window, options().sectorVar()).result();
            assertThat(last.varIrf).isDeepEqualTo(asymptotic.irf());
            assertThat(java.util.Arrays.deepEquals(last.varIrfLower, asymptotic.irfLower())).isFalse();
        }
        o.sectorVarIrfBands = "jackknife";
        org.assertj.core.api.Assertions.assertThatThrownBy(o::sectorVar)
                .hasMessageStartingWith("--sector-var-irf-bands: IRF bands: 'jackknife' is none of [asymptotic, bootstrap]");
    }

    @Test
    void sectorFlowsResumeFromASnapshotAsIfNeverStopped() throws Exception {
        List<String> seen = new ArrayList<>();
        OperatorSubtaskState snapshot;
        try (var harness = harness(new SectorFlowFunction(options()))) {
            harness.open();
            for (NetworkWeek w : weeks.subList(0, 7)) {
                feed(harness, w);
            }
            outputs(harness, SectorFlowRecord.class).forEach(r -> seen.add(json(r)));
            snapshot = harness.snapshot(1, 1);
        }
        try (var harness = harness(new SectorFlowFunction(options()))) {
            harness.initializeState(snapshot);
            harness.open();
            for (NetworkWeek w : weeks.subList(7, weeks.size())) {
                feed(harness, w);
            }
            outputs(harness, SectorFlowRecord.class).forEach(r -> seen.add(json(r)));
        }
        assertThat(seen).containsExactlyElementsOf(sectorFlowsAlone());
    }

    @Test
    void rejectedAndOutOfOrderWeeksLeaveBothOperatorsAlone() throws Exception {
        for (KeyedProcessFunction<Integer, NetworkWeek, ?> function
                : List.of(new SectorFlowFunction(options()), new AnomalyDetectionFunction(options()))) {
            try (var harness = harness(function)) {
                harness.open();
                feed(harness, weeks.get(0));
                feed(harness, weeks.get(1));
                int entries = harness.numKeyedStateEntries();
                int outputs = harness.getOutput().size();
                OperatorSubtaskState before = harness.snapshot(1, 1);
                feed(harness, NetworkWeek.rejected(weeks.get(2).week));
                feed(harness, weeks.get(0)); // older than the last week processed
                assertThat(harness.numKeyedStateEntries()).isEqualTo(entries);
                assertThat(harness.getOutput()).hasSize(outputs);
                // The next good week is compared with week 1, as if the two had never come.
                feed(harness, weeks.get(3));
                List<Object> after = new ArrayList<>(harness.getOutput()).subList(outputs, harness.getOutput().size());
                KeyedProcessFunction<Integer, NetworkWeek, ?> again = function instanceof SectorFlowFunction
                        ? new SectorFlowFunction(options()) : new AnomalyDetectionFunction(options());
                try (var fresh = harness(again)) {
                    fresh.initializeState(before);
                    fresh.open();
                    feed(fresh, weeks.get(3));
                    assertThat(values(after)).containsExactlyElementsOf(values(new ArrayList<>(fresh.getOutput())));
                }
            }
        }
    }

    @Test
    void withAPriceFileNetInflowLeavesOutThePriceMovesAsThePlainClassesDo(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        // Every token the sample's holders hold, priced 1.0 then 10 % higher each week: a pure price move.
        java.util.Set<String> tokens = new java.util.TreeSet<>();
        for (WeeklyNetwork n : networks) {
            for (int i = 0; i < n.nodeCount(); i++) {
                tokens.addAll(n.composition(i).keySet());
            }
        }
        assertThat(tokens).isNotEmpty();
        StringBuilder csv = new StringBuilder("week,token,price_usd\n");
        double price = 1.0;
        for (NetworkWeek w : weeks) {
            for (String t : tokens) {
                csv.append(w.week).append(',').append(t).append(',').append(price).append('\n');
            }
            price *= 1.1;
        }
        Path file = dir.resolve("prices.csv");
        java.nio.file.Files.writeString(file, csv);
        MarketAnalysesOptions o = options();
        o.sectorPrices = file.toString();
        try (var harness = harness(new SectorFlowFunction(o))) {
            harness.open();
            for (NetworkWeek w : weeks) {
                feed(harness, w);
            }
            List<String> got = outputs(harness, SectorFlowRecord.class).stream().map(MarketAnalysesHarnessTest::json).toList();
            assertThat(got).containsExactlyElementsOf(sectorFlowsAlone(TokenPriceMoves.read(file)));
            assertThat(got).isNotEqualTo(sectorFlowsAlone(TokenPriceMoves.none()));
        }
        o.sectorPrices = dir.resolve("missing.csv").toString();
        try (var harness = harness(new SectorFlowFunction(o))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(harness::open)
                    .hasStackTraceContaining("--sector-prices " + o.sectorPrices + ": cannot read the price file");
        }
    }

    /** The plain classes over the same weeks, state kept by hand as the operator keeps it. */
    private static List<String> sectorFlowsAlone() {
        return sectorFlowsAlone(TokenPriceMoves.none());
    }

    private static List<String> sectorFlowsAlone(TokenPriceMoves prices) {
        MarketAnalysesOptions o = options();
        RollingSectorVar.Settings settings = o.sectorVar();
        SectorFlows flows = new SectorFlows(prices);
        List<SectorFlowWeek> window = List.of();
        List<String> out = new ArrayList<>();
        for (WeeklyNetwork n : networks) {
            SectorFlowWeek week = flows.next(n);
            if (week != null) {
                window = RollingSectorVar.advance(window, week, settings.window());
                out.add(json(SectorFlowRecord.of(week, window.size(), RollingSectorVar.fit(window, settings))));
            }
        }
        return out;
    }

    // --- anomalies

    @Test
    void anomaliesAreTheEnsembleOnTheAnalysisRecordsWithBoundedState() throws Exception {
        MarketAnalysesOptions o = options();
        assertThat(o.anomalyAutoencoder).as("the autoencoder is on by default").isTrue();
        WeeklyAnomalies plain = new WeeklyAnomalies(o.anomalyEnsemble(), false, new Autoencoder(o.anomalyAutoencoderSettings()),
                o.collapseLosses());
        List<AnomalyRecord> expected = new ArrayList<>();
        for (NetworkWeek week : weeks) {
            expected.addAll(AnomalyRecord.top(plain.next(week), o.anomalyTop, "all"));
        }
        try (var harness = harness(new AnomalyDetectionFunction(o))) {
            harness.open();
            for (int i = 0; i < weeks.size(); i++) {
                feed(harness, weeks.get(i));
                assertThat(harness.numEventTimeTimers()).isZero();
                assertThat(harness.numKeyedStateEntries()).as("only the previous week and the autoencoder are kept").isEqualTo(2);
            }
            List<AnomalyRecord> records = outputs(harness, AnomalyRecord.class);
            assertThat(records).hasSize(WEEKS * o.anomalyTop);
            for (int i = 0; i < records.size(); i++) {
                AnomalyRecord a = records.get(i);
                AnomalyRecord e = expected.get(i);
                assertThat(a.id).isEqualTo(e.id);
                assertThat(a.rank).isEqualTo(e.rank);
                assertThat(a.ensemble).as(a.id).isCloseTo(e.ensemble, within(1e-12));
                assertThat(a.isolationForest).as(a.id).isCloseTo(e.isolationForest, within(1e-9));
                assertThat(a.autoencoderError).as(a.id).isNotNull().isCloseTo(e.autoencoderError, within(1e-9));
                assertThat(a.creditorLossUsd).as(a.id).isEqualTo(e.creditorLossUsd);
                assertThat(a.drivers).as(a.id).containsExactly(e.drivers);
            }
        }
    }

    @Test
    void theFeaturesRebuiltFromTheStreamedWeekAreTheAnalysisFeatures() {
        for (int w = 1; w < weeks.size(); w++) {
            double[][] fromStream = ProtocolFeatures.of(ProtocolFeatures.metricsOf(weeks.get(w)),
                    ProtocolFeatures.metricsOf(weeks.get(w - 1))).rows();
            double[][] fromAnalysis = ProtocolFeatures.of(protocols.get(w), protocols.get(w - 1)).rows();
            assertThat(fromStream.length).isEqualTo(fromAnalysis.length);
            for (int i = 0; i < fromStream.length; i++) {
                for (int f = 0; f < fromStream[i].length; f++) {
                    assertThat(fromStream[i][f]).as("week %d row %d %s", w, i, ProtocolFeatures.NAMES.get(f))
                            .isCloseTo(fromAnalysis[i][f], within(1e-9));
                }
            }
        }
    }

    @Test
    void anomaliesResumeFromASnapshotAsIfNeverStopped() throws Exception {
        List<String> uninterrupted = new ArrayList<>();
        try (var harness = harness(new AnomalyDetectionFunction(options()))) {
            harness.open();
            weeks.forEach(w -> feedUnchecked(harness, w));
            outputs(harness, AnomalyRecord.class).forEach(r -> uninterrupted.add(json(r)));
        }
        List<String> seen = new ArrayList<>();
        OperatorSubtaskState snapshot;
        try (var harness = harness(new AnomalyDetectionFunction(options()))) {
            harness.open();
            weeks.subList(0, 5).forEach(w -> feedUnchecked(harness, w));
            outputs(harness, AnomalyRecord.class).forEach(r -> seen.add(json(r)));
            snapshot = harness.snapshot(1, 1);
        }
        try (var harness = harness(new AnomalyDetectionFunction(options()))) {
            harness.initializeState(snapshot);
            harness.open();
            weeks.subList(5, weeks.size()).forEach(w -> feedUnchecked(harness, w));
            outputs(harness, AnomalyRecord.class).forEach(r -> seen.add(json(r)));
        }
        assertThat(seen).containsExactlyElementsOf(uninterrupted);
    }

    // --- helpers

    private static <O> KeyedOneInputStreamOperatorTestHarness<Integer, NetworkWeek, O> harness(
            KeyedProcessFunction<Integer, NetworkWeek, O> function) throws Exception {
        return new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(function), week -> WeekSequencer.KEY, Types.INT);
    }

    private static void feed(KeyedOneInputStreamOperatorTestHarness<Integer, NetworkWeek, ?> harness, NetworkWeek week) throws Exception {
        harness.processElement(new StreamRecord<>(week, WeekOrder.weekEnd(week.week) - 1));
    }

    private static void feedUnchecked(KeyedOneInputStreamOperatorTestHarness<Integer, NetworkWeek, ?> harness, NetworkWeek week) {
        try {
            feed(harness, week);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static <T> List<T> outputs(KeyedOneInputStreamOperatorTestHarness<Integer, NetworkWeek, ?> harness, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Object o : harness.getOutput()) {
            if (o instanceof StreamRecord<?> r && type.isInstance(r.getValue())) {
                out.add(type.cast(r.getValue()));
            }
        }
        return out;
    }

    private static List<String> values(List<Object> output) {
        List<String> out = new ArrayList<>();
        for (Object o : output) {
            if (o instanceof StreamRecord<?> r) {
                out.add(json(r.getValue()));
            }
        }
        return out;
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
