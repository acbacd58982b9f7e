package io.dexposure.replayer.generate;

import io.dexposure.events.UnresolvedNode;
import io.dexposure.events.NodeKind;
import io.dexposure.replayer.snapshot.SnapshotLink;
import io.dexposure.replayer.snapshot.SnapshotNode;
import io.dexposure.replayer.snapshot.WeekSnapshot;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One generated week in compact arrays (a real-scale week is ~11k nodes, ~75k links), in the order
 * it is written: protocol nodes by id, then the token buckets; links grouped by source. All amounts
 * are whole US cents, so sizes equal the sums of their compositions exactly and print the same on
 * every JVM. Compositions are stored as ranges into shared token/amount arrays.
 */
public final class GeneratedWeek {
    private final LocalDate week;
    private final String[] nodeIds;
    private final long[] nodeCents;
    private final int[] nodeCompositionStart;
    private final String[] nodeTokens;
    private final long[] nodeTokenCents;
    private final int[] linkSources;
    private final int[] linkTargets;
    private final long[] linkCents;
    private final int[] linkCompositionStart;
    private final String[] linkTokens;
    private final long[] linkTokenCents;

    GeneratedWeek(LocalDate week, String[] nodeIds, long[] nodeCents, int[] nodeCompositionStart, String[] nodeTokens,
                  long[] nodeTokenCents, int[] linkSources, int[] linkTargets, long[] linkCents,
                  int[] linkCompositionStart, String[] linkTokens, long[] linkTokenCents) {
        this.week = week;
        this.nodeIds = nodeIds;
        this.nodeCents = nodeCents;
        this.nodeCompositionStart = nodeCompositionStart;
        this.nodeTokens = nodeTokens;
        this.nodeTokenCents = nodeTokenCents;
        this.linkSources = linkSources;
        this.linkTargets = linkTargets;
        this.linkCents = linkCents;
        this.linkCompositionStart = linkCompositionStart;
        this.linkTokens = linkTokens;
        this.linkTokenCents = linkTokenCents;
    }

    public LocalDate week() {
        return week;
    }

    public int nodeCount() {
        return nodeIds.length;
    }

    public int linkCount() {
        return linkSources.length;
    }

    public String nodeId(int node) {
        return nodeIds[node];
    }

    public NodeKind nodeKind(int node) {
        return NodeKind.classify(nodeIds[node]);
    }

    /** The node's TVL (its {@code size}) in whole cents. */
    public long nodeSizeCents(int node) {
        return nodeCents[node];
    }

    public double nodeTvlUsd(int node) {
        return nodeCents[node] / 100.0;
    }

    public int nodeCompositionSize(int node) {
        return nodeCompositionStart[node + 1] - nodeCompositionStart[node];
    }

    public String nodeCompositionToken(int node, int entry) {
        return nodeTokens[nodeCompositionStart[node] + entry];
    }

    public long nodeCompositionCents(int node, int entry) {
        return nodeTokenCents[nodeCompositionStart[node] + entry];
    }

    /** Index of the source node (the holder, exposed to the target). */
    public int linkSource(int link) {
        return linkSources[link];
    }

    /** Index of the target node (the issuer of the tokens held, or their bucket). */
    public int linkTarget(int link) {
        return linkTargets[link];
    }

    public long linkSizeCents(int link) {
        return linkCents[link];
    }

    public double linkExposureUsd(int link) {
        return linkCents[link] / 100.0;
    }

    public int linkCompositionSize(int link) {
        return linkCompositionStart[link + 1] - linkCompositionStart[link];
    }

    public String linkCompositionToken(int link, int entry) {
        return linkTokens[linkCompositionStart[link] + entry];
    }

    public long linkCompositionCents(int link, int entry) {
        return linkTokenCents[linkCompositionStart[link] + entry];
    }

    /** Node index of an id, or -1; a linear scan (use it for a few look-ups, not in loops). */
    public int indexOfNode(String id) {
        for (int i = 0; i < nodeIds.length; i++) {
            if (nodeIds[i].equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** Sum of the node sizes in cents. */
    public long totalTvlCents() {
        long sum = 0;
        for (long c : nodeCents) {
            sum += c;
        }
        return sum;
    }

    /**
     * The week as the snapshot reader reads it by default, for code that consumes {@link WeekSnapshot}s:
     * links of size &lt;= 0 (generator v2 writes some, as the real files have them) are dropped and counted;
     * the unresolved node "None" (written with a null id) and links to it are counted. Compositions keep
     * the file order.
     */
    public WeekSnapshot toWeekSnapshot() {
        List<SnapshotNode> nodes = new ArrayList<>(nodeIds.length);
        for (int n = 0; n < nodeIds.length; n++) {
            Map<String, Double> composition = new LinkedHashMap<>();
            for (int e = nodeCompositionStart[n]; e < nodeCompositionStart[n + 1]; e++) {
                composition.put(nodeTokens[e], nodeTokenCents[e] / 100.0);
            }
            nodes.add(new SnapshotNode(nodeIds[n], nodeCents[n] / 100.0, Collections.unmodifiableMap(composition)));
        }
        List<SnapshotLink> links = new ArrayList<>(linkSources.length);
        int nonPositive = 0;
        int nullIdLinks = 0;
        int nullIdNodes = 0;
        for (String id : nodeIds) {
            nullIdNodes += UnresolvedNode.isUnresolved(id) ? 1 : 0;
        }
        for (int l = 0; l < linkSources.length; l++) {
            if (UnresolvedNode.isUnresolved(nodeIds[linkSources[l]]) || UnresolvedNode.isUnresolved(nodeIds[linkTargets[l]])) {
                nullIdLinks++;
            }
            if (linkCents[l] <= 0) {
                nonPositive++;
                continue;
            }
            Map<String, Double> composition = new LinkedHashMap<>();
            for (int e = linkCompositionStart[l]; e < linkCompositionStart[l + 1]; e++) {
                composition.put(linkTokens[e], linkTokenCents[e] / 100.0);
            }
            links.add(new SnapshotLink(nodeIds[linkSources[l]], nodeIds[linkTargets[l]], linkCents[l] / 100.0,
                    Collections.unmodifiableMap(composition), false));
        }
        return new WeekSnapshot(week, Collections.unmodifiableList(nodes), Collections.unmodifiableList(links),
                nonPositive, 0, nullIdNodes, nullIdLinks, nonPositive);
    }
}
