package io.dexposure.analytics.week;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;

/**
 * Which buffered weeks may go to the sequential operators now, in week order. Weeks are analysed in
 * parallel and finish in any order; a week is released when every earlier week has been, which is known
 * either because it directly follows the last released week (the next Monday: no waiting on a live
 * feed), or because the watermark has passed it (a gap in the data, or the first week of a run).
 */
public final class WeekOrder {
    private WeekOrder() {
    }

    /**
     * @param buffered     buffered weeks (ISO dates sort chronologically)
     * @param lastReleased the last week released, or null before the first
     * @param watermark    the operator's current event-time watermark
     * @return the weeks to release now, oldest first
     */
    public static List<String> releasable(NavigableSet<String> buffered, String lastReleased, long watermark) {
        List<String> out = new ArrayList<>();
        String last = lastReleased;
        for (String week : buffered) {
            boolean next = last != null && LocalDate.parse(last).plusWeeks(1).toString().equals(week);
            boolean passed = weekEnd(week) <= watermark;
            if (!next && !passed) {
                break;
            }
            out.add(week);
            last = week;
        }
        return out;
    }

    /** The timestamp the weekly window gives a week's results: the last millisecond of the week. */
    public static long weekEnd(String week) {
        return LocalDate.parse(week).plusWeeks(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant().toEpochMilli() - 1;
    }
}
