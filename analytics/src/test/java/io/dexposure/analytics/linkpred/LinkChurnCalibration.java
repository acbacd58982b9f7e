package io.dexposure.analytics.linkpred;

/** The keep probability that gives the shipped sample's churned links a persistence of about 0.53. */
final class LinkChurnCalibration {
    static final double KEEP_FOR_REAL_PERSISTENCE = 0.53;

    private LinkChurnCalibration() {
    }
}
