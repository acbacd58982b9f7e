package io.dexposure.events;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Weeks are named by their snapshot date, ISO "YYYY-MM-DD"; event time is that date's UTC midnight. */
public final class WeekDates {
    private WeekDates() {
    }

    /** Parses a week key; returns null when it is not an ISO date (callers turn that into their own error). */
    public static LocalDate parseOrNull(String week) {
        if (week == null || week.length() != 10) {
            return null;
        }
        try {
            return LocalDate.parse(week);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    public static long epochMillis(LocalDate week) {
        return week.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
    }

    public static long epochMillis(String week) {
        LocalDate date = parseOrNull(week);
        if (date == null) {
            throw new IllegalArgumentException("not a week date (YYYY-MM-DD): '" + week + "'");
        }
        return epochMillis(date);
    }

    public static LocalDate fromEpochMillis(long millis) {
        return java.time.Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC).toLocalDate();
    }
}
