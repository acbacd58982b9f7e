package io.dexposure.replayer.generate;

import io.dexposure.replayer.generate.CalibratedNetworkGenerator.GNode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The crises and decoys of {@link CalibratedNetworkGenerator}, as the real data shows them
 * (real-data.md section 1 and 4):
 * <ul>
 *   <li><b>Terra-like</b>: the algorithmic stablecoin {@code UST} and its governance token {@code LUNA} are
 *   token nodes (self-mapped), held by many protocols (~7 % and ~3.5 % of the protocols created before the
 *   collapse hold them for good, plus preferential holders) and by an ecosystem of six protocols built on
 *   them; over the two collapse weeks UST falls to 3 % and LUNA to 0.1 % of their price, the ecosystem
 *   drains to ~10 % of its TVL.</li>
 *   <li><b>FTX-like</b>: the exchange token {@code FTT} is a token node (no exchange protocol node exists),
 *   held by an exchange-linked cluster of four protocols and ~4 % of the others; it loses ~93 % over two
 *   weeks while the cluster drains.</li>
 *   <li>Decoys a monitor must not call a crisis: a broad market drawdown week (-25 % on every volatile
 *   token), an isolated hack of a protocol nobody holds (its TVL -95 %), three small token nodes held by one
 *   or two small protocols crashing 60-90 %.</li>
 * </ul>
 * A crisis is scripted when its first week and the week before are generated (as in v1); a decoy when
 * its week and the week before are. Without scenarios ({@code --no-scenarios}) neither is scripted, but
 * the cast exists, so the universe is the same.
 */
public final class CalibratedScenarios {
    static final LocalDate DRAWDOWN_WEEK = LocalDate.of(2022, 6, 13);
    static final LocalDate HACK_WEEK = LocalDate.of(2022, 8, 1);
    static final LocalDate SMALL_TOKEN_CRASH_WEEK = LocalDate.of(2022, 9, 12);

    private static final double[] UST_PRICE = {0.30, 0.10};
    private static final double[] LUNA_PRICE = {0.04, 0.025};
    private static final double[] FTT_PRICE = {0.30, 0.25};
    private static final double[] CLUSTER_FLOW = {0.35, 0.30};

    private final CalibratedNetworkGenerator g;
    private final SplitMix64Random random;
    private final LocalDate terraWeek;
    private final LocalDate ftxWeek;
    private final boolean decoys;
    private final Set<LocalDate> generatedWeeks = new java.util.HashSet<>();

    GNode ust;
    GNode luna;
    GNode ftt;
    final List<GNode> terraCluster = new ArrayList<>();
    final List<GNode> ftxCluster = new ArrayList<>();
    GNode hacked;
    final List<GNode> smallTokens = new ArrayList<>();
    final List<GNode> smallTokenHolders = new ArrayList<>();
    private int protocolsSeen;

    private final Crisis terra = new Crisis(CrisisKind.TERRA_LIKE);
    private final Crisis ftx = new Crisis(CrisisKind.FTX_LIKE);

    /** Bookkeeping of one crisis for the manifest. */
    final class Crisis {
        final CrisisKind kind;
        LocalDate first;
        List<String> largestCreditors = List.of();
        final List<ScenarioGroundTruth.WeekObservation> observed = new ArrayList<>();

        Crisis(CrisisKind kind) {
            this.kind = kind;
        }

        List<GNode> tokens() {
            return kind == CrisisKind.TERRA_LIKE ? List.of(ust, luna) : List.of(ftt);
        }

        List<GNode> cluster() {
            return kind == CrisisKind.TERRA_LIKE ? terraCluster : ftxCluster;
        }

        /** 0 or 1 in the collapse weeks, -1 otherwise. */
        int phase(LocalDate week) {
            if (first == null) {
                return -1;
            }
            return week.equals(first) ? 0 : week.equals(first.plusWeeks(1)) ? 1 : -1;
        }
    }

    CalibratedScenarios(CalibratedNetworkGenerator generator, GeneratorSettings settings, SplitMix64Random random) {
        this.g = generator;
        this.random = random;
        for (WeeklySizes.WeekSize w : settings.sizes().weeks()) {
            generatedWeeks.add(w.week());
        }
        LocalDate terraFirst = null;
        LocalDate ftxFirst = null;
        for (CrisisScenario s : settings.scriptedScenarios()) {
            if (s.kind() == CrisisKind.TERRA_LIKE) {
                terraFirst = s.firstWeek();
            } else {
                ftxFirst = s.firstWeek();
            }
        }
        this.terraWeek = terraFirst;
        this.ftxWeek = ftxFirst;
        terra.first = terraFirst;
        ftx.first = ftxFirst;
        this.decoys = !settings.scenarios().isEmpty();
    }

    int protocolCast() {
        return 6 + 4 + 1 + 3;
    }

    int tokenCast() {
        return 3 + 3;
    }

    private boolean decoyScripted(LocalDate week) {
        return decoys && generatedWeeks.contains(week) && generatedWeeks.contains(week.minusWeeks(1));
    }

    /** Creates the cast in the first week, so that the universe is the same with or without scenarios. */
    void createCast(LocalDate firstWeek) {
        ust = g.newNamedToken("UST", 4);
        ust.stable = true;
        ust.beta = 0;
        luna = g.newNamedToken("LUNA", 2.5);
        luna.beta = 1.5;
        ftt = g.newNamedToken("FTT", 2);
        ftt.beta = 1.2;
        SectorGroup[] terraSectors = {SectorGroup.LENDING, SectorGroup.TRADING, SectorGroup.TRADING,
                SectorGroup.ASSET_MANAGEMENT, SectorGroup.ASSET_MANAGEMENT, SectorGroup.INFRASTRUCTURE};
        double[] terraTvl = {6e9, 1.5e9, 6e8, 1.2e9, 3e8, 2e8};
        for (int i = 0; i < terraSectors.length; i++) {
            GNode p = castProtocol(terraSectors[i], terraTvl[i], i < 3);
            hold(p, ust, 0.55);
            hold(p, luna, 0.2);
            terraCluster.add(p);
        }
        SectorGroup[] ftxSectors = {SectorGroup.TRADING, SectorGroup.TRADING, SectorGroup.LENDING,
                SectorGroup.ASSET_MANAGEMENT};
        double[] ftxTvl = {1.2e9, 3e8, 2e8, 1.5e8};
        for (int i = 0; i < ftxSectors.length; i++) {
            GNode p = castProtocol(ftxSectors[i], ftxTvl[i], i == 0);
            hold(p, ftt, 0.45);
            ftxCluster.add(p);
        }
        // Nobody holds the hacked protocol: not an issuer (fitness 0), so no holding of it is ever opened.
        hacked = castProtocol(SectorGroup.LENDING, 8e7, false);
        for (int i = 0; i < 3; i++) {
            GNode holder = castProtocol(SectorGroup.values()[i], 3e6 * (1 + i), false);
            smallTokenHolders.add(holder);
            GNode token = g.newTailToken(holder, 0.15);
            token.cast = true;
            token.fitness = 0;
            smallTokens.add(token);
        }
        // One of the small tokens has a second holder (held by few: one or two).
        GNode second = smallTokenHolders.get(0);
        hold(second, smallTokens.get(2), 0.05);
        protocolsSeen = g.nodes.size();
    }

    private GNode castProtocol(SectorGroup sector, double tvl, boolean issuer) {
        GNode p = g.newProtocol(sector, StrictMath.log(tvl), issuer);
        p.cast = true;
        // A first ordinary holding (USDC), so the protocol is not only its scenario position.
        GNode usdc = g.nodes.get(CalibratedNetworkGenerator.BUCKETS.length + 3);
        hold(p, usdc, 0.2);
        return p;
    }

    /** A holding that persists (never churned): {@code share} of the holder's TVL. */
    private void hold(GNode p, GNode token, double share) {
        if (p.holdingOf(token.index) >= 0) {
            return;
        }
        p.add(token.index, share * Math.max(p.tvl, 1e3) / token.price, true);
        token.inDegree++;
    }

    /** Ordinary protocols created since last week: some hold the crisis tokens for good (many holders). */
    void beforeLinks(LocalDate week) {
        for (int i = protocolsSeen; i < g.nodes.size(); i++) {
            GNode p = g.nodes.get(i);
            if (p.kind != CalibratedNetworkGenerator.PROTOCOL || p.cast) {
                continue;
            }
            if (terraWeek == null || week.isBefore(terraWeek)) {
                if (random.chance(0.07)) {
                    hold(p, ust, random.nextDouble(0.01, 0.06));
                }
                if (random.chance(0.035)) {
                    hold(p, luna, random.nextDouble(0.005, 0.03));
                }
            }
            if ((ftxWeek == null || week.isBefore(ftxWeek)) && random.chance(0.04)) {
                hold(p, ftt, random.nextDouble(0.005, 0.04));
            }
        }
        protocolsSeen = g.nodes.size();
    }

    /** Extra market move of the week (the drawdown decoy). */
    double marketShock(LocalDate week) {
        return week.equals(DRAWDOWN_WEEK) && decoyScripted(week) ? StrictMath.log(0.75) : 0;
    }

    void shockPrices(LocalDate week) {
        int phase = terra.phase(week);
        if (phase >= 0) {
            crash(ust, UST_PRICE[phase]);
            crash(luna, LUNA_PRICE[phase]);
        }
        phase = ftx.phase(week);
        if (phase >= 0) {
            crash(ftt, FTT_PRICE[phase]);
        }
        if (week.equals(SMALL_TOKEN_CRASH_WEEK) && decoyScripted(week)) {
            double[] factors = {0.1, 0.25, 0.4};
            for (int i = 0; i < smallTokens.size(); i++) {
                crash(smallTokens.get(i), factors[i]);
            }
        }
    }

    private static void crash(GNode token, double factor) {
        token.stable = false;
        token.frozen = true;
        token.logPrice = StrictMath.log(token.price * factor);
        token.fitness = 0;
    }

    /** The scripted log TVL flow of a cast protocol this week, or NaN. */
    double scriptedFlow(GNode p, LocalDate week) {
        for (Crisis c : List.of(terra, ftx)) {
            int phase = c.phase(week);
            if (phase >= 0 && c.cluster().contains(p)) {
                return StrictMath.log(CLUSTER_FLOW[phase]);
            }
        }
        if (p == hacked && week.equals(HACK_WEEK) && decoyScripted(week)) {
            return StrictMath.log(0.05);
        }
        return Double.NaN;
    }

    /** Measures the baseline and collapse weeks of each crisis. */
    void observe(GeneratedWeek week) {
        for (Crisis c : List.of(terra, ftx)) {
            if (c.first == null) {
                continue;
            }
            LocalDate w = week.week();
            boolean baseline = w.equals(c.first.minusWeeks(1));
            if (!baseline && c.phase(w) < 0) {
                continue;
            }
            Set<String> tokenIds = new LinkedHashSet<>();
            for (GNode t : c.tokens()) {
                tokenIds.add(t.id);
            }
            Set<String> clusterIds = new LinkedHashSet<>();
            for (GNode p : c.cluster()) {
                clusterIds.add(p.id);
            }
            double issuer = 0;
            double exposure = 0;
            double cluster = 0;
            Map<String, Double> bySource = new HashMap<>();
            for (int n = 0; n < week.nodeCount(); n++) {
                String id = week.nodeId(n);
                if (tokenIds.contains(id)) {
                    issuer += week.nodeTvlUsd(n);
                } else if (clusterIds.contains(id)) {
                    cluster += week.nodeTvlUsd(n);
                }
            }
            for (int l = 0; l < week.linkCount(); l++) {
                if (week.linkSizeCents(l) > 0 && tokenIds.contains(week.nodeId(week.linkTarget(l)))) {
                    exposure += week.linkExposureUsd(l);
                    String source = week.nodeId(week.linkSource(l));
                    if (!clusterIds.contains(source)) {
                        bySource.merge(source, week.linkExposureUsd(l), Double::sum);
                    }
                }
            }
            if (baseline) {
                c.largestCreditors = bySource.entrySet().stream()
                        .sorted(Map.Entry.<String, Double>comparingByValue().reversed()
                                .thenComparing(Map.Entry.comparingByKey()))
                        .limit(5).map(Map.Entry::getKey).toList();
            }
            double creditors = 0;
            for (int n = 0; n < week.nodeCount(); n++) {
                if (c.largestCreditors.contains(week.nodeId(n))) {
                    creditors += week.nodeTvlUsd(n);
                }
            }
            c.observed.add(new ScenarioGroundTruth.WeekObservation(w, issuer, exposure, cluster, creditors));
        }
    }

    /** The crises scripted so far, in the v1 record (so {@link ScenarioManifest#read} and its readers keep working). */
    public List<ScenarioGroundTruth> groundTruth() {
        List<ScenarioGroundTruth> truths = new ArrayList<>();
        for (Crisis c : List.of(terra, ftx)) {
            if (c.first == null || c.observed.isEmpty()) {
                continue;
            }
            List<LocalDate> weeks = new ArrayList<>();
            for (LocalDate w : List.of(c.first, c.first.plusWeeks(1))) {
                if (generatedWeeks.contains(w)) {
                    weeks.add(w);
                }
            }
            List<String> tokens = c.tokens().stream().map(t -> t.id).toList();
            truths.add(new ScenarioGroundTruth(c.kind.scenarioName(), List.copyOf(weeks), c.first.minusWeeks(1),
                    tokens.get(0), tokens.get(0) + " (token node)",
                    c.kind == CrisisKind.TERRA_LIKE ? "Algo-Stables token" : "Exchange token", tokens,
                    c.kind.clusterRole(), c.cluster().stream().map(p -> p.id).toList(), c.largestCreditors,
                    List.copyOf(c.observed)));
        }
        return truths;
    }

    /** A decoy that was scripted: what happened, to whom, and that it must stay at most a warning. */
    public record Decoy(String name, String description, LocalDate week, List<String> ids) {
    }

    public List<Decoy> decoys() {
        List<Decoy> list = new ArrayList<>();
        if (decoyScripted(DRAWDOWN_WEEK)) {
            list.add(new Decoy("market-drawdown", "every volatile token -25 % in one week (no crisis)",
                    DRAWDOWN_WEEK, List.of()));
        }
        if (decoyScripted(HACK_WEEK)) {
            list.add(new Decoy("isolated-hack", "a protocol nobody holds loses 95 % of its TVL", HACK_WEEK,
                    List.of(hacked.id)));
        }
        if (decoyScripted(SMALL_TOKEN_CRASH_WEEK)) {
            list.add(new Decoy("small-token-crashes", "token nodes held by one or two small protocols fall 60-90 %",
                    SMALL_TOKEN_CRASH_WEEK, smallTokens.stream().map(t -> t.symbol).toList()));
        }
        return list;
    }

    /** Holders of the small crashing tokens (for the manifest: they may warn, not go critical). */
    List<String> smallTokenHolderIds() {
        return smallTokenHolders.stream().map(p -> p.id).toList();
    }

    static String describe(double[] factors) {
        return Arrays.toString(factors);
    }
}
