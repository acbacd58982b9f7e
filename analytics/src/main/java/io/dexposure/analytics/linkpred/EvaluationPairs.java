package io.dexposure.analytics.linkpred;

import io.dexposure.analytics.week.NetworkWeek;

import java.util.SplittableRandom;

/**
 * The pairs a week's actual links are scored on, the same for every model: every link of the week
 * (self-loops left out) as positives, {@code negativeRatio} times as many seeded random non-links of the
 * week as negatives, and MRR groups (up to {@code mrrQueries} sampled positives, each with
 * {@code mrrCandidates} negative targets of the same source). Indices are node positions in {@link #week}.
 * The sample depends only on the week and the seed, so reruns and restarts score the same pairs.
 */
public final class EvaluationPairs {
    public final NetworkWeek week;
    public final int[] positiveSources;
    public final int[] positiveTargets;
    public final int[] negativeSources;
    public final int[] negativeTargets;
    /** Groups of {@link #mrrGroupSize}: the positive first, then its negatives. */
    public final int[] mrrSources;
    public final int[] mrrTargets;
    public final int mrrGroupSize;

    private EvaluationPairs(NetworkWeek week, int[] ps, int[] pt, int[] ns, int[] nt, int[] ms, int[] mt, int groupSize) {
        this.week = week;
        this.positiveSources = ps;
        this.positiveTargets = pt;
        this.negativeSources = ns;
        this.negativeTargets = nt;
        this.mrrSources = ms;
        this.mrrTargets = mt;
        this.mrrGroupSize = groupSize;
    }

    public static EvaluationPairs sample(NetworkWeek week, double negativeRatio, int mrrQueries, int mrrCandidates, long seed) {
        LinkSet links = LinkSet.of(week);
        int n = week.nodeCount();
        int m = week.linkCount();
        int positives = 0;
        for (int k = 0; k < m; k++) {
            if (week.linkSources[k] != week.linkTargets[k]) {
                positives++;
            }
        }
        int[] ps = new int[positives];
        int[] pt = new int[positives];
        int p = 0;
        for (int k = 0; k < m; k++) {
            if (week.linkSources[k] != week.linkTargets[k]) {
                ps[p] = week.linkSources[k];
                pt[p] = week.linkTargets[k];
                p++;
            }
        }
        SplittableRandom random = new SplittableRandom(NegativeSampler.seedFor(seed, week.week, "evaluation"));
        int negatives = (int) Math.round(positives * negativeRatio);
        int[][] neg = NegativeSampler.nonLinks(links, n, negatives, random);
        int queries = Math.min(mrrQueries, positives);
        int group = mrrCandidates + 1;
        int[] ms = new int[queries * group];
        int[] mt = new int[queries * group];
        if (n > 1 && queries > 0) {
            int[] chosen = NegativeSampler.choose(positives, queries, random);
            for (int q = 0; q < queries; q++) {
                int s = ps[chosen[q]];
                ms[q * group] = s;
                mt[q * group] = pt[chosen[q]];
                for (int c = 1; c < group; c++) {
                    ms[q * group + c] = s;
                    mt[q * group + c] = NegativeSampler.nonLinkTarget(links, n, s, random);
                }
            }
        }
        return new EvaluationPairs(week, ps, pt, neg[0], neg[1], ms, mt, group);
    }

    public int positives() {
        return positiveSources.length;
    }

    public int negatives() {
        return negativeSources.length;
    }

    /** One model's scores of these pairs, as the metrics. */
    public Scores score(LinkScorer scorer) {
        return new Scores(scorer.score(week, positiveSources, positiveTargets),
                scorer.score(week, negativeSources, negativeTargets),
                scorer.score(week, mrrSources, mrrTargets));
    }

    /** One model's scores of these pairs as a model-quality record. */
    public ModelQuality quality(LinkScorer scorer) {
        Scores scores = score(scorer);
        ModelQuality q = new ModelQuality();
        q.week = week.week;
        q.model = scorer.name();
        q.id = q.week + ":" + q.model;
        q.auroc = scores.auroc;
        q.auprc = scores.auprc;
        q.mrr = Double.isNaN(scores.mrr) ? 0 : scores.mrr;
        q.positives = positives();
        q.negatives = negatives();
        return q;
    }

    /** A model's scores of the positives, the negatives and the MRR groups. */
    public final class Scores {
        public final double auroc;
        public final double auprc;
        public final double mrr;

        Scores(double[] positive, double[] negative, double[] grouped) {
            this.auroc = LinkPredictionMetrics.auroc(positive, negative);
            this.auprc = LinkPredictionMetrics.averagePrecision(positive, negative);
            this.mrr = LinkPredictionMetrics.meanReciprocalRank(grouped, mrrGroupSize);
        }
    }
}
