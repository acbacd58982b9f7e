package io.dexposure.analytics.linkpred;

import io.dexposure.analytics.week.NetworkWeek;

import java.util.Map;
import java.util.SplittableRandom;

/**
 * The pairs of DeXposure-FM's published protocol for one (prediction week t, horizon h): positives are week
 * t+h's links (self-loops left out) between nodes present at t; negatives {@code negativeRatio} (published: 5)
 * uniform random non-links of week t+h per positive, both ends present at t; MRR groups as in
 * {@link io.dexposure.analytics.linkpred.EvaluationPairs} (a sampled positive with {@code mrrCandidates} non-link
 * targets of the same holder, present at t). Pairs are node positions in the target week t+h, as every
 * {@link LinkScorer} takes them; a scorer built at week t aligns them by id. Seeded by target week and horizon.
 */
public final class HorizonPairs {
    public final NetworkWeek target;
    public final int horizon;
    public final int[] positiveSources;
    public final int[] positiveTargets;
    /** The positives' sizes at the target week (USD). */
    public final double[] positiveWeights;
    final int[] negativeSources;
    final int[] negativeTargets;
    final int[] mrrSources;
    final int[] mrrTargets;
    final int mrrGroupSize;

    private HorizonPairs(NetworkWeek target, int horizon, int[] ps, int[] pt, double[] pw, int[] ns, int[] nt, int[] ms, int[] mt, int group) {
        this.target = target;
        this.horizon = horizon;
        this.positiveSources = ps;
        this.positiveTargets = pt;
        this.positiveWeights = pw;
        this.negativeSources = ns;
        this.negativeTargets = nt;
        this.mrrSources = ms;
        this.mrrTargets = mt;
        this.mrrGroupSize = group;
    }

    public static HorizonPairs sample(NetworkWeek source, NetworkWeek target, int horizon, double negativeRatio,
                                      int mrrQueries, int mrrCandidates, long seed) {
        Map<String, Integer> atSource = source.indexById();
        int n = target.nodeCount();
        // The target week's nodes present at the source week, and their positions among themselves.
        int[] present = new int[n];
        int[] local = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            if (atSource.containsKey(target.ids[i])) {
                local[i] = count;
                present[count++] = i;
            } else {
                local[i] = -1;
            }
        }
        int m = target.linkCount();
        int[] ps = new int[m];
        int[] pt = new int[m];
        double[] pw = new double[m];
        int p = 0;
        for (int k = 0; k < m; k++) {
            int s = target.linkSources[k];
            int t = target.linkTargets[k];
            if (s != t && local[s] >= 0 && local[t] >= 0) {
                ps[p] = s;
                pt[p] = t;
                pw[p] = target.linkWeights == null ? Double.NaN : target.linkWeights[k];
                p++;
            }
        }
        pw = java.util.Arrays.copyOf(pw, p);
        ps = java.util.Arrays.copyOf(ps, p);
        pt = java.util.Arrays.copyOf(pt, p);
        // Non-links are drawn among the present nodes (local positions), then mapped back.
        int[] ls = new int[p];
        int[] lt = new int[p];
        for (int k = 0; k < p; k++) {
            ls[k] = local[ps[k]];
            lt[k] = local[pt[k]];
        }
        LinkSet links = LinkSet.of(count, ls, lt);
        SplittableRandom random = new SplittableRandom(NegativeSampler.seedFor(seed, target.week + "/h" + horizon, "horizon-evaluation"));
        int negatives = (int) Math.round(p * negativeRatio);
        int[][] neg = count < 2 ? new int[][] {new int[0], new int[0]} : NegativeSampler.nonLinks(links, count, negatives, random);
        for (int k = 0; k < neg[0].length; k++) {
            neg[0][k] = present[neg[0][k]];
            neg[1][k] = present[neg[1][k]];
        }
        int queries = count < 2 ? 0 : Math.min(mrrQueries, p);
        int group = mrrCandidates + 1;
        int[] ms = new int[queries * group];
        int[] mt = new int[queries * group];
        if (queries > 0) {
            int[] chosen = NegativeSampler.choose(p, queries, random);
            for (int q = 0; q < queries; q++) {
                int s = ls[chosen[q]];
                ms[q * group] = present[s];
                mt[q * group] = pt[chosen[q]];
                for (int c = 1; c < group; c++) {
                    ms[q * group + c] = present[s];
                    mt[q * group + c] = present[NegativeSampler.nonLinkTarget(links, count, s, random)];
                }
            }
        }
        return new HorizonPairs(target, horizon, ps, pt, pw, neg[0], neg[1], ms, mt, group);
    }

    public int positives() {
        return positiveSources.length;
    }

    public int negatives() {
        return negativeSources.length;
    }

    /** One model's AUROC, AUPRC and MRR on these pairs. */
    public Score score(LinkScorer scorer) {
        double[] pos = scorer.score(target, positiveSources, positiveTargets);
        double[] neg = scorer.score(target, negativeSources, negativeTargets);
        double[] grouped = scorer.score(target, mrrSources, mrrTargets);
        double mrr = LinkPredictionMetrics.meanReciprocalRank(grouped, mrrGroupSize);
        return new Score(target.week, horizon, LinkPredictionMetrics.auroc(pos, neg),
                LinkPredictionMetrics.averagePrecision(pos, neg), Double.isNaN(mrr) ? 0 : mrr, positives(), negatives());
    }

    /** One model's quality on one target week at one horizon. */
    public record Score(String week, int horizon, double auroc, double auprc, double mrr, int positives, int negatives) {
    }
}
