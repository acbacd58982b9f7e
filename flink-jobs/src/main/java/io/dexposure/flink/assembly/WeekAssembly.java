package io.dexposure.flink.assembly;

import io.dexposure.events.SnapshotEvent;
import io.dexposure.events.WeekDates;
import io.dexposure.flink.network.WeeklyNetwork;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Turns the records of one week into a {@link WeeklyNetwork}, or into a {@link WeekIssue} when they do
 * not add up. Plain code, no Flink: the window function only hands it the window's contents.
 *
 * <p>Rules: the week-closed marker must be there; node seqs must be exactly 0..nodes-1 and link seqs
 * 0..links-1 as the marker announces; a record repeated with the same seq and the same content is a
 * harmless duplicate (an at-least-once producer) and counted once; the same seq with different
 * content, or a link to a node the week does not have, makes the week inconsistent.
 */
public final class WeekAssembly {
    private WeekAssembly() {
    }

    public static AssembledWeek assemble(String week, Iterable<SnapshotEvent> records) {
        LocalDate date = WeekDates.parseOrNull(week);
        SnapshotEvent marker = null;
        int markers = 0;
        int nodeCount = 0;
        int linkCount = 0;
        for (SnapshotEvent e : records) {
            if (e.isWeekClosed()) {
                if (marker != null && !sameCounts(marker, e)) {
                    return AssembledWeek.failed(issue(week, WeekIssue.INCONSISTENT,
                            "Week " + week + " has two week-closed markers with different counts ("
                                    + marker.nodes + "/" + marker.links + " vs " + e.nodes + "/" + e.links + ").",
                            marker, 0, 0, 0));
                }
                marker = marker == null ? e : marker;
                markers++;
            } else if (e.isNode()) {
                nodeCount++;
            } else if (e.isLink()) {
                linkCount++;
            }
        }
        if (marker == null) {
            return AssembledWeek.failed(issue(week, WeekIssue.MARKER_MISSING,
                    "Week " + week + " never received its week-closed marker (" + nodeCount + " node and "
                            + linkCount + " link records arrived); it was not computed.",
                    null, nodeCount, linkCount, 0));
        }

        if (marker.nodes == null || marker.links == null || marker.nodes < 0 || marker.links < 0) {
            return AssembledWeek.failed(issue(week, WeekIssue.INCONSISTENT,
                    "Week " + week + " has a week-closed marker without valid node and link counts; it was not computed.",
                    marker, nodeCount, linkCount, 0));
        }
        SnapshotEvent[] nodes = new SnapshotEvent[marker.nodes];
        SnapshotEvent[] links = new SnapshotEvent[marker.links];
        int duplicates = markers - 1;
        int receivedNodes = 0;
        int receivedLinks = 0;
        for (SnapshotEvent e : records) {
            if (e.isWeekClosed()) {
                continue;
            }
            SnapshotEvent[] slots = e.isNode() ? nodes : links;
            Integer seq = e.seq;
            if (seq == null || seq < 0 || seq >= slots.length) {
                return AssembledWeek.failed(issue(week, WeekIssue.COUNTS_MISMATCH,
                        "Week " + week + " has a " + e.type + " record with seq " + seq + " outside the "
                                + slots.length + " the week-closed marker announces; it was not computed.",
                        marker, nodeCount, linkCount, duplicates));
            }
            SnapshotEvent earlier = slots[seq];
            if (earlier == null) {
                slots[seq] = e;
                if (e.isNode()) {
                    receivedNodes++;
                } else {
                    receivedLinks++;
                }
            } else if (earlier.equals(e)) {
                duplicates++;
            } else {
                return AssembledWeek.failed(issue(week, WeekIssue.INCONSISTENT,
                        "Week " + week + " has two different " + e.type + " records with seq " + seq
                                + "; it was not computed.", marker, receivedNodes, receivedLinks, duplicates));
            }
        }
        if (receivedNodes != nodes.length || receivedLinks != links.length) {
            return AssembledWeek.failed(issue(week, WeekIssue.COUNTS_MISMATCH,
                    "Week " + week + " announced " + nodes.length + " nodes and " + links.length
                            + " links but " + receivedNodes + " and " + receivedLinks
                            + " arrived; it was not computed.", marker, receivedNodes, receivedLinks, duplicates));
        }

        WeeklyNetwork.WeeklyNetworkBuilder builder = WeeklyNetwork.builder(date);
        try {
            for (SnapshotEvent n : nodes) {
                builder.addNode(n.id, n.tvlUsd == null ? 0.0 : n.tvlUsd, n.name, n.category, n.composition);
            }
            for (SnapshotEvent l : links) {
                builder.addLink(l.source, l.target, l.exposureUsd == null ? 0.0 : l.exposureUsd);
            }
        } catch (IllegalArgumentException e) {
            return AssembledWeek.failed(issue(week, WeekIssue.INCONSISTENT, e.getMessage() + "; it was not computed.",
                    marker, receivedNodes, receivedLinks, duplicates));
        }
        builder.droppedLinks(orZero(marker.droppedLinks)).flippedLinks(orZero(marker.flippedLinks));
        builder.inputQuirks(orZero(marker.nullIdNodes), orZero(marker.nullIdLinks), orZero(marker.nonPositiveLinks));
        return AssembledWeek.complete(builder.build());
    }

    private static boolean sameCounts(SnapshotEvent a, SnapshotEvent b) {
        return Objects.equals(a.nodes, b.nodes) && Objects.equals(a.links, b.links);
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static WeekIssue issue(String week, String problem, String message, SnapshotEvent marker,
                                   int receivedNodes, int receivedLinks, int duplicates) {
        WeekIssue issue = WeekIssue.of(week, problem, message);
        issue.expectedNodes = marker == null ? null : marker.nodes;
        issue.expectedLinks = marker == null ? null : marker.links;
        issue.receivedNodes = receivedNodes;
        issue.receivedLinks = receivedLinks;
        issue.duplicateRecords = duplicates;
        return issue;
    }
}
