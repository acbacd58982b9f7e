package io.dexposure.analytics.roland;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dexposure.analytics.linkpred.LinkSet;
import io.dexposure.analytics.week.NetworkWeek;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The top-K most likely new exposures: every pair (holder, issuer) of the week that is not already a
 * link, where holders are nodes with an outgoing link and issuers nodes with an incoming one (new
 * exposures of the history almost always join active nodes), scored by the decoder in row blocks on
 * NDArrays (a matmul per block), the best k kept by a scan in Java.
 */
public final class NewLinkRanking {
    /** Scores per block: about 16 MB of floats. */
    private static final long BLOCK_CELLS = 4_000_000;

    private NewLinkRanking() {
    }

    /** A candidate new link: node positions in the week and its logit. */
    public record Candidate(int source, int target, double logit) {
    }

    public static List<Candidate> topK(NDManager manager, NetworkWeek week, float[] embeddings, int dimension,
                                       float[] decoderWeight, float decoderBias, int k) {
        int n = week.nodeCount();
        if (k == 0 || n < 2) {
            return List.of();
        }
        boolean[] holder = new boolean[n];
        boolean[] issuer = new boolean[n];
        for (int e = 0; e < week.linkCount(); e++) {
            holder[week.linkSources[e]] = true;
            issuer[week.linkTargets[e]] = true;
        }
        int[] holders = positions(holder);
        int[] issuers = positions(issuer);
        if (holders.length == 0 || issuers.length == 0) {
            return List.of();
        }
        LinkSet links = LinkSet.of(week);
        // The k best so far, worst on top: lower logit, then the later pair in (source, target) order. Blocks are
        // scanned in that order, so a pair tied with the worst kept one loses, as in a full sort with those ties.
        PriorityQueue<Candidate> kept = new PriorityQueue<>(k + 1, WORST_FIRST);
        float cut = Float.NEGATIVE_INFINITY;
        try (NDManager m = manager.newSubManager()) {
            NDArray targets = m.create(rows(embeddings, dimension, issuers, null), new Shape(issuers.length, dimension)).transpose();
            int block = (int) Math.max(1, BLOCK_CELLS / issuers.length);
            for (int from = 0; from < holders.length; from += block) {
                int to = Math.min(holders.length, from + block);
                int[] rows = java.util.Arrays.copyOfRange(holders, from, to);
                float[] scores;
                try (NDManager b = m.newSubManager()) {
                    NDArray sources = b.create(rows(embeddings, dimension, rows, decoderWeight), new Shape(rows.length, dimension));
                    scores = sources.matMul(targets).toFloatArray();
                }
                // A scan in Java rather than NDArray.topK: most of a block's best cells can be links the week already
                // has, and asking topK for k + those took longer than the matmul itself.
                for (int r = 0; r < rows.length; r++) {
                    int s = rows[r];
                    int base = r * issuers.length;
                    for (int c = 0; c < issuers.length; c++) {
                        // Most cells fall below the k-th best so far: one float comparison rejects them.
                        if (scores[base + c] < cut) {
                            continue;
                        }
                        double logit = scores[base + c] + (double) decoderBias;
                        if (kept.size() == k && logit <= kept.peek().logit()) {
                            continue;
                        }
                        int t = issuers[c];
                        if (s == t || links.contains(s, t)) {
                            continue;
                        }
                        kept.add(new Candidate(s, t, logit));
                        if (kept.size() > k) {
                            kept.poll();
                        }
                        if (kept.size() == k) {
                            // A float just below the k-th best logit minus the bias: never rejects a cell the exact
                            // double comparison above would keep.
                            cut = Math.nextDown((float) (kept.peek().logit() - decoderBias));
                        }
                    }
                }
            }
        }
        List<Candidate> best = new ArrayList<>(kept);
        best.sort(WORST_FIRST.reversed());
        return best;
    }

    private static final Comparator<Candidate> WORST_FIRST = Comparator.comparingDouble(Candidate::logit)
            .thenComparing(Comparator.comparingInt(Candidate::source).reversed())
            .thenComparing(Comparator.comparingInt(Candidate::target).reversed());

    private static int[] positions(boolean[] flags) {
        int count = 0;
        for (boolean f : flags) {
            if (f) {
                count++;
            }
        }
        int[] out = new int[count];
        int c = 0;
        for (int i = 0; i < flags.length; i++) {
            if (flags[i]) {
                out[c++] = i;
            }
        }
        return out;
    }

    /** The chosen rows of the embedding matrix, each multiplied elementwise by {@code scale} when given. */
    private static float[] rows(float[] embeddings, int dimension, int[] chosen, float[] scale) {
        float[] out = new float[chosen.length * dimension];
        for (int r = 0; r < chosen.length; r++) {
            for (int d = 0; d < dimension; d++) {
                float v = embeddings[chosen[r] * dimension + d];
                out[r * dimension + d] = scale == null ? v : v * scale[d];
            }
        }
        return out;
    }
}
