package io.dexposure.analytics.assembly;

import io.dexposure.analytics.network.WeeklyNetwork;

/** The outcome of assembling one week: a network to analyse, or an issue to report. Exactly one is set. */
public record AssembledWeek(WeeklyNetwork network, WeekIssue issue) {
    public static AssembledWeek complete(WeeklyNetwork network) {
        return new AssembledWeek(network, null);
    }

    public static AssembledWeek failed(WeekIssue issue) {
        return new AssembledWeek(null, issue);
    }

    public boolean isComplete() {
        return network != null;
    }
}
