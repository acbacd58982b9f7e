package io.dexposure.replayer.pull;

import io.dexposure.snapshot.WeekSnapshot;

/** A week built from fresh pulls, ready to publish or write, and its report. */
public record PulledWeek(WeekSnapshot snapshot, WeekPullReport report) {
}
