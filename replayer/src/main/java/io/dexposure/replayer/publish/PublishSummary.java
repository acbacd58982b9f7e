package io.dexposure.replayer.publish;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What one {@link WeekPublisher#publishAll} run did.
 *
 * @param resumedAfter      the last week already committed on the topic when the run started (weeks up to it were
 *                          skipped); empty when the topic had none
 * @param weeksPublished    weeks committed by this run
 * @param weeksSkipped      weeks of the input at or before {@code resumedAfter}
 * @param lastCommittedWeek the topic's last committed week after the run
 * @param records           records committed by this run
 * @param bytes             key and value bytes committed by this run (before compression)
 */
public record PublishSummary(Optional<LocalDate> resumedAfter, long weeksPublished, long weeksSkipped,
                             Optional<LocalDate> lastCommittedWeek, long records, long bytes, Duration elapsed) {

    public double eventsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? records / seconds : 0;
    }
}
