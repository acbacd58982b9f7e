package io.dexposure.analytics.linkpred;

import io.dexposure.analytics.week.NetworkWeek;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Re-draws a history's links so that they churn like the real data's (about {@code persistence} of a week's
 * links existed the week before, DeXposure-FM's persistence baseline implies ~0.53) while the nodes, their
 * sizes and compositions and the link count of every week stay those of the input. A stand-in for a
 * calibrated generator on histories whose links barely change; the churn has structure a model can learn:
 * <ul>
 *   <li>a link persists with a probability that grows with its share of the holder's exposure
 *       ({@code persistence} ± {@link #SPREAD}/2 from the holder's smallest to its largest link);</li>
 *   <li>new links (never one of last week's) are opened by holders in proportion to their link count in the
 *       input week, to an issuer the holder is exposed to in the input week ({@link #PREFERRED} of them: a
 *       holding that comes and goes) or else one held by a holder that shares an issuer with it (triadic closure).</li>
 * </ul>
 * Seeded: the same history, persistence and seed give the same links.
 */
public final class LinkChurn {
    /** Difference in persistence probability between a holder's largest and smallest link. */
    static final double SPREAD = 0.6;
    /** Share of new links drawn from the holder's links in the input week. */
    static final double PREFERRED = 0.6;

    private LinkChurn() {
    }

    public static List<NetworkWeek> apply(List<NetworkWeek> weeks, double persistence, long seed) {
        if (persistence <= 0 || persistence >= 1) {
            throw new IllegalArgumentException("link persistence must be in (0, 1), got " + persistence);
        }
        List<NetworkWeek> out = new ArrayList<>(weeks.size());
        SplittableRandom random = new SplittableRandom(seed);
        NetworkWeek previous = null;
        for (NetworkWeek base : weeks) {
            NetworkWeek churned = previous == null || !base.complete ? base : churn(previous, base, persistence, random.split());
            out.add(churned);
            if (churned.complete) {
                previous = churned;
            }
        }
        return out;
    }

    /** One week: {@code base}'s nodes, links drawn from {@code previous}'s (churned) links and base's preferences. */
    static NetworkWeek churn(NetworkWeek previous, NetworkWeek base, double persistence, SplittableRandom random) {
        int n = base.nodeCount();
        Map<String, Integer> index = base.indexById();
        int target = base.linkCount();
        List<int[]> links = new ArrayList<>(target);
        List<Double> weights = new ArrayList<>(target);
        Set<Long> present = new HashSet<>(target * 2);
        // Persisting links: each holder's links ranked by size, the larger the likelier to stay.
        Set<Long> before = new HashSet<>(previous.linkCount() * 2);
        Map<Integer, List<Integer>> byHolder = new HashMap<>();
        for (int k = 0; k < previous.linkCount(); k++) {
            byHolder.computeIfAbsent(previous.linkSources[k], x -> new ArrayList<>()).add(k);
        }
        for (List<Integer> own : byHolder.values()) {
            own.sort((a, b) -> Double.compare(previous.linkWeights[a], previous.linkWeights[b]));
            for (int r = 0; r < own.size(); r++) {
                int k = own.get(r);
                double rank = own.size() == 1 ? 0.5 : r / (double) (own.size() - 1);
                double keep = Math.max(0.02, Math.min(0.98, persistence + SPREAD * (rank - 0.5)));
                Integer s = index.get(previous.ids[previous.linkSources[k]]);
                Integer t = index.get(previous.ids[previous.linkTargets[k]]);
                if (s != null && t != null) {
                    before.add((long) s * n + t);
                }
                if (s != null && t != null && random.nextDouble() < keep && present.add((long) s * n + t)) {
                    links.add(new int[] {s, t});
                    weights.add(previous.linkWeights[k]);
                }
            }
        }
        // New links up to the base week's count.
        int[] holderOf = base.linkSources;
        int[][] issuersOf = adjacency(n, base.linkSources, base.linkTargets);
        int[][] holdersOf = adjacency(n, base.linkTargets, base.linkSources);
        double[][] weightsOf = weightsByHolder(n, base);
        int tries = 0;
        while (links.size() < target && tries++ < 20 * target) {
            int s = holderOf[random.nextInt(holderOf.length)];
            int[] own = issuersOf[s];
            int t;
            double w;
            if (random.nextDouble() < PREFERRED) {
                int pick = random.nextInt(own.length);
                t = own[pick];
                w = weightsOf[s][pick];
            } else {
                int via = own[random.nextInt(own.length)];
                int[] coHolders = holdersOf[via];
                int k = coHolders[random.nextInt(coHolders.length)];
                int[] theirs = issuersOf[k];
                t = theirs[random.nextInt(theirs.length)];
                w = weightsOf[s][random.nextInt(own.length)] * Math.exp(random.nextGaussian());
            }
            // A new link is new: not one of last week's (so that the share of persisting links is the keep rate).
            if (s != t && !before.contains((long) s * n + t) && present.add((long) s * n + t)) {
                links.add(new int[] {s, t});
                weights.add(w);
            }
        }
        return withLinks(base, links, weights);
    }

    private static int[][] adjacency(int n, int[] from, int[] to) {
        int[] count = new int[n];
        for (int f : from) {
            count[f]++;
        }
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            out[i] = new int[count[i]];
        }
        Arrays.fill(count, 0);
        for (int k = 0; k < from.length; k++) {
            out[from[k]][count[from[k]]++] = to[k];
        }
        return out;
    }

    private static double[][] weightsByHolder(int n, NetworkWeek base) {
        int[] count = new int[n];
        for (int s : base.linkSources) {
            count[s]++;
        }
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            out[i] = new double[count[i]];
        }
        Arrays.fill(count, 0);
        for (int k = 0; k < base.linkCount(); k++) {
            int s = base.linkSources[k];
            out[s][count[s]++] = base.linkWeights[k];
        }
        return out;
    }

    /** {@code base} with its links replaced, in CSR order (by holder). */
    private static NetworkWeek withLinks(NetworkWeek base, List<int[]> links, List<Double> weights) {
        Integer[] order = new Integer[links.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> links.get(a)[0] != links.get(b)[0] ? Integer.compare(links.get(a)[0], links.get(b)[0])
                : Integer.compare(links.get(a)[1], links.get(b)[1]));
        NetworkWeek w = new NetworkWeek();
        w.week = base.week;
        w.complete = true;
        w.ids = base.ids;
        w.names = base.names;
        w.categories = base.categories;
        w.tvlUsd = base.tvlUsd;
        w.compositionOffsets = base.compositionOffsets;
        w.compositionTokens = base.compositionTokens;
        w.compositionUsd = base.compositionUsd;
        w.pageRank = base.pageRank;
        w.linkSources = new int[order.length];
        w.linkTargets = new int[order.length];
        w.linkWeights = new double[order.length];
        for (int i = 0; i < order.length; i++) {
            w.linkSources[i] = links.get(order[i])[0];
            w.linkTargets[i] = links.get(order[i])[1];
            w.linkWeights[i] = weights.get(order[i]);
        }
        return w;
    }

    /** Share of {@code week}'s links between nodes present in {@code previous} that are links of {@code previous}. */
    public static double persistence(NetworkWeek previous, NetworkWeek week) {
        Map<String, Integer> at = previous.indexById();
        io.dexposure.analytics.linkpred.LinkSet before = io.dexposure.analytics.linkpred.LinkSet.of(previous);
        int both = 0;
        int kept = 0;
        for (int k = 0; k < week.linkCount(); k++) {
            Integer s = at.get(week.ids[week.linkSources[k]]);
            Integer t = at.get(week.ids[week.linkTargets[k]]);
            if (s != null && t != null) {
                both++;
                if (before.contains(s, t)) {
                    kept++;
                }
            }
        }
        return both == 0 ? Double.NaN : kept / (double) both;
    }
}
