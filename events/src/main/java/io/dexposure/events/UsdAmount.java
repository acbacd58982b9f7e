package io.dexposure.events;

import java.util.Locale;

/** USD amounts as people read them in messages and tables: "$1.23B", "$45.6M", "$789". */
public final class UsdAmount {
    private UsdAmount() {
    }

    public static String format(double value) {
        double abs = Math.abs(value);
        if (abs >= 1e9) {
            return String.format(Locale.US, "$%.2fB", value / 1e9);
        }
        if (abs >= 1e6) {
            return String.format(Locale.US, "$%.1fM", value / 1e6);
        }
        return String.format(Locale.US, "$%,.0f", value);
    }
}
