package io.dexposure.replayer.publish;

import java.time.Duration;
import java.time.LocalDate;

/**
 * A week whose transaction was committed: its records are visible to read_committed consumers.
 *
 * @param records nodes + links + 1 (the week-closed marker)
 * @param bytes   key and value bytes handed to the producer (before compression)
 */
public record CommittedWeek(LocalDate week, int nodes, int links, long records, long bytes, Duration took) {
}
