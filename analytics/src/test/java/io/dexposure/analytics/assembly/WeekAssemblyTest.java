package io.dexposure.analytics.assembly;

import io.dexposure.events.SnapshotEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class WeekAssemblyTest {
    private static final String WEEK = "2022-05-09";

    /** Two protocols, a bucket, two links and the marker, in publishing order. */
    static List<SnapshotEvent> completeWeek() {
        List<SnapshotEvent> events = new ArrayList<>();
        events.add(SnapshotEvent.node(WEEK, 0, "1", 100.0, Map.of("USDT", 40.0, "B", 60.0), "Alpha", "Lending"));
        events.add(SnapshotEvent.node(WEEK, 1, "2", 50.0, Map.of(), "Beta", "Dexes"));
        events.add(SnapshotEvent.node(WEEK, 2, "USDT", 40.0, Map.of("USDT", 40.0), null, null));
        events.add(SnapshotEvent.link(WEEK, 0, "1", "2", 60.0, Map.of("B", 60.0), false));
        events.add(SnapshotEvent.link(WEEK, 1, "1", "USDT", 40.0, Map.of("USDT", 40.0), true));
        events.add(SnapshotEvent.weekClosed(WEEK, 3, 2, 1, 1, "test.json"));
        return events;
    }

    @Test
    void completeWeekBecomesANetwork() {
        AssembledWeek week = WeekAssembly.assemble(WEEK, completeWeek());

        assertThat(week.isComplete()).isTrue();
        assertThat(week.network().nodeCount()).isEqualTo(3);
        assertThat(week.network().linkCount()).isEqualTo(2);
        assertThat(week.network().droppedLinks()).isEqualTo(1);
        assertThat(week.network().flippedLinks()).isEqualTo(1);
        assertThat(week.network().name(week.network().indexOf("1"))).isEqualTo("Alpha");
    }

    @Test
    void arrivalOrderDoesNotMatterNodesKeepSeqOrder() {
        List<SnapshotEvent> events = completeWeek();
        java.util.Collections.reverse(events);
        AssembledWeek week = WeekAssembly.assemble(WEEK, events);

        assertThat(week.isComplete()).isTrue();
        assertThat(week.network().id(0)).isEqualTo("1");
        assertThat(week.network().id(2)).isEqualTo("USDT");
    }

    @Test
    void identicalDuplicatesCountOnce() {
        List<SnapshotEvent> events = completeWeek();
        events.add(SnapshotEvent.link(WEEK, 0, "1", "2", 60.0, Map.of("B", 60.0), false));
        events.add(SnapshotEvent.weekClosed(WEEK, 3, 2, 1, 1, "test.json"));
        AssembledWeek week = WeekAssembly.assemble(WEEK, events);

        assertThat(week.isComplete()).isTrue();
        assertThat(week.network().linkCount()).isEqualTo(2);
        assertThat(week.network().weight(0) + week.network().weight(1)).isEqualTo(100.0);
    }

    @Test
    void missingMarkerIsReported() {
        List<SnapshotEvent> events = completeWeek();
        events.remove(events.size() - 1);
        AssembledWeek week = WeekAssembly.assemble(WEEK, events);

        assertThat(week.isComplete()).isFalse();
        assertThat(week.issue().problem).isEqualTo(WeekIssue.MARKER_MISSING);
        assertThat(week.issue().id).isEqualTo(WEEK + ":marker-missing");
        assertThat(week.issue().receivedNodes).isEqualTo(3);
        assertThat(week.issue().receivedLinks).isEqualTo(2);
    }

    @Test
    void missingRecordIsReportedWithCounts() {
        List<SnapshotEvent> events = completeWeek();
        events.remove(3);
        AssembledWeek week = WeekAssembly.assemble(WEEK, events);

        assertThat(week.isComplete()).isFalse();
        assertThat(week.issue().problem).isEqualTo(WeekIssue.COUNTS_MISMATCH);
        assertThat(week.issue().expectedLinks).isEqualTo(2);
        assertThat(week.issue().receivedLinks).isEqualTo(1);
        assertThat(week.issue().message).contains("announced 3 nodes and 2 links but 3 and 1 arrived");
    }

    @Test
    void recordBeyondAnnouncedCountIsReported() {
        List<SnapshotEvent> events = completeWeek();
        events.add(SnapshotEvent.node(WEEK, 3, "3", 1.0, Map.of(), null, null));
        AssembledWeek week = WeekAssembly.assemble(WEEK, events);

        assertThat(week.issue().problem).isEqualTo(WeekIssue.COUNTS_MISMATCH);
        assertThat(week.issue().message).contains("seq 3");
    }

    @Test
    void conflictingDuplicateIsInconsistent() {
        List<SnapshotEvent> events = completeWeek();
        events.add(SnapshotEvent.link(WEEK, 0, "1", "2", 61.0, Map.of("B", 61.0), false));
        AssembledWeek week = WeekAssembly.assemble(WEEK, events);

        assertThat(week.issue().problem).isEqualTo(WeekIssue.INCONSISTENT);
    }

    @Test
    void markersThatDisagreeAreInconsistent() {
        List<SnapshotEvent> events = completeWeek();
        events.add(SnapshotEvent.weekClosed(WEEK, 4, 2, 0, 0, "other.json"));
        AssembledWeek week = WeekAssembly.assemble(WEEK, events);

        assertThat(week.issue().problem).isEqualTo(WeekIssue.INCONSISTENT);
    }

    @Test
    void linkToUnknownNodeIsInconsistent() {
        List<SnapshotEvent> events = completeWeek();
        events.set(3, SnapshotEvent.link(WEEK, 0, "1", "404", 60.0, Map.of(), false));
        AssembledWeek week = WeekAssembly.assemble(WEEK, events);

        assertThat(week.issue().problem).isEqualTo(WeekIssue.INCONSISTENT);
        assertThat(week.issue().message).contains("'404'");
    }
}
