package io.dexposure.analytics.metrics;

/** A link and its Ollivier-Ricci curvature, for the weekly record's most-negative list. */
public class CurvedLink {
    public String source;
    public String target;
    public double curvature;

    public CurvedLink() {
    }

    public CurvedLink(String source, String target, double curvature) {
        this.source = source;
        this.target = target;
        this.curvature = curvature;
    }
}
