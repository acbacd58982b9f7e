package io.dexposure.tools.explorer;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Where a node is drawn, computed once from its id and group alone, so it is the same in every week and
 * every report (a node never jumps when the slider moves, and a force layout of 11k nodes is never run in
 * the browser). Each group (sector or node kind) is a disc whose centre sits on an elliptic ring in a fixed group
 * order; inside its disc a node's place comes from a hash of its id (uniform over the disc).
 */
public final class StableLayout {
    /** The ring the group discs sit on, and each disc's radius (arbitrary units; the page scales to fit). */
    static final double RING_RADIUS = 1000;
    static final double GROUP_RADIUS = 300;
    /** The ring is drawn as an ellipse this much wider than tall, to fill the page's landscape graph area. */
    static final double ASPECT = 1.8;

    private final List<String> groups;

    /** @param groups every group in drawing order; a group not listed goes to the centre */
    public StableLayout(List<String> groups) {
        this.groups = List.copyOf(groups);
    }

    /** {x, y} of a node. */
    public double[] position(String id, String group) {
        int g = groups.indexOf(group);
        double cx = 0;
        double cy = 0;
        if (g >= 0) {
            double angle = 2 * Math.PI * g / groups.size() - Math.PI / 2;
            cx = ASPECT * RING_RADIUS * Math.cos(angle);
            cy = RING_RADIUS * Math.sin(angle);
        }
        long h = fnv1a64(id);
        double u = ((h >>> 11) & ((1L << 26) - 1)) / (double) (1L << 26);
        double v = ((h >>> 37) & ((1L << 26) - 1)) / (double) (1L << 26);
        double r = GROUP_RADIUS * Math.sqrt(u);
        double theta = 2 * Math.PI * v;
        return new double[]{round1(cx + r * Math.cos(theta)), round1(cy + r * Math.sin(theta))};
    }

    /** FNV-1a, then a SplitMix64 finaliser so that ids differing in one character land far apart. */
    static long fnv1a64(String id) {
        long h = 0xcbf29ce484222325L;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    private static double round1(double x) {
        return Math.round(x * 10) / 10.0;
    }
}
