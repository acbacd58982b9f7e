package io.dexposure.analytics.roland;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.dexposure.analytics.linkpred.LinkSet;
import io.dexposure.analytics.week.NetworkWeek;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The top-K most likely new exposures: every pair (holder, issuer) of the week that is not already a
 * link, where holders are nodes with an outgoing link and issuers nodes with an incoming one (new
 * exposures of the history almost always join active nodes), scored by the decoder in row blocks on
 * NDArrays (a matmul per block, then topK), merged in Java.
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
        int[] outDegree = new int[n];
        for (int e = 0; e < week.linkCount(); e++) {
            outDegree[week.linkSources[e]]++;
        }
        List<Candidate> best = new ArrayList<>();
        try (NDManager m = manager.newSubManager()) {
            NDArray targets = m.create(rows(embeddings, dimension, issuers, null), new Shape(issuers.length, dimension)).transpose();
            int block = (int) Math.max(1, BLOCK_CELLS / issuers.length);
            for (int from = 0; from < holders.length; from += block) {
                int to = Math.min(holders.length, from + block);
                int[] rows = java.util.Arrays.copyOfRange(holders, from, to);
                int excluded = 0;
                for (int r : rows) {
                    excluded += outDegree[r] + 1;
                }
                try (NDManager b = m.newSubManager()) {
                    NDArray sources = b.create(rows(embeddings, dimension, rows, decoderWeight), new Shape(rows.length, dimension));
                    NDArray scores = sources.matMul(targets).flatten();
                    int take = (int) Math.min(scores.size(), (long) k + excluded);
                    NDList top = scores.topK(take, 0, true, true);
                    float[] values = top.get(0).toFloatArray();
                    long[] indices = top.get(1).toLongArray();
                    int kept = 0;
                    for (int i = 0; i < values.length && kept < k; i++) {
                        int s = rows[(int) (indices[i] / issuers.length)];
                        int t = issuers[(int) (indices[i] % issuers.length)];
                        if (s != t && !links.contains(s, t)) {
                            best.add(new Candidate(s, t, values[i] + (double) decoderBias));
                            kept++;
                        }
                    }
                }
            }
        }
        best.sort(Comparator.comparingDouble(Candidate::logit).reversed()
                .thenComparingInt(Candidate::source).thenComparingInt(Candidate::target));
        return best.size() > k ? new ArrayList<>(best.subList(0, k)) : best;
    }

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
