package io.dexposure.replayer.snapshot;

import java.time.LocalDate;
import java.util.List;

/**
 * One week of the snapshot file, validated: every link's endpoints are nodes of the same week.
 *
 * @param week         the snapshot date (the key under {@code data})
 * @param nodes        in file order
 * @param links        in file order, without the dropped ones, negative sizes already flipped
 * @param droppedLinks links left out: non-positive ones under {@link NonPositiveLinkPolicy#DROP}, and
 *                     links from the unresolved node to itself
 * @param flippedLinks links whose negative size was turned into the reverse direction
 *                     ({@link NonPositiveLinkPolicy#FLIP})
 * @param nullIdNodes  nodes of the file whose id was null or "None" (all merged into the one
 *                     {@link io.dexposure.events.UnresolvedNode})
 * @param nullIdLinks  links of the file with a null (or "None") source or target, attached to the
 *                     unresolved node (kept, unless dropped for their size)
 * @param nonPositiveLinks links of the file with {@code size <= 0}, dropped or flipped
 */
public record WeekSnapshot(LocalDate week, List<SnapshotNode> nodes, List<SnapshotLink> links, int droppedLinks,
                           int flippedLinks, int nullIdNodes, int nullIdLinks, int nonPositiveLinks) {

    /** A week with no null ids and no non-positive links beyond the flipped ones (generated weeks, tests). */
    public WeekSnapshot(LocalDate week, List<SnapshotNode> nodes, List<SnapshotLink> links, int droppedLinks,
                        int flippedLinks) {
        this(week, nodes, links, droppedLinks, flippedLinks, 0, 0, flippedLinks);
    }
}
