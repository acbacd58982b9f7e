package io.dexposure.replayer.generate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The script of one crisis for one run: which protocols play issuer, cluster and designated creditors,
 * and by how much prices and TVL fall in each of the two collapse weeks. The factors are drawn when
 * the generator starts, from the crisis stream, whether or not the crisis is scripted in this run, so
 * switching scenarios off changes nothing before the collapse week.
 *
 * <p>Terra-like: the issuer's tokens fall to 0.35 then a further 0.05 of their price (holders lose ~98 %
 * of that exposure), its TVL to 20-30 % then 12-20 % (-94 % or more); each ecosystem member's tokens to
 * 0.3 then 0.15 and its TVL to 15-35 % then 8-25 % (at least -91 %). FTX-like: the exchange token falls
 * to 0.3 then 0.2 (-94 %), the exchange's TVL to 20-35 % then 10-20 % (-93 % or more); the
 * exchange-linked cluster's tokens halve then fall to 0.6, and each member keeps 12-45 % of its TVL
 * (-55 % to -88 %). Creditors are not scripted: they lose through the price of what they hold.
 */
final class ScriptedCrisis {
    static final int LARGEST_CREDITORS = 5;

    final CrisisKind kind;
    final Protocol issuer;
    final List<Protocol> cluster;
    final double[] issuerPriceFactor;
    final double[] issuerTvlRatio;
    final double[] clusterPriceFactor;
    /** [member][collapse week]. */
    final double[][] clusterTvlRatio;

    /** The scenario when this run scripts the crisis (its weeks are generated), else null. */
    CrisisScenario scenario;

    List<Protocol> largestCreditors = List.of();
    final List<LocalDate> collapseWeeksSeen = new ArrayList<>();
    final List<ScenarioGroundTruth.WeekObservation> observed = new ArrayList<>();

    ScriptedCrisis(CrisisKind kind, Protocol issuer, List<Protocol> cluster, SplitMix64Random random) {
        this.kind = kind;
        this.issuer = issuer;
        this.cluster = List.copyOf(cluster);
        this.clusterTvlRatio = new double[cluster.size()][];
        if (kind == CrisisKind.TERRA_LIKE) {
            issuerPriceFactor = new double[]{0.35, 0.05};
            issuerTvlRatio = new double[]{random.nextDouble(0.20, 0.30), random.nextDouble(0.12, 0.20)};
            clusterPriceFactor = new double[]{0.30, 0.15};
            for (int m = 0; m < cluster.size(); m++) {
                clusterTvlRatio[m] = new double[]{random.nextDouble(0.15, 0.35), random.nextDouble(0.08, 0.25)};
            }
        } else {
            issuerPriceFactor = new double[]{0.30, 0.20};
            issuerTvlRatio = new double[]{random.nextDouble(0.20, 0.35), random.nextDouble(0.10, 0.20)};
            clusterPriceFactor = new double[]{0.50, 0.60};
            for (int m = 0; m < cluster.size(); m++) {
                double keep = random.nextDouble(0.12, 0.45);
                clusterTvlRatio[m] = new double[]{StrictMath.pow(keep, 0.6), StrictMath.pow(keep, 0.4)};
            }
        }
    }

    boolean isScripted() {
        return scenario != null;
    }

    /** 0 or 1 in the collapse weeks of a scripted crisis, -1 otherwise. */
    int phase(LocalDate week) {
        if (scenario == null) {
            return -1;
        }
        if (week.equals(scenario.firstWeek())) {
            return 0;
        }
        if (week.equals(scenario.secondWeek())) {
            return 1;
        }
        return -1;
    }

    /** Records the ground truth from a written week (baseline and collapse weeks only). */
    void observe(GeneratedWeek week, int[] nodeOfProtocol, Protocol[] protocolOfNode) {
        if (scenario == null) {
            return;
        }
        boolean baseline = week.week().equals(scenario.baselineWeek());
        int phase = phase(week.week());
        if (!baseline && phase < 0) {
            return;
        }
        int issuerNode = nodeOfProtocol[issuer.index];
        long exposureCents = 0;
        List<long[]> creditorExposures = new ArrayList<>();
        boolean[] inCluster = new boolean[week.nodeCount()];
        for (Protocol member : cluster) {
            inCluster[nodeOfProtocol[member.index]] = true;
        }
        for (int l = 0; l < week.linkCount(); l++) {
            if (week.linkTarget(l) == issuerNode) {
                exposureCents += week.linkSizeCents(l);
                if (baseline && !inCluster[week.linkSource(l)]) {
                    creditorExposures.add(new long[]{week.linkSource(l), week.linkSizeCents(l)});
                }
            }
        }
        if (baseline) {
            // Largest exposure first; equal exposures by node id, so the order never depends on hashing.
            creditorExposures.sort(Comparator.<long[]>comparingLong(e -> -e[1])
                    .thenComparing(e -> week.nodeId((int) e[0])));
            List<Protocol> creditors = new ArrayList<>();
            for (int i = 0; i < Math.min(LARGEST_CREDITORS, creditorExposures.size()); i++) {
                creditors.add(protocolOfNode[(int) creditorExposures.get(i)[0]]);
            }
            largestCreditors = List.copyOf(creditors);
        } else {
            collapseWeeksSeen.add(week.week());
        }
        long clusterCents = 0;
        for (Protocol member : cluster) {
            clusterCents += week.nodeSizeCents(nodeOfProtocol[member.index]);
        }
        long creditorCents = 0;
        for (Protocol creditor : largestCreditors) {
            creditorCents += week.nodeSizeCents(nodeOfProtocol[creditor.index]);
        }
        observed.add(new ScenarioGroundTruth.WeekObservation(week.week(),
                week.nodeSizeCents(issuerNode) / 100.0, exposureCents / 100.0, clusterCents / 100.0,
                creditorCents / 100.0));
    }

    ScenarioGroundTruth groundTruth() {
        List<String> clusterIds = new ArrayList<>();
        for (Protocol member : cluster) {
            clusterIds.add(member.id);
        }
        List<String> creditorIds = new ArrayList<>();
        for (Protocol creditor : largestCreditors) {
            creditorIds.add(creditor.id);
        }
        return new ScenarioGroundTruth(kind.scenarioName(), List.copyOf(collapseWeeksSeen), scenario.baselineWeek(),
                issuer.id, issuer.name, issuer.category.label(), List.of(issuer.symbols), kind.clusterRole(),
                List.copyOf(clusterIds), List.copyOf(creditorIds), List.copyOf(observed));
    }
}
