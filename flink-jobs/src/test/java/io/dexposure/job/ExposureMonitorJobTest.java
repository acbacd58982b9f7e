package io.dexposure.job;

import io.dexposure.job.streams.ResultSinks;
import io.dexposure.job.streams.ResultStreams;
import io.dexposure.events.SnapshotEvent;
import io.dexposure.analytics.assembly.WeekIssue;
import io.dexposure.analytics.metrics.ProtocolMetrics;
import io.dexposure.analytics.metrics.WeekMetrics;
import io.dexposure.analytics.anomaly.AnomalyRecord;
import io.dexposure.analytics.sectors.SectorFlowRecord;
import io.dexposure.job.sources.SnapshotEventDeserializer;
import io.dexposure.job.sources.SnapshotEventTypes;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.functions.FromElementsGeneratorFunction;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job's wiring on a MiniCluster, with an in-memory source: complete weeks give one metrics record
 * each as soon as their marker arrives; weeks that do not add up, unreadable records, a week
 * published twice and late records are reported on the issue stream, never computed.
 */
class ExposureMonitorJobTest {
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension();

    private static final String A = "2022-05-02";
    private static final String B = "2022-05-09";
    private static final String C = "2022-05-16";
    private static final String D = "2022-05-23";
    private static final String E = "2022-05-30";

    private static List<SnapshotEvent> week(String week, boolean withMarker, int dropLinkSeq) {
        List<SnapshotEvent> events = new ArrayList<>();
        events.add(SnapshotEvent.node(week, 0, "1", 100.0, Map.of("USDT", 40.0), "Alpha", "Lending"));
        events.add(SnapshotEvent.node(week, 1, "2", 50.0, Map.of(), "Beta", "Dexes"));
        events.add(SnapshotEvent.node(week, 2, "USDT", 40.0, Map.of("USDT", 40.0), null, null));
        if (dropLinkSeq != 0) {
            events.add(SnapshotEvent.link(week, 0, "1", "2", 60.0, Map.of(), false));
        }
        if (dropLinkSeq != 1) {
            events.add(SnapshotEvent.link(week, 1, "1", "USDT", 40.0, Map.of(), false));
        }
        if (withMarker) {
            events.add(SnapshotEvent.weekClosed(week, 3, 2, 0, 0, "test"));
        }
        return events;
    }

    private static SnapshotEvent unreadable(String week) {
        SnapshotEvent e = new SnapshotEvent();
        e.type = SnapshotEventDeserializer.UNREADABLE;
        e.week = week;
        e.origin = "topic-0@17: snapshot event is not valid JSON";
        return e;
    }

    @Test
    void completeWeeksAreComputedOnceAndEverythingElseIsReported() throws Exception {
        List<SnapshotEvent> input = new ArrayList<>();
        input.addAll(week(A, true, -1));
        input.addAll(week(A, true, -1));          // the same week again, before its window closed
        input.addAll(week(B, true, 1));           // marker announces 2 links, 1 arrives
        input.addAll(week(C, false, -1));         // marker never comes
        input.add(unreadable(D));
        input.addAll(week(D, true, -1));
        input.addAll(week(B, true, -1).subList(0, 2)); // B again, after D closed it: late
        input.addAll(week(E, true, -1));

        JobOptions options = new JobOptions();
        options.execution.parallelism = 1; // one reader keeps the input order, which this test is about
        options.execution.checkpointIntervalMs = 500;
        options.execution.restartAttempts = 0;
        // Rate-limited so that the source is not finished before the first checkpoint.
        DataGeneratorSource<SnapshotEvent> source = new DataGeneratorSource<>(
                new FromElementsGeneratorFunction<>(SnapshotEventTypes.EVENT, input.toArray(new SnapshotEvent[0])), input.size(),
                RateLimiterStrategy.perSecond(200), SnapshotEventTypes.EVENT);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        ExposureMonitorJob.Outputs outputs = new ExposureMonitorJob(source, List.of(ResultSinks.discarding()), options).build(env);

        List<WeekMetrics> metrics = new ArrayList<>();
        List<WeekIssue> issues = new ArrayList<>();
        List<ProtocolMetrics> protocols = new ArrayList<>();
        List<SectorFlowRecord> sectorFlows = new ArrayList<>();
        List<AnomalyRecord> anomalies = new ArrayList<>();
        try (CloseableIterator<WeekMetrics> m = outputs.get(ResultStreams.NETWORK_METRICS).collectAsync();
             CloseableIterator<SectorFlowRecord> f = outputs.get(ResultStreams.SECTOR_FLOWS).collectAsync();
             CloseableIterator<AnomalyRecord> a = outputs.get(ResultStreams.ANOMALIES).collectAsync();
             CloseableIterator<ProtocolMetrics> p = outputs.get(ResultStreams.PROTOCOL_METRICS).collectAsync();
             CloseableIterator<WeekIssue> i = outputs.get(ResultStreams.DATA_QUALITY).collectAsync()) {
            env.execute("exposure-monitor-test");
            m.forEachRemaining(metrics::add);
            p.forEachRemaining(protocols::add);
            i.forEachRemaining(issues::add);
            f.forEachRemaining(sectorFlows::add);
            a.forEachRemaining(anomalies::add);
        }

        assertThat(metrics).extracting(x -> x.week).containsExactlyInAnyOrder(A, D, E);
        assertThat(metrics).allSatisfy(x -> {
            assertThat(x.nodes).isEqualTo(3);
            assertThat(x.links).isEqualTo(2);
            assertThat(x.totalTvlUsd).isEqualTo(150.0);
            assertThat(x.totalExposureUsd).isEqualTo(100.0);
        });
        // One record per node of each computed week, none for the weeks that were not computed.
        assertThat(protocols).extracting(x -> x.id).containsExactlyInAnyOrder(
                A + ":1", A + ":2", A + ":USDT", D + ":1", D + ":2", D + ":USDT", E + ":1", E + ":2", E + ":USDT");
        assertThat(issues).extracting(x -> x.week + " " + x.problem).containsExactlyInAnyOrder(
                A + " " + WeekIssue.DUPLICATE_WEEK,
                B + " " + WeekIssue.COUNTS_MISMATCH,
                C + " " + WeekIssue.MARKER_MISSING,
                D + " " + WeekIssue.UNREADABLE_RECORD,
                B + " " + WeekIssue.LATE_RECORDS);
        assertThat(issues).allSatisfy(x -> assertThat(x.message).contains(x.week));
        // The sequential market analyses see the computed weeks in order, the rejected ones skipped: flows of
        // D against A and of E against D (nothing moved), and every node of the three-node weeks ranked.
        assertThat(sectorFlows).extracting(x -> x.week + " vs " + x.previous).containsExactly(D + " vs " + A, E + " vs " + D);
        assertThat(sectorFlows).allSatisfy(x -> {
            assertThat(x.sector("Lending").tvlUsd).isEqualTo(100.0);
            assertThat(x.sector("Lending").netInflowUsd).isZero();
            assertThat(x.varNote).isNotBlank();
        });
        assertThat(anomalies).extracting(x -> x.week + " " + x.rank).containsExactlyInAnyOrder(
                A + " 1", A + " 2", A + " 3", D + " 1", D + " 2", D + " 3", E + " 1", E + " 2", E + " 3");
    }
}
