package io.dexposure.snapshot;

import java.time.LocalDate;
import java.util.List;

/**
 * One week of the snapshot file, validated: every link's endpoints are nodes of the same week.
 *
 * @param week         the snapshot date (the key under {@code data})
 * @param nodes        in file order
 * @param links        in file order, without the dropped ones, negative sizes already flipped
 * @param droppedLinks links left out because their target (or source) was null
 * @param flippedLinks links whose negative size was turned into the reverse direction
 */
public record WeekSnapshot(LocalDate week, List<SnapshotNode> nodes, List<SnapshotLink> links, int droppedLinks,
                           int flippedLinks) {
}
