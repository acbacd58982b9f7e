package io.dexposure.analytics.risk;

import java.util.ArrayList;
import java.util.List;

/**
 * DebtRank-style contagion as DeXposure-FM's {@code simulate_contagion} defines it (references.md §2):
 * a shocked node loses a fraction of its TVL; each round, every newly distressed debtor passes its
 * accumulated loss to its creditors pro rata to their share of its incoming exposure; a creditor's loss
 * is capped at its TVL (the excess is not passed on); a creditor with TVL > 0 becomes distressed when its
 * loss exceeds the distress threshold of its TVL and passes its loss on in the next round; each node
 * passes loss on once; at most {@code maxRounds} rounds. Zero-TVL nodes keep their place in the share
 * denominators but neither accumulate nor pass loss.
 */
public final class Contagion {
    public static final double DEFAULT_DISTRESS_THRESHOLD = 0.1;
    public static final int DEFAULT_MAX_ROUNDS = 10;

    private final double distressThreshold;
    private final int maxRounds;

    public Contagion(double distressThreshold, int maxRounds) {
        this.distressThreshold = distressThreshold;
        this.maxRounds = maxRounds;
    }

    public static Contagion defaults() {
        return new Contagion(DEFAULT_DISTRESS_THRESHOLD, DEFAULT_MAX_ROUNDS);
    }

    /**
     * @param tvlUsd        node sizes
     * @param links         the week's links by debtor
     * @param shockFraction per node, the fraction of its TVL lost in the initial shock (0 = not shocked)
     */
    public ContagionResult simulate(double[] tvlUsd, ExposureLinks links, double[] shockFraction) {
        int n = tvlUsd.length;
        double[] loss = new double[n];
        boolean[] distressed = new boolean[n];
        List<Integer> active = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (shockFraction[i] > 0 && tvlUsd[i] > 0) {
                loss[i] = Math.min(1.0, shockFraction[i]) * tvlUsd[i];
                distressed[i] = true;
                active.add(i);
            }
        }
        List<Integer> perRound = new ArrayList<>();
        int rounds = 0;
        while (!active.isEmpty() && rounds < maxRounds) {
            rounds++;
            // Every debtor of this round passes on what it had lost when the round began.
            double[] passed = new double[active.size()];
            for (int a = 0; a < active.size(); a++) {
                passed[a] = loss[active.get(a)];
            }
            for (int a = 0; a < active.size(); a++) {
                int debtor = active.get(a);
                double held = links.heldByOthers(debtor);
                if (held <= 0 || passed[a] <= 0) {
                    continue;
                }
                for (int p = links.start(debtor); p < links.end(debtor); p++) {
                    int creditor = links.creditor(p);
                    if (tvlUsd[creditor] > 0) {
                        loss[creditor] = Math.min(tvlUsd[creditor], loss[creditor] + passed[a] * links.exposure(p) / held);
                    }
                }
            }
            List<Integer> next = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (!distressed[i] && tvlUsd[i] > 0 && loss[i] > distressThreshold * tvlUsd[i]) {
                    distressed[i] = true;
                    next.add(i);
                }
            }
            perRound.add(next.size());
            active = next;
        }
        double total = 0;
        double system = 0;
        int count = 0;
        for (int i = 0; i < n; i++) {
            total += loss[i];
            system += Math.max(0, tvlUsd[i]);
            count += distressed[i] ? 1 : 0;
        }
        int[] set = new int[count];
        for (int i = 0, c = 0; i < n; i++) {
            if (distressed[i]) {
                set[c++] = i;
            }
        }
        return new ContagionResult(total, system > 0 ? total / system : 0, rounds, set,
                perRound.stream().mapToInt(Integer::intValue).toArray(), loss);
    }
}
