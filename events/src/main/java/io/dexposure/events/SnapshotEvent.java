package io.dexposure.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.Map;
import java.util.Objects;

/**
 * One record on the snapshot-events topic: a node, an exposure link, or the week-closed marker.
 *
 * <p>A flat tagged union (field {@code type}) rather than a class hierarchy, so that Flink treats it
 * as a POJO (no Kryo for the record itself) and the JSON stays one flat object per record. Fields not
 * used by a type are null and left out of the JSON. Field tables are in the README.
 *
 * <p>Within a week the replayer writes every node (seq 0..nodes-1), then every link (seq
 * 0..links-1), then the marker, all in one Kafka transaction; the marker's counts let the job tell a
 * complete week from one that does not add up, and seq lets it drop duplicates.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "week", "seq", "id", "kind", "name", "category", "tvlUsd", "source", "target",
        "exposureUsd", "flipped", "composition", "nodes", "links", "droppedLinks", "flippedLinks",
        "nullIdNodes", "nullIdLinks", "nonPositiveLinks", "origin"})
public class SnapshotEvent {
    public static final String NODE = "node";
    public static final String LINK = "link";
    public static final String WEEK_CLOSED = "week-closed";

    /** "node", "link" or "week-closed". */
    public String type;
    /** The snapshot date, YYYY-MM-DD; also the Kafka key and the event time. */
    public String week;
    /** Position of a node or link within its week (0-based, per type); null on the marker. */
    public Integer seq;

    // node
    public String id;
    /** "protocol" or "token_bucket" (see NodeKind). */
    public String kind;
    public String name;
    public String category;
    public Double tvlUsd;

    // link: source holds tokens issued by target, so source is exposed to target
    public String source;
    public String target;
    public Double exposureUsd;
    /** True when the file gave a negative size and the replayer turned it into target -> source. */
    public Boolean flipped;

    /** node: token -> USD held; link: the tokens that make up the exposure. */
    public Map<String, Double> composition;

    // week-closed
    public Integer nodes;
    public Integer links;
    /** Links in the file that were dropped (size &lt;= 0 under the default rule); not counted in links. */
    public Integer droppedLinks;
    /** Links whose negative size was flipped; counted in links. */
    public Integer flippedLinks;
    /** Nodes in the file with a null (or "None") id, merged into the one UnresolvedNode; null on old markers. */
    public Integer nullIdNodes;
    /** Links in the file with a null (or "None") source or target, attached to the UnresolvedNode. */
    public Integer nullIdLinks;
    /** Links in the file with size &lt;= 0, whether dropped or flipped. */
    public Integer nonPositiveLinks;
    /** Where the week came from: the snapshot file name, or "pull". */
    public String origin;

    public SnapshotEvent() {
    }

    public static SnapshotEvent node(String week, int seq, String id, double tvlUsd, Map<String, Double> composition,
                                     String name, String category) {
        SnapshotEvent e = new SnapshotEvent();
        e.type = NODE;
        e.week = week;
        e.seq = seq;
        e.id = id;
        e.kind = NodeKind.classify(id).jsonName();
        e.tvlUsd = tvlUsd;
        e.composition = composition;
        e.name = name;
        e.category = category;
        return e;
    }

    public static SnapshotEvent link(String week, int seq, String source, String target, double exposureUsd,
                                     Map<String, Double> composition, boolean flipped) {
        SnapshotEvent e = new SnapshotEvent();
        e.type = LINK;
        e.week = week;
        e.seq = seq;
        e.source = source;
        e.target = target;
        e.exposureUsd = exposureUsd;
        e.composition = composition;
        e.flipped = flipped ? Boolean.TRUE : null;
        return e;
    }

    public static SnapshotEvent weekClosed(String week, int nodes, int links, int droppedLinks, int flippedLinks,
                                           String origin) {
        SnapshotEvent e = new SnapshotEvent();
        e.type = WEEK_CLOSED;
        e.week = week;
        e.nodes = nodes;
        e.links = links;
        e.droppedLinks = droppedLinks;
        e.flippedLinks = flippedLinks;
        e.origin = origin;
        return e;
    }

    /** A marker that also counts the null ids and non-positive links of the week as read. */
    public static SnapshotEvent weekClosed(String week, int nodes, int links, int droppedLinks, int flippedLinks,
                                           int nullIdNodes, int nullIdLinks, int nonPositiveLinks, String origin) {
        SnapshotEvent e = weekClosed(week, nodes, links, droppedLinks, flippedLinks, origin);
        e.nullIdNodes = nullIdNodes;
        e.nullIdLinks = nullIdLinks;
        e.nonPositiveLinks = nonPositiveLinks;
        return e;
    }

    @JsonIgnore // a derived test, not a field: keep it out of the JSON
    public boolean isNode() {
        return NODE.equals(type);
    }

    @JsonIgnore // a derived test, not a field: keep it out of the JSON
    public boolean isLink() {
        return LINK.equals(type);
    }

    @JsonIgnore // a derived test, not a field: keep it out of the JSON
    public boolean isWeekClosed() {
        return WEEK_CLOSED.equals(type);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof SnapshotEvent)) {
            return false;
        }
        SnapshotEvent e = (SnapshotEvent) o;
        return Objects.equals(type, e.type) && Objects.equals(week, e.week) && Objects.equals(seq, e.seq)
                && Objects.equals(id, e.id) && Objects.equals(kind, e.kind) && Objects.equals(name, e.name)
                && Objects.equals(category, e.category) && Objects.equals(tvlUsd, e.tvlUsd)
                && Objects.equals(source, e.source) && Objects.equals(target, e.target)
                && Objects.equals(exposureUsd, e.exposureUsd) && Objects.equals(flipped, e.flipped)
                && Objects.equals(composition, e.composition) && Objects.equals(nodes, e.nodes)
                && Objects.equals(links, e.links) && Objects.equals(droppedLinks, e.droppedLinks)
                && Objects.equals(flippedLinks, e.flippedLinks) && Objects.equals(nullIdNodes, e.nullIdNodes)
                && Objects.equals(nullIdLinks, e.nullIdLinks) && Objects.equals(nonPositiveLinks, e.nonPositiveLinks)
                && Objects.equals(origin, e.origin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, week, seq, id, source, target);
    }

    @Override
    public String toString() {
        return SnapshotEventJson.toJson(this);
    }
}
