package io.dexposure.replayer.generate;

import io.dexposure.events.UnresolvedNode;
import io.dexposure.replayer.generate.WeeklySizes.WeekSize;
import io.dexposure.replayer.snapshot.ProtocolInfo;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Generator v2: weekly exposure networks shaped like the real DeXposure files (../shared/docs/real-data.md),
 * deterministic from a seed, one week at a time.
 *
 * <p>Who the nodes are: numeric DefiLlama-like protocol ids in the real mapping's sector groups (about 44 %
 * of the nodes), a long tail of self-mapped <b>token nodes</b> ({@code USDT}, {@code WETH}, made-up tail
 * symbols such as {@code $KIRO}, {@code VELD++}; most held by one or two protocols), the {@code LP},
 * {@code OTHER} and {@code UNKNOWN} buckets and the one unresolved node, written with a JSON null id.
 * A link {@code source -> target} is the USD value of the target's tokens the source holds.
 *
 * <p>How links change (real week-over-week link persistence ~0.53 while ~98 % of the nodes stay): a
 * token's home holdings (the one or two protocols that hold a tail token) persist, so token nodes
 * persist; a protocol's above-average holdings mostly persist; its small holdings churn, with a survival
 * rate set each week so that about {@link #LINK_PERSISTENCE} of next week's links existed this week. New
 * holdings are not coin flips: a protocol re-opens a holding it dropped recently (links flicker on and
 * off), copies a holding of a peer with a similar portfolio (same sector, set at birth), or attaches
 * preferentially to widely held tokens and issuers (fitness x (1 + holders)), with sector preferences
 * for the buckets. Appetite for new holdings grows with size.
 *
 * <p>Raw-data quirks at the published rates: about 9 % of the written links have {@code size <= 0}
 * (the readers' default drops them) and about 1 % of the links point at the null-id node, which is among
 * the larger nodes.
 *
 * <p>Crises, as the real data shows them ({@link CalibratedScenarios}): a Terra-like collapse of the token
 * nodes {@code UST} and {@code LUNA} (held by many protocols, &gt; 90 % of their held value gone in two
 * weeks) with the protocols built on them draining; an FTX-like collapse of the token node {@code FTT} with
 * its exchange-linked cluster and no exchange protocol node; and decoys: a broad market drawdown week, an
 * isolated hack of a protocol nobody holds, small token nodes held by few crashing 60-90 %.
 *
 * <p>Not thread-safe: one generator per run, weeks in order.
 */
public final class CalibratedNetworkGenerator {
    /** Share of next week's links (between nodes present this week) that already existed. */
    static final double LINK_PERSISTENCE = 0.53;
    /** Share of the nodes (beyond buckets) that are protocols; the rest are token nodes. */
    static final double PROTOCOL_NODE_SHARE = 0.44;
    /** Raw links with size &lt;= 0, as a share of all written links (8-10 % in 2025 weeks). */
    static final double NON_POSITIVE_SHARE = 0.09;
    /** Links into the null-id node, as a share of new links. */
    static final double NULL_TARGET_SHARE = 0.012;

    static final String[] BUCKETS = {"LP", "OTHER", "UNKNOWN"};
    private static final String[][] BUCKET_TOKENS = {
            {"UNI-V2", "SLP", "CAKE-LP", "BPT", "G-UNI"},
            {"AUSDC-OLD", "MOO-LP", "YV-VAULT", "CTOKEN", "XTOKEN"},
            {"UNKNOWN (bsc:0x9f99a1)", "UNKNOWN (eth:0x41c2e7)", "UNKNOWN (arb:0x77d3b0)", "UNKNOWN (0x5e1f93)",
                    "UNKNOWN (sol:7xkq2m)"}};
    private static final String UNRESOLVED_TOKEN = "UNRESOLVED";
    /** The widely held tokens every network has; value weight = how large a holding of them tends to be. */
    private static final String[] MAJORS = {"WETH", "USDT", "USDC", "WBTC", "DAI", "BTC", "BNB", "ETH", "SOL",
            "FRAX", "BUSD", "MATIC"};
    private static final boolean[] MAJOR_STABLE = {false, true, true, false, true, false, false, false, false,
            true, true, false};

    // Node kinds.
    static final byte PROTOCOL = 0;
    static final byte TOKEN = 1;
    static final byte BUCKET = 2;
    static final byte NONE = 3;

    private static final long UNIVERSE_STREAM = 11;
    private static final long MARKET_STREAM = 12;
    private static final long FLOW_STREAM = 13;
    private static final long LINK_STREAM = 14;
    private static final long QUIRK_STREAM = 15;

    private static final int RING = 8;
    private static final int PEERS = 6;

    private final GeneratorSettings settings;
    private final List<WeekSize> weeks;
    private final SplitMix64Random universeRandom;
    private final SplitMix64Random marketRandom;
    private final SplitMix64Random flowRandom;
    private final SplitMix64Random linkRandom;
    private final SplitMix64Random quirkRandom;
    private final CalibratedScenarios scenarios;
    private final SymbolMaker symbols;

    /** Every node ever created, by creation order; index = position. */
    final List<GNode> nodes = new ArrayList<>();
    /** Protocols by sector, for peers. */
    private final List<List<GNode>> bySector = new ArrayList<>();
    private final Map<String, ProtocolInfo> mapping = new LinkedHashMap<>();
    private int nextProtocolId = 100;
    private double marketLog;
    private int nextWeekIndex;
    private FenwickSampler targetSampler;
    private FenwickSampler sourceSampler;

    /** A node of the universe. Fields are package-visible for the scenario bookkeeping. */
    static final class GNode {
        final int index;
        final byte kind;
        final String id;
        /** The token symbol a holding of this node is made of (protocol: its own token). */
        final String symbol;
        int sector = -1;
        boolean active = true;
        boolean stable;
        double logPrice;
        double beta = 1;
        double price = 1;
        /** Preferential-attachment fitness as a target (0: nobody opens a new holding of it). */
        double fitness;
        /** How large a holding of this node tends to be, relative to the holder's holdings. */
        double valueWeight = 1;
        int inDegree;
        /** A scenario's node (or a major, a bucket): never leaves. */
        boolean cast;
        /** A collapsed token: its price no longer moves. */
        boolean frozen;
        // protocol only
        int[] targets = new int[0];
        double[] units = new double[0];
        boolean[] kept = new boolean[0];
        int count;
        final int[] ring = new int[RING];
        int ringSize;
        int ringNext;
        int[] peers = new int[0];
        double logBase;
        double vol;
        double appetite;
        double tvl;
        double tvlBeforeLinks;

        GNode(int index, byte kind, String id, String symbol) {
            this.index = index;
            this.kind = kind;
            this.id = id;
            this.symbol = symbol;
        }

        int holdingOf(int target) {
            for (int h = 0; h < count; h++) {
                if (targets[h] == target) {
                    return h;
                }
            }
            return -1;
        }

        void add(int target, double units, boolean keep) {
            if (count == targets.length) {
                int cap = Math.max(4, count * 2);
                targets = Arrays.copyOf(targets, cap);
                this.units = Arrays.copyOf(this.units, cap);
                kept = Arrays.copyOf(kept, cap);
            }
            targets[count] = target;
            this.units[count] = units;
            kept[count] = keep;
            count++;
        }

        void remember(int target) {
            ring[ringNext] = target;
            ringNext = (ringNext + 1) % RING;
            ringSize = Math.min(RING, ringSize + 1);
        }
    }

    public CalibratedNetworkGenerator(GeneratorSettings settings) {
        this.settings = settings;
        this.weeks = settings.sizes().weeks();
        long seed = settings.seed();
        this.universeRandom = SplitMix64Random.stream(seed, UNIVERSE_STREAM);
        this.marketRandom = SplitMix64Random.stream(seed, MARKET_STREAM);
        this.flowRandom = SplitMix64Random.stream(seed, FLOW_STREAM);
        this.linkRandom = SplitMix64Random.stream(seed, LINK_STREAM);
        this.quirkRandom = SplitMix64Random.stream(seed, QUIRK_STREAM);
        this.symbols = new SymbolMaker();
        for (int s = 0; s < SectorGroup.values().length; s++) {
            bySector.add(new ArrayList<>());
        }
        for (int b = 0; b < BUCKETS.length; b++) {
            GNode bucket = newNode(BUCKET, BUCKETS[b], BUCKETS[b]);
            bucket.fitness = 0;
            bucket.cast = true;
        }
        GNode none = newNode(NONE, UnresolvedNode.ID, UNRESOLVED_TOKEN);
        none.cast = true;
        for (int m = 0; m < MAJORS.length; m++) {
            GNode major = newNode(TOKEN, MAJORS[m], MAJORS[m]);
            symbols.reserve(MAJORS[m]);
            major.stable = MAJOR_STABLE[m];
            major.fitness = 60.0 / (1 + m * 0.6);
            major.valueWeight = 4;
            major.cast = true;
            major.beta = major.stable ? 0 : 1;
        }
        this.scenarios = new CalibratedScenarios(this, settings, SplitMix64Random.stream(seed, 16));
    }

    public GeneratorSettings settings() {
        return settings;
    }

    public boolean hasNextWeek() {
        return nextWeekIndex < weeks.size();
    }

    /** id -&gt; name, sector group of every protocol created so far, in id order. */
    public Map<String, ProtocolInfo> mapping() {
        return mapping;
    }

    public CalibratedScenarios scenarios() {
        return scenarios;
    }

    // ---- universe --------------------------------------------------------------------------------

    private GNode newNode(byte kind, String id, String symbol) {
        GNode node = new GNode(nodes.size(), kind, id, symbol);
        nodes.add(node);
        return node;
    }

    /** A protocol with a fresh numeric id (ids grow with gaps, as DefiLlama's do), its sector and size. */
    GNode newProtocol(SectorGroup sector, double logTvl, boolean issuer) {
        nextProtocolId += 1 + (universeRandom.chance(0.3) ? universeRandom.nextInt(4) : 0);
        String id = Integer.toString(nextProtocolId);
        String name = symbols.protocolName(universeRandom, sector);
        String symbol = symbols.protocolSymbol(universeRandom, name);
        GNode p = newNode(PROTOCOL, id, symbol);
        p.sector = sector.ordinal();
        p.logBase = logTvl;
        p.tvl = StrictMath.exp(logTvl);
        p.vol = 0.03 + 0.05 * universeRandom.nextDouble();
        p.appetite = sector.appetite * universeRandom.nextLogNormal(1, 0.5);
        p.fitness = issuer ? 0.4 * universeRandom.nextLogNormal(1, 1.0) * StrictMath.pow(p.tvl / 1e6, 0.25) : 0;
        p.valueWeight = 0.6;
        p.logPrice = universeRandom.nextGaussian() * 0.2;
        p.beta = 1.2;
        List<GNode> peers = bySector.get(p.sector);
        int n = Math.min(PEERS, peers.size());
        p.peers = new int[n];
        for (int i = 0; i < n; i++) {
            // Peers are similar in size: near the end of the sector list (recent, and sizes drawn alike).
            p.peers[i] = peers.get(peers.size() - 1 - universeRandom.nextInt(Math.min(peers.size(), 40))).index;
        }
        peers.add(p);
        mapping.put(id, new ProtocolInfo(name, sector.label));
        return p;
    }

    private GNode newOrdinaryProtocol() {
        SectorGroup sector = SectorGroup.draw(universeRandom);
        // Heavy-tailed TVL (Gini of weighted degree ~0.99): lognormal, median $2M.
        double logTvl = StrictMath.log(2e6) + 2.6 * universeRandom.nextGaussian();
        logTvl = Math.min(logTvl, StrictMath.log(6e10));
        return newProtocol(sector, logTvl, universeRandom.chance(0.18));
    }

    /** A token node named by a made-up symbol, held by {@code home} (its one or two home holders). */
    GNode newTailToken(GNode home, double share) {
        GNode t = newNode(TOKEN, null, symbols.tailSymbol(universeRandom));
        t.fitness = 0.15 * universeRandom.nextLogNormal(1, 1.2);
        t.valueWeight = 0.4;
        t.logPrice = universeRandom.nextGaussian() * 0.3;
        t.beta = 1.3;
        if (home != null) {
            home.add(t.index, share * Math.max(home.tvl, 1e3) / t.price, true);
            t.inDegree++;
        }
        return t;
    }

    /** A named token node (crisis tokens). */
    GNode newNamedToken(String symbol, double fitness) {
        symbols.reserve(symbol);
        GNode t = newNode(TOKEN, symbol, symbol);
        t.fitness = fitness;
        t.valueWeight = 2;
        t.cast = true;
        return t;
    }

    String idOf(GNode node) {
        return node.id != null ? node.id : node.symbol;
    }

    // ---- weeks -----------------------------------------------------------------------------------

    /** Generates the next week; weeks come in order and each depends on the previous one. */
    public GeneratedWeek nextWeek() {
        if (!hasNextWeek()) {
            throw new NoSuchElementException("all " + weeks.size() + " weeks generated");
        }
        WeekSize size = weeks.get(nextWeekIndex);
        LocalDate week = size.week();
        int fixed = BUCKETS.length + 1;
        int protocolTarget = Math.max(scenarios.protocolCast() + 4,
                (int) Math.round(PROTOCOL_NODE_SHARE * (size.nodes() - fixed)));
        int tokenTarget = Math.max(MAJORS.length + scenarios.tokenCast() + 2, size.nodes() - fixed - protocolTarget);
        int linkTarget = Math.max(size.links(), protocolTarget + tokenTarget + 8);
        if (nextWeekIndex == 0) {
            scenarios.createCast(week);
        } else {
            advanceMarket(week);
        }
        applyFlows(week);
        adjustProtocols(protocolTarget);
        adjustTokens(tokenTarget);
        scenarios.beforeLinks(week);
        churnLinks(linkTarget, nextWeekIndex == 0);
        GeneratedWeek generated = assemble(week);
        scenarios.observe(generated);
        nextWeekIndex++;
        return generated;
    }

    private void advanceMarket(LocalDate week) {
        double marketMove = 0.004 + 0.05 * marketRandom.nextGaussian();
        marketMove += scenarios.marketShock(week);
        marketLog += marketMove;
        for (GNode n : nodes) {
            if (!n.active || n.stable || n.frozen || n.kind == BUCKET || n.kind == NONE) {
                continue;
            }
            double idio = n.kind == TOKEN && n.fitness < 1 ? 0.09 : 0.05;
            n.logPrice += n.beta * marketMove + idio * marketRandom.nextGaussian() - 0.02 * n.logPrice;
        }
        scenarios.shockPrices(week);
        for (GNode n : nodes) {
            n.price = n.stable || n.kind == BUCKET || n.kind == NONE ? 1 : StrictMath.exp(n.logPrice);
        }
    }

    double valueOf(GNode p) {
        double v = 0;
        for (int h = 0; h < p.count; h++) {
            v += p.units[h] * nodes.get(p.targets[h]).price;
        }
        return v;
    }

    private void applyFlows(LocalDate week) {
        for (GNode p : nodes) {
            if (!p.active || p.kind != PROTOCOL) {
                continue;
            }
            double tvl = Math.max(valueOf(p), 1);
            double flow = 0.002 + 0.04 * (p.logBase - StrictMath.log(tvl)) + p.vol * flowRandom.nextGaussian();
            flow = Math.max(-0.3, Math.min(0.3, flow));
            double scripted = scenarios.scriptedFlow(p, week);
            if (!Double.isNaN(scripted)) {
                flow = scripted;
                p.logBase += scripted;
            }
            p.logBase += 0.002;
            double factor = StrictMath.exp(flow);
            for (int h = 0; h < p.count; h++) {
                p.units[h] *= factor;
            }
            p.tvl = valueOf(p);
        }
    }

    /** Small protocols leave (~1 % a week); entrants fill up to the week's protocol count. */
    private void adjustProtocols(int target) {
        int active = 0;
        for (GNode p : nodes) {
            if (p.kind == PROTOCOL && p.active) {
                if (!p.cast && p.tvl < 5e6 && flowRandom.chance(0.012)) {
                    deactivate(p);
                } else {
                    active++;
                }
            }
        }
        for (int i = nodes.size() - 1; i >= 0 && active > target; i--) {
            GNode p = nodes.get(i);
            if (p.kind == PROTOCOL && p.active && !p.cast) {
                deactivate(p);
                active--;
            }
        }
        while (active < target) {
            GNode p = newOrdinaryProtocol();
            // A newcomer holds one of the four largest majors from its first week.
            int first = 1 + BUCKETS.length + flowRandom.nextInt(4);
            p.add(first, p.tvl * 0.5 / nodes.get(first).price, false);
            nodes.get(first).inDegree++;
            active++;
        }
    }

    /** Tail tokens leave with their holders or on their own (~1 % a week); new ones are issued to fill. */
    private void adjustTokens(int target) {
        int active = 0;
        List<GNode> protocols = new ArrayList<>();
        for (GNode n : nodes) {
            if (n.kind == PROTOCOL && n.active) {
                protocols.add(n);
            }
        }
        for (GNode n : nodes) {
            if (n.kind == TOKEN && n.active) {
                if (!n.cast && (n.inDegree == 0 || flowRandom.chance(0.008))) {
                    deactivate(n);
                } else {
                    active++;
                }
            }
        }
        for (int i = nodes.size() - 1; i >= 0 && active > target; i--) {
            GNode t = nodes.get(i);
            if (t.kind == TOKEN && t.active && !t.cast) {
                deactivate(t);
                active--;
            }
        }
        while (active < target) {
            // Issued into a protocol's portfolio; big protocols hold more kinds of tokens.
            GNode home = protocols.get(pickBySize(protocols));
            GNode t = newTailToken(home, 0.02 * flowRandom.nextLogNormal(1, 1.0));
            if (flowRandom.chance(0.35)) {
                GNode second = protocols.get(pickBySize(protocols));
                if (second != home) {
                    second.add(t.index, 0.01 * Math.max(second.tvl, 1e3) * flowRandom.nextLogNormal(1, 1.0), true);
                    t.inDegree++;
                }
            }
            active++;
        }
    }

    private int pickBySize(List<GNode> protocols) {
        // Two draws, the larger wins: home holders lean to bigger protocols without all landing on the top.
        int a = flowRandom.nextInt(protocols.size());
        int b = flowRandom.nextInt(protocols.size());
        return protocols.get(a).tvl >= protocols.get(b).tvl ? a : b;
    }

    private void deactivate(GNode n) {
        n.active = false;
        if (n.kind == PROTOCOL) {
            for (int h = 0; h < n.count; h++) {
                nodes.get(n.targets[h]).inDegree--;
            }
            n.count = 0;
        }
        // Holdings of it go in churnLinks (inactive targets are dropped there).
    }

    // ---- links -----------------------------------------------------------------------------------

    private void churnLinks(int linkTarget, boolean firstWeek) {
        List<GNode> protocols = new ArrayList<>();
        int kept = 0;
        int core = 0;
        int small = 0;
        for (GNode p : nodes) {
            if (p.kind != PROTOCOL || !p.active) {
                continue;
            }
            protocols.add(p);
            p.tvlBeforeLinks = Math.max(valueOf(p), 1);
            double mean = p.tvlBeforeLinks / Math.max(1, p.count);
            for (int h = 0; h < p.count; h++) {
                if (!nodes.get(p.targets[h]).active) {
                    continue;
                }
                if (p.kept[h]) {
                    kept++;
                } else if (p.units[h] * nodes.get(p.targets[h]).price >= mean) {
                    core++;
                } else {
                    small++;
                }
            }
        }
        // Survival of small holdings, chosen so that ~LINK_PERSISTENCE of next week's links are old ones.
        double survivorsWanted = LINK_PERSISTENCE * linkTarget - kept - 0.8 * core;
        double smallSurvival = firstWeek ? 1 : Math.max(0.05, Math.min(0.95, survivorsWanted / Math.max(1, small)));
        double coreSurvival = firstWeek ? 1 : 0.8;
        int total = 0;
        for (GNode p : protocols) {
            double mean = p.tvlBeforeLinks / Math.max(1, p.count);
            int w = 0;
            for (int h = 0; h < p.count; h++) {
                GNode t = nodes.get(p.targets[h]);
                boolean keep;
                if (!t.active) {
                    keep = false;
                } else if (p.kept[h]) {
                    keep = true;
                } else {
                    double survival = p.units[h] * t.price >= mean ? coreSurvival : smallSurvival;
                    keep = linkRandom.chance(survival);
                }
                // A protocol keeps at least one holding.
                if (!keep && w == 0 && h == p.count - 1 && t.active) {
                    keep = true;
                }
                if (keep) {
                    p.targets[w] = p.targets[h];
                    p.units[w] = p.units[h];
                    p.kept[w] = p.kept[h];
                    w++;
                } else {
                    if (t.active) {
                        t.inDegree--;
                        p.remember(t.index);
                    }
                }
            }
            p.count = w;
            total += w;
        }
        rebuildSamplers(protocols);
        int guard = 0;
        while (total < linkTarget && guard++ < 50 * linkTarget) {
            int s = sourceSampler.sample(linkRandom);
            GNode p = nodes.get(s);
            int target = chooseTarget(p);
            if (target < 0 || target == p.index || p.holdingOf(target) >= 0) {
                continue;
            }
            GNode t = nodes.get(target);
            double share = t.valueWeight * linkRandom.nextLogNormal(0.15, 1.0) / (p.count + 2);
            p.add(target, share * p.tvlBeforeLinks / t.price, false);
            t.inDegree++;
            if (t.fitness > 0) {
                targetSampler.set(target, t.fitness * (1 + t.inDegree));
            }
            total++;
        }
        // Holdings changed hands, not value: each protocol's TVL is what it was before its links changed.
        for (GNode p : protocols) {
            double now = valueOf(p);
            if (now > 0) {
                double scale = p.tvlBeforeLinks / now;
                for (int h = 0; h < p.count; h++) {
                    p.units[h] *= scale;
                }
            }
            p.tvl = p.tvlBeforeLinks;
        }
    }

    private void rebuildSamplers(List<GNode> protocols) {
        int n = nodes.size();
        double[] sourceWeights = new double[n];
        double[] targetWeights = new double[n];
        for (GNode p : protocols) {
            // Appetite for new holdings: sector, own taste and size.
            sourceWeights[p.index] = p.appetite * (1 + StrictMath.log10(Math.max(p.tvl, 1e3) / 1e3));
        }
        for (GNode t : nodes) {
            if (t.active && t.fitness > 0) {
                targetWeights[t.index] = t.fitness * (1 + t.inDegree);
            }
        }
        sourceSampler = new FenwickSampler(sourceWeights, n);
        targetSampler = new FenwickSampler(targetWeights, n);
    }

    /** Where a new holding of {@code p} goes: re-opened, copied from a peer, a bucket, or preferential. */
    private int chooseTarget(GNode p) {
        double u = linkRandom.nextDouble();
        if (u < 0.38 && p.ringSize > 0) {
            int t = p.ring[linkRandom.nextInt(p.ringSize)];
            return nodes.get(t).active ? t : -1;
        }
        if (u < 0.62 && p.peers.length > 0) {
            GNode peer = nodes.get(p.peers[linkRandom.nextInt(p.peers.length)]);
            if (peer.active && peer.count > 0) {
                int t = peer.targets[linkRandom.nextInt(peer.count)];
                return nodes.get(t).active ? t : -1;
            }
        }
        if (u < 0.62 + NULL_TARGET_SHARE) {
            return BUCKETS.length;
        }
        SectorGroup sector = SectorGroup.values()[p.sector];
        if (u < 0.62 + NULL_TARGET_SHARE + sector.bucketShare) {
            return sector.bucket(linkRandom);
        }
        return targetSampler.sample(linkRandom);
    }

    // ---- output ----------------------------------------------------------------------------------

    private GeneratedWeek assemble(LocalDate week) {
        // Node order: protocols by id (creation order), then token nodes, buckets, the null-id node.
        int[] nodeOf = new int[nodes.size()];
        Arrays.fill(nodeOf, -1);
        List<GNode> order = new ArrayList<>();
        for (byte kind : new byte[]{PROTOCOL, TOKEN, BUCKET, NONE}) {
            for (GNode n : nodes) {
                if (n.kind == kind && n.active && (kind != TOKEN || n.inDegree > 0)) {
                    nodeOf[n.index] = order.size();
                    order.add(n);
                }
            }
        }
        int nodeCount = order.size();
        String[] ids = new String[nodeCount];
        for (int i = 0; i < nodeCount; i++) {
            ids[i] = idOf(order.get(i));
        }
        IntList linkSources = new IntList();
        IntList linkTargets = new IntList();
        LongList linkCents = new LongList();
        IntList linkStart = new IntList();
        List<String> linkTokens = new ArrayList<>();
        LongList linkTokenCents = new LongList();
        long[] heldCents = new long[nodeCount];
        long[] protocolCents = new long[nodeCount];
        IntList nodeStart = new IntList();
        List<String> nodeTokens = new ArrayList<>();
        LongList nodeTokenCents = new LongList();
        // Bucket compositions: per bucket, cents per token of its list.
        long[][] bucketTokenCents = new long[BUCKETS.length][5];

        for (int i = 0; i < nodeCount; i++) {
            GNode n = order.get(i);
            nodeStart.add(nodeTokens.size());
            if (n.kind != PROTOCOL) {
                continue;
            }
            long total = 0;
            for (int h = 0; h < n.count; h++) {
                GNode t = nodes.get(n.targets[h]);
                int target = nodeOf[t.index];
                if (target < 0) {
                    throw new IllegalStateException(week + ": " + n.id + " holds an inactive node " + idOf(t));
                }
                long cents = Math.max(1, Math.round(n.units[h] * t.price * 100));
                String token = holdingToken(n, t);
                linkSources.add(i);
                linkTargets.add(target);
                linkCents.add(cents);
                linkStart.add(linkTokens.size());
                linkTokens.add(token);
                linkTokenCents.add(cents);
                nodeTokens.add(token);
                nodeTokenCents.add(cents);
                heldCents[target] += cents;
                if (t.kind == BUCKET) {
                    bucketTokenCents[t.index][bucketTokenIndex(n, t)] += cents;
                }
                total += cents;
                // A raw non-positive link beside it (netted positions, the loaders drop them).
                if (quirkRandom.chance(NON_POSITIVE_SHARE / (1 - NON_POSITIVE_SHARE))) {
                    int other = nonPositiveTarget(n, nodeOf);
                    if (other >= 0) {
                        long negative = quirkRandom.chance(0.2) ? 0
                                : -Math.max(1, Math.round(cents * quirkRandom.nextLogNormal(0.05, 1.0)));
                        linkSources.add(i);
                        linkTargets.add(nodeOf[other]);
                        linkCents.add(negative);
                        linkStart.add(linkTokens.size());
                        linkTokens.add(holdingToken(n, nodes.get(other)));
                        linkTokenCents.add(negative);
                    }
                }
            }
            protocolCents[i] = total;
        }
        linkStart.add(linkTokens.size());
        long[] nodeCents = new long[nodeCount];
        for (int i = 0; i < nodeCount; i++) {
            GNode n = order.get(i);
            switch (n.kind) {
                case PROTOCOL -> nodeCents[i] = protocolCents[i];
                case BUCKET -> {
                    nodeStart.set(i, nodeTokens.size());
                    for (int k = 0; k < 5; k++) {
                        if (bucketTokenCents[n.index][k] > 0) {
                            nodeTokens.add(BUCKET_TOKENS[n.index][k]);
                            nodeTokenCents.add(bucketTokenCents[n.index][k]);
                        }
                    }
                    nodeCents[i] = heldCents[i];
                }
                default -> {
                    nodeStart.set(i, nodeTokens.size());
                    nodeTokens.add(n.symbol);
                    nodeTokenCents.add(heldCents[i]);
                    nodeCents[i] = heldCents[i];
                }
            }
        }
        nodeStart.add(nodeTokens.size());
        return new GeneratedWeek(week, ids, nodeCents, nodeStart.toArray(), nodeTokens.toArray(new String[0]),
                nodeTokenCents.toArray(), linkSources.toArray(), linkTargets.toArray(), linkCents.toArray(),
                linkStart.toArray(), linkTokens.toArray(new String[0]), linkTokenCents.toArray());
    }

    /** The node a non-positive link names: one p dropped lately, else a major it does not hold. */
    private int nonPositiveTarget(GNode p, int[] nodeOf) {
        if (p.ringSize > 0) {
            int t = p.ring[quirkRandom.nextInt(p.ringSize)];
            if (nodeOf[t] >= 0 && p.holdingOf(t) < 0 && t != p.index) {
                return t;
            }
        }
        int major = BUCKETS.length + 1 + quirkRandom.nextInt(MAJORS.length);
        return nodeOf[major] >= 0 && p.holdingOf(major) < 0 ? major : -1;
    }

    private String holdingToken(GNode holder, GNode target) {
        return target.kind == BUCKET ? BUCKET_TOKENS[target.index][bucketTokenIndex(holder, target)] : target.symbol;
    }

    /** Which of a bucket's tokens a holder holds: fixed per holder, so it does not flicker. */
    private static int bucketTokenIndex(GNode holder, GNode bucket) {
        return Math.floorMod(holder.index * 31 + bucket.index, 5);
    }

    // ---- small helpers ---------------------------------------------------------------------------

    static final class IntList {
        private int[] values = new int[1024];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        void set(int i, int v) {
            values[i] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    /** Made-up protocol names and token symbols, unique, never a major's or a crisis token's symbol. */
    static final class SymbolMaker {
        private static final String[] ONSETS = {"B", "C", "D", "F", "G", "H", "J", "K", "L", "M", "N", "P", "R", "S",
                "T", "V", "Z", "Qu", "Br", "Cr", "Dr", "Fl", "Gr", "Kr", "Pr", "St", "Th", "Tr", "Vr", "Xen"};
        private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ae", "ai", "io", "ou", "y"};
        private static final String[] CODAS = {"", "", "n", "r", "s", "x", "l", "m", "th", "nd", "rk", "st", "ix", "on"};
        private final Set<String> used = new HashSet<>();

        void reserve(String symbol) {
            used.add(symbol);
        }

        String protocolName(SplitMix64Random random, SectorGroup sector) {
            String word = word(random);
            return word + " " + sector.suffixes[random.nextInt(sector.suffixes.length)];
        }

        String protocolSymbol(SplitMix64Random random, String name) {
            String letters = name.replaceAll("[^A-Za-z]", "").toUpperCase(java.util.Locale.ROOT);
            return unique(letters.substring(0, Math.min(3 + random.nextInt(2), letters.length())));
        }

        /** Tail symbols in the real namespace's shapes: plain, "$X", "X++", "X.BBN", "3X", "stX", "XUSD". */
        String tailSymbol(SplitMix64Random random) {
            String stem = word(random).toUpperCase(java.util.Locale.ROOT);
            stem = stem.substring(0, Math.min(stem.length(), 3 + random.nextInt(3)));
            double u = random.nextDouble();
            String symbol;
            if (u < 0.55) {
                symbol = stem;
            } else if (u < 0.65) {
                symbol = "$" + stem;
            } else if (u < 0.72) {
                symbol = stem + "++";
            } else if (u < 0.78) {
                symbol = stem + ".BBN";
            } else if (u < 0.85) {
                symbol = (2 + random.nextInt(3)) + stem;
            } else if (u < 0.92) {
                symbol = "st" + stem;
            } else {
                symbol = stem + "USD";
            }
            return unique(symbol);
        }

        private static String word(SplitMix64Random random) {
            StringBuilder w = new StringBuilder();
            w.append(ONSETS[random.nextInt(ONSETS.length)]).append(VOWELS[random.nextInt(VOWELS.length)]);
            if (random.chance(0.6)) {
                w.append(ONSETS[random.nextInt(ONSETS.length)].toLowerCase(java.util.Locale.ROOT))
                        .append(VOWELS[random.nextInt(VOWELS.length)]);
            }
            w.append(CODAS[random.nextInt(CODAS.length)]);
            return w.toString();
        }

        private String unique(String symbol) {
            String candidate = symbol;
            for (int n = 2; !used.add(candidate) || isReserved(candidate); n++) {
                candidate = symbol + n;
            }
            return candidate;
        }

        private static boolean isReserved(String s) {
            return s.equals("LP") || s.equals("OTHER") || s.equals("UNKNOWN") || s.equals(UnresolvedNode.ID)
                    || s.chars().allMatch(Character::isDigit);
        }
    }
}
