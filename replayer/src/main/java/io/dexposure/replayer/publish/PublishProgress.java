package io.dexposure.replayer.publish;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;

/**
 * Reported after each committed week of {@link WeekPublisher#publishAll}.
 *
 * @param week           the week just committed
 * @param nodes          its node count
 * @param links          its link count
 * @param weeksPublished weeks committed so far in this run (skipped weeks not counted)
 * @param records        records committed so far in this run
 * @param bytes          key and value bytes committed so far in this run (before compression)
 * @param elapsed        since the first week of this run started publishing (pacing pauses included)
 */
public record PublishProgress(LocalDate week, int nodes, int links, long weeksPublished, long records, long bytes,
                              Duration elapsed) {

    /** Records per second of wall-clock time since the run started publishing. */
    public double eventsPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? records / seconds : 0;
    }

    /** e.g. "week 2022-05-09: 5,812 nodes, 27,110 links | 34 weeks | 52,000 events/s". */
    public String describe() {
        return String.format(Locale.US, "week %s: %,d nodes, %,d links | %,d weeks | %,.0f events/s",
                week, nodes, links, weeksPublished, eventsPerSecond());
    }
}
