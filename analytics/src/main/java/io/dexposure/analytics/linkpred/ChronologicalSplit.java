package io.dexposure.analytics.linkpred;

/**
 * Weeks in time order: the first {@code train} for fitting, the next {@code validation} for model
 * selection, the last {@code test} scored. DeXposure-FM splits the 283 real weeks 226 / 24 / 33.
 */
public record ChronologicalSplit(int train, int validation, int test) {
    public static final int REAL_WEEKS = 283;
    public static final int REAL_VALIDATION = 24;
    public static final int REAL_TEST = 33;

    public ChronologicalSplit {
        if (train < 2 || validation < 0 || test < 1) {
            throw new IllegalArgumentException("a split needs at least 2 training weeks and 1 test week, got "
                    + train + " / " + validation + " / " + test);
        }
    }

    /** DeXposure-FM's proportions for a history of {@code weeks} weeks (at least one validation and one test week). */
    public static ChronologicalSplit proportional(int weeks) {
        int test = Math.max(1, (int) Math.round(weeks * (double) REAL_TEST / REAL_WEEKS));
        int validation = Math.max(1, (int) Math.round(weeks * (double) REAL_VALIDATION / REAL_WEEKS));
        return new ChronologicalSplit(weeks - validation - test, validation, test);
    }

    public int weeks() {
        return train + validation + test;
    }

    /** Index of the first test week. */
    public int firstTest() {
        return train + validation;
    }
}
