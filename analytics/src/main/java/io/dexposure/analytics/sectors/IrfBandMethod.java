package io.dexposure.analytics.sectors;

import java.util.Arrays;

/**
 * How the confidence bands of the orthogonalised impulse responses are drawn.
 * <ul>
 * <li>{@link #ASYMPTOTIC}: the delta-method standard errors (Lütkepohl 2005, sec. 3.7), estimate +- z_(1-alpha/2)
 * standard errors; closed form, deterministic, statsmodels' default {@code stderr_type='asym'}.</li>
 * <li>{@link #BOOTSTRAP}: residual bootstrap, the (alpha/2, 1 - alpha/2) quantiles of refitted draws; not symmetric,
 * so it follows skewed small-sample distributions, at the price of one VAR refit per draw.</li>
 * </ul>
 */
public enum IrfBandMethod {
    ASYMPTOTIC, BOOTSTRAP;

    /** The flag's spelling: "asymptotic" or "bootstrap". */
    public String flagValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static IrfBandMethod parse(String value) {
        for (IrfBandMethod m : values()) {
            if (m.flagValue().equals(value)) {
                return m;
            }
        }
        throw new IllegalArgumentException("IRF bands: '" + value + "' is none of "
                + Arrays.stream(values()).map(IrfBandMethod::flagValue).toList());
    }
}
