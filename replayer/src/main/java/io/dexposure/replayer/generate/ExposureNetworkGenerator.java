package io.dexposure.replayer.generate;

import io.dexposure.replayer.generate.WeeklySizes.WeekSize;
import io.dexposure.snapshot.ProtocolDirectory;
import io.dexposure.snapshot.WeekSnapshot;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Generates weekly DeFi credit-exposure networks in the DeXposure format, deterministically from a
 * seed: {@link #nextWeek()} yields one week at a time (in memory), {@link SnapshotDatasetWriter} writes
 * whole files.
 *
 * <p>Model, per week:
 * <ol>
 *   <li>Prices: a market factor moves ETH-like tokens, stablecoins stay pegged, each issuer's tokens
 *   add their own noise; scripted crises crash their issuers' tokens.</li>
 *   <li>TVL: every protocol's holdings grow or shrink by a log random walk with drift, reverting weakly
 *   to a slowly rising base (heavy-tailed sizes stay heavy-tailed); big protocols move at most 25 % a
 *   week outside crises; rarely a small protocol is drained (hack, rug). Scripted crises set the TVL of
 *   their issuer and cluster.</li>
 *   <li>Entry and exit: small protocols leave more often; entrants fill up to the requested count.</li>
 *   <li>Links: about 2 % of holdings are replaced, then holdings are added or dropped until the link
 *   count is exactly the requested one. A new holding's holder is drawn by its appetite for many
 *   tokens, its target is a token bucket (38 %) or an issuing protocol drawn by preferential
 *   attachment (category fitness x size^0.3 x (1 + holders)), so Liquid Staking, CDP, Algo-Stables
 *   and CEX tokens end up widely held. Holdings are resized so added or dropped links do not change
 *   the holder's TVL.</li>
 * </ol>
 * A link's size is the USD value of the target's tokens the source holds, its composition those
 * tokens; a protocol node's composition is all its links' tokens plus its own token; a bucket node's
 * size is the total held of it. Nothing depends on hash order or the clock. The crises are scripted
 * by {@link ScriptedCrisis} on the cast of {@link AnchorRole}.
 *
 * <p>Not thread-safe: one generator per run, weeks in order.
 */
public final class ExposureNetworkGenerator {
    private static final long UNIVERSE_STREAM = 1;
    private static final long MARKET_STREAM = 2;
    private static final long FLOW_STREAM = 3;
    private static final long LINK_STREAM = 4;
    private static final long CRISIS_STREAM = 5;

    /** Real exposure networks are persistent week to week; a few percent of links change. */
    private static final double WEEKLY_LINK_CHURN = 0.02;
    private static final double BUCKET_TARGET_PROBABILITY = 0.38;
    private static final double TVL_DRIFT = 0.002;
    private static final double TVL_REVERSION = 0.03;
    private static final double HOLDING_NOISE = 0.02;
    private static final double BIG_PROTOCOL_TVL = 1e8;
    private static final double BIG_PROTOCOL_MAX_WEEKLY_LOG_CHANGE = 0.25;
    private static final double DRAIN_PROBABILITY = 0.002;
    /** Ordinary holders keep crisis-issuer tokens under this share of their TVL, so the designated creditors stay the largest. */
    private static final double ORDINARY_CRISIS_HOLDING_CAP = 0.005;
    /** Size of a new holding relative to the holder's TVL, before all holdings are resized. */
    private static final double NEW_HOLDING_SHARE = 0.5;
    /** The week {@link #singleWeek} is dated. */
    private static final LocalDate SINGLE_WEEK = LocalDate.of(2024, 7, 22);

    private final GeneratorSettings settings;
    private final List<WeekSize> weeks;
    private final ProtocolUniverse universe;
    private final TokenPrices prices = new TokenPrices();
    private final SplitMix64Random marketRandom;
    private final SplitMix64Random flowRandom;
    private final SplitMix64Random linkRandom;
    private final List<ScriptedCrisis> crises = new ArrayList<>();
    /** Active protocols in id order: the node order of the written week. */
    private final List<Protocol> active = new ArrayList<>();
    private final int[] bucketInDegree = new int[TokenBucket.COUNT];
    private int totalHoldings;
    private int maxHoldingsPerProtocol;
    private FenwickSampler sources;
    private FenwickSampler targets;
    private int nextWeekIndex;

    public ExposureNetworkGenerator(GeneratorSettings settings) {
        this.settings = settings;
        this.weeks = settings.sizes().weeks();
        long seed = settings.seed();
        this.universe = new ProtocolUniverse(SplitMix64Random.stream(seed, UNIVERSE_STREAM),
                weeks.get(0).protocols());
        this.marketRandom = SplitMix64Random.stream(seed, MARKET_STREAM);
        this.flowRandom = SplitMix64Random.stream(seed, FLOW_STREAM);
        this.linkRandom = SplitMix64Random.stream(seed, LINK_STREAM);
        SplitMix64Random crisisRandom = SplitMix64Random.stream(seed, CRISIS_STREAM);

        List<Protocol> anchors = new ArrayList<>();
        for (AnchorRole role : AnchorRole.values()) {
            anchors.add(universe.createAnchor(role, prices.marketLog()));
        }
        for (CrisisKind kind : CrisisKind.values()) {
            Protocol issuer = null;
            List<Protocol> cluster = new ArrayList<>();
            for (Protocol anchor : anchors) {
                if (anchor.anchorRole.crisis != kind) {
                    continue;
                }
                switch (anchor.anchorRole.part) {
                    case ISSUER -> issuer = anchor;
                    case CLUSTER -> cluster.add(anchor);
                    default -> { }
                }
            }
            issuer.crisisIssuer = true;
            for (Protocol anchor : anchors) {
                if (anchor.anchorRole.crisis == kind && anchor.anchorRole.issuerTokenShare > 0) {
                    anchor.designatedTarget = issuer.index;
                    anchor.designatedShare = anchor.anchorRole.issuerTokenShare;
                }
            }
            crises.add(new ScriptedCrisis(kind, issuer, cluster, crisisRandom));
        }
        for (CrisisScenario scenario : settings.scriptedScenarios()) {
            for (ScriptedCrisis crisis : crises) {
                if (crisis.kind == scenario.kind()) {
                    crisis.scenario = scenario;
                }
            }
        }
    }

    /** One week of {@code nodes} nodes and {@code links} links, no scenarios: for benchmarks. */
    public static GeneratedWeek singleWeek(long seed, int nodes, int links) {
        return new ExposureNetworkGenerator(GeneratorSettings.withoutScenarios(seed,
                WeeklySizes.fixed(SINGLE_WEEK, 1, nodes, links))).nextWeek();
    }

    public GeneratorSettings settings() {
        return settings;
    }

    public boolean hasNextWeek() {
        return nextWeekIndex < weeks.size();
    }

    /** Generates the next week; weeks come in order and each depends on the previous one. */
    public GeneratedWeek nextWeek() {
        if (!hasNextWeek()) {
            throw new NoSuchElementException("all " + weeks.size() + " weeks generated");
        }
        WeekSize size = weeks.get(nextWeekIndex);
        if (nextWeekIndex == 0) {
            while (universe.size() < size.protocols()) {
                universe.createOrdinary(prices.marketLog());
            }
            for (int i = 0; i < universe.size(); i++) {
                universe.get(i).budgetValue = universe.get(i).initialTvl;
            }
        } else {
            // Last week's samplers are stale (and too small once entrants arrive): rebuilt in fitLinks.
            sources = null;
            targets = null;
            advancePrices(size.week());
            applyFlows(size.week());
            replaceLeavers(size.protocols());
        }
        refreshActive();
        fitLinks(size.links(), size.week());
        GeneratedWeek generated = assemble(size.week());
        nextWeekIndex++;
        return generated;
    }

    /** {@link #nextWeek()} as the snapshot reader's record. */
    public WeekSnapshot nextWeekSnapshot() {
        return nextWeek().toWeekSnapshot();
    }

    /** id -> name, category of every protocol created so far (also those that left). */
    public ProtocolDirectory protocolDirectory() {
        return universe.directory();
    }

    /** What the scripted crises did in the weeks generated so far (complete once all weeks are generated). */
    public List<ScenarioGroundTruth> scenarioGroundTruth() {
        List<ScenarioGroundTruth> truths = new ArrayList<>();
        for (ScriptedCrisis crisis : crises) {
            if (crisis.isScripted() && !crisis.observed.isEmpty()) {
                truths.add(crisis.groundTruth());
            }
        }
        return truths;
    }

    ProtocolUniverse universe() {
        return universe;
    }

    // ---- prices and TVL ------------------------------------------------------------------------

    private void advancePrices(LocalDate week) {
        prices.advanceMarket(marketRandom);
        for (Protocol p : active) {
            if (p.issuesTokens()) {
                TokenPrices.advanceIssuer(p, marketRandom);
            }
        }
        for (ScriptedCrisis crisis : crises) {
            int phase = crisis.phase(week);
            if (phase >= 0) {
                crashPrice(crisis.issuer, crisis.issuerPriceFactor[phase]);
                for (Protocol member : crisis.cluster) {
                    crashPrice(member, crisis.clusterPriceFactor[phase]);
                }
            }
        }
        for (Protocol p : active) {
            p.price = TokenPrices.protocolPrice(p, prices.marketLog());
        }
    }

    private static void crashPrice(Protocol p, double factor) {
        p.logPrice += StrictMath.log(factor);
        p.logPriceBase = p.logPrice;
    }

    private void applyFlows(LocalDate week) {
        for (Protocol p : active) {
            double tvl = Math.max(p.lastTvl, 1);
            double flow = TVL_DRIFT + TVL_REVERSION * (p.logBaseTvl - StrictMath.log(tvl))
                    + weeklyVolatility(tvl) * p.volatility * flowRandom.nextGaussian();
            if (tvl >= BIG_PROTOCOL_TVL) {
                flow = Math.max(-BIG_PROTOCOL_MAX_WEEKLY_LOG_CHANGE, Math.min(BIG_PROTOCOL_MAX_WEEKLY_LOG_CHANGE, flow));
            } else if (!p.isAnchor() && tvl < 5e7 && flowRandom.chance(DRAIN_PROBABILITY)) {
                flow = StrictMath.log(flowRandom.nextDouble(0.05, 0.25));
                p.logBaseTvl += flow;
            }
            p.logBaseTvl += TVL_DRIFT;
            for (int h = 0; h < p.holdingCount; h++) {
                p.units[h] *= StrictMath.exp(flow + HOLDING_NOISE * flowRandom.nextGaussian());
            }
            p.ownUnits *= StrictMath.exp(flow);
        }
        for (ScriptedCrisis crisis : crises) {
            int phase = crisis.phase(week);
            if (phase >= 0) {
                scriptTvl(crisis.issuer, crisis.issuerTvlRatio[phase]);
                for (int m = 0; m < crisis.cluster.size(); m++) {
                    scriptTvl(crisis.cluster.get(m), crisis.clusterTvlRatio[m][phase]);
                }
            }
        }
        for (Protocol p : active) {
            p.budgetValue = valueOf(p);
        }
    }

    private static double weeklyVolatility(double tvl) {
        if (tvl >= 1e9) {
            return 0.025;
        }
        if (tvl >= 1e8) {
            return 0.045;
        }
        return tvl >= 1e6 ? 0.08 : 0.12;
    }

    /** Sets a scripted protocol's TVL to {@code ratio} times last week's, and makes that its new normal. */
    private void scriptTvl(Protocol p, double ratio) {
        double target = ratio * p.lastTvl;
        double scale = target / valueOf(p);
        for (int h = 0; h < p.holdingCount; h++) {
            p.units[h] *= scale;
        }
        p.ownUnits *= scale;
        p.logBaseTvl = StrictMath.log(Math.max(target, 1));
    }

    private double priceOf(int target) {
        return TokenBucket.isBucketTarget(target) ? prices.bucketPrice(TokenBucket.ofTarget(target))
                : universe.get(target).price;
    }

    private double valueOf(Protocol p) {
        double value = p.ownUnits * p.price;
        for (int h = 0; h < p.holdingCount; h++) {
            value += p.units[h] * priceOf(p.targets[h]);
        }
        return value;
    }

    private boolean isCrisisIssuer(int target) {
        return target >= 0 && universe.get(target).crisisIssuer;
    }

    // ---- entry and exit ------------------------------------------------------------------------

    private void replaceLeavers(int protocolTarget) {
        List<Protocol> leaving = new ArrayList<>();
        for (Protocol p : active) {
            if (!canLeave(p)) {
                continue;
            }
            // ~0.3 % a week overall, mostly the smallest: the real universe is persistent (~4.3k protocols in five years).
            double hazard = 0.001 + (p.lastTvl < 1e5 ? 0.006 : p.lastTvl < 1e6 ? 0.002 : 0);
            if (flowRandom.chance(hazard)) {
                leaving.add(p);
                p.active = false;
            }
        }
        int remaining = active.size() - leaving.size();
        if (remaining > protocolTarget) {
            List<Protocol> small = new ArrayList<>();
            List<Protocol> big = new ArrayList<>();
            for (Protocol p : active) {
                if (p.active && !p.isAnchor()) {
                    (canLeave(p) ? small : big).add(p);
                }
            }
            int needed = remaining - protocolTarget;
            int fromSmall = Math.min(needed, small.size());
            leaving.addAll(pickLeavers(small, fromSmall));
            // Big protocols leave only when the node count falls by more than the small ones can give.
            leaving.addAll(pickLeavers(big, needed - fromSmall));
            remaining = protocolTarget;
        }
        for (Protocol p : leaving) {
            for (int h = 0; h < p.holdingCount; h++) {
                releaseTarget(p.targets[h]);
            }
            totalHoldings -= p.holdingCount;
            p.holdingCount = 0;
            p.ownUnits = 0;
        }
        if (!leaving.isEmpty()) {
            for (Protocol p : active) {
                if (!p.active) {
                    continue;
                }
                boolean dropped = false;
                for (int h = 0; h < p.holdingCount; h++) {
                    int t = p.targets[h];
                    if (t >= 0 && !universe.get(t).active) {
                        p.targets[h] = Protocol.NO_TARGET;
                        totalHoldings--;
                        dropped = true;
                    }
                }
                if (dropped) {
                    p.compactHoldings();
                    p.touched = true;
                }
            }
        }
        for (int i = remaining; i < protocolTarget; i++) {
            Protocol entrant = universe.createEntrant(prices.marketLog());
            entrant.budgetValue = entrant.initialTvl;
        }
    }

    /** {@code count} random protocols of {@code candidates}, marked inactive. */
    private List<Protocol> pickLeavers(List<Protocol> candidates, int count) {
        List<Protocol> chosen = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int j = i + flowRandom.nextInt(candidates.size() - i);
            Protocol p = candidates.get(j);
            candidates.set(j, candidates.get(i));
            candidates.set(i, p);
            p.active = false;
            chosen.add(p);
        }
        return chosen;
    }

    /** Anchors stay; big protocols do not vanish from one week to the next (their TVL moves instead). */
    private static boolean canLeave(Protocol p) {
        return !p.isAnchor() && p.lastTvl < BIG_PROTOCOL_TVL;
    }

    private void releaseTarget(int target) {
        if (TokenBucket.isBucketTarget(target)) {
            bucketInDegree[TokenBucket.ofTarget(target).ordinal()]--;
        } else {
            Protocol q = universe.get(target);
            q.inDegree--;
            if (targets != null && q.active) {
                targets.set(q.index, q.attachBase * (1 + q.inDegree));
            }
        }
    }

    private void refreshActive() {
        active.clear();
        int issuers = 0;
        for (Protocol p : universe.all()) {
            if (p.active) {
                active.add(p);
                if (p.issuesTokens()) {
                    issuers++;
                }
            }
        }
        active.sort(ProtocolUniverse.BY_ID);
        maxHoldingsPerProtocol = Math.min(WeeklySizes.MAX_LINKS_PER_PROTOCOL, TokenBucket.COUNT + issuers - 1);
    }

    // ---- links ---------------------------------------------------------------------------------

    private void fitLinks(int links, LocalDate week) {
        rebuildSamplers();
        int needFirst = 0;
        for (Protocol p : active) {
            if (plainHoldings(p) == 0) {
                needFirst++;
            }
            if (p.designatedTarget != Protocol.NO_TARGET && p.holdingIndexOf(p.designatedTarget) < 0) {
                needFirst++;
            }
        }
        int churn = (int) Math.round(WEEKLY_LINK_CHURN * totalHoldings);
        removeHoldings(churn + Math.max(0, totalHoldings + needFirst - links));
        addRequiredHoldings();
        int missing = links - totalHoldings;
        if (missing > 0) {
            addHoldings(missing, week);
        } else if (missing < 0 && removeHoldings(-missing) < -missing) {
            throw new IllegalStateException(week + ": cannot bring the links down to " + links + " ("
                    + totalHoldings + " remain: every protocol keeps one holding, every bucket one holder)");
        }
        resizeTouchedHoldings();
    }

    private int plainHoldings(Protocol p) {
        int plain = 0;
        for (int h = 0; h < p.holdingCount; h++) {
            if (!isCrisisIssuer(p.targets[h])) {
                plain++;
            }
        }
        return plain;
    }

    private void rebuildSamplers() {
        int n = universe.size();
        double[] sourceWeights = new double[n];
        double[] targetWeights = new double[n];
        for (Protocol p : active) {
            double size = Math.max(p.budgetValue, 1e3);
            if (p.holdingCount < maxHoldingsPerProtocol) {
                sourceWeights[p.index] = sourceWeight(p);
            }
            if (p.issuesTokens()) {
                p.attachBase = p.category.attachFactor * p.affinity * StrictMath.pow(size / 1e6, 0.3);
                targetWeights[p.index] = p.attachBase * (1 + p.inDegree);
            }
        }
        sources = new FenwickSampler(sourceWeights, n);
        targets = new FenwickSampler(targetWeights, n);
    }

    /** Appetite for holding many kinds of tokens: category, own taste, and size (big protocols hold more). */
    private static double sourceWeight(Protocol p) {
        double size = Math.max(p.budgetValue, 1e3);
        return p.diversity * p.category.holdingDiversity * (1 + StrictMath.log10(size / 1e3));
    }

    /**
     * Drops up to {@code count} random holdings, never a designated crisis holding, never a protocol's
     * last ordinary holding, never a bucket's last holder. Returns how many were dropped.
     */
    private int removeHoldings(int count) {
        if (count <= 0) {
            return 0;
        }
        long[] candidates = new long[totalHoldings];
        int n = 0;
        int[] remainingAll = new int[universe.size()];
        int[] remainingPlain = new int[universe.size()];
        for (Protocol p : active) {
            remainingAll[p.index] = p.holdingCount;
            remainingPlain[p.index] = plainHoldings(p);
            for (int h = 0; h < p.holdingCount; h++) {
                if (p.targets[h] != p.designatedTarget) {
                    candidates[n++] = ((long) p.index << 32) | h;
                }
            }
        }
        int removed = 0;
        for (int i = 0; i < n && removed < count; i++) {
            int j = i + linkRandom.nextInt(n - i);
            long chosen = candidates[j];
            candidates[j] = candidates[i];
            Protocol p = universe.get((int) (chosen >>> 32));
            int h = (int) chosen;
            int t = p.targets[h];
            boolean allowed;
            if (isCrisisIssuer(t)) {
                allowed = remainingAll[p.index] >= 2;
            } else {
                allowed = remainingPlain[p.index] >= 2
                        && (!TokenBucket.isBucketTarget(t) || bucketInDegree[TokenBucket.ofTarget(t).ordinal()] >= 2);
                if (allowed) {
                    remainingPlain[p.index]--;
                }
            }
            if (allowed) {
                remainingAll[p.index]--;
                releaseTarget(t);
                p.targets[h] = Protocol.NO_TARGET;
                p.touched = true;
                removed++;
            }
        }
        for (Protocol p : active) {
            if (remainingAll[p.index] != p.holdingCount) {
                p.compactHoldings();
                if (p.holdingCount < maxHoldingsPerProtocol) {
                    sources.set(p.index, sourceWeight(p));
                }
            }
        }
        totalHoldings -= removed;
        return removed;
    }

    /** Designated crisis holdings, one ordinary holding per protocol, one holder per token bucket. */
    private void addRequiredHoldings() {
        for (Protocol p : active) {
            if (p.designatedTarget != Protocol.NO_TARGET && p.holdingIndexOf(p.designatedTarget) < 0) {
                addHolding(p, p.designatedTarget);
            }
            if (plainHoldings(p) == 0) {
                TokenBucket first = stakesEth(p.category) ? TokenBucket.WETH : TokenBucket.draw(linkRandom);
                addHolding(p, first.asTarget());
            }
        }
        for (TokenBucket b : TokenBucket.ALL) {
            if (bucketInDegree[b.ordinal()] > 0) {
                continue;
            }
            Protocol holder = null;
            for (int attempt = 0; attempt < 32 && holder == null; attempt++) {
                int s = sources.sample(linkRandom);
                if (s >= 0 && universe.get(s).holdingIndexOf(b.asTarget()) < 0) {
                    holder = universe.get(s);
                }
            }
            for (int i = 0; holder == null && i < active.size(); i++) {
                if (active.get(i).holdingIndexOf(b.asTarget()) < 0) {
                    holder = active.get(i);
                }
            }
            addHolding(holder, b.asTarget());
        }
    }

    private void addHoldings(int count, LocalDate week) {
        int added = 0;
        int failures = 0;
        while (added < count) {
            int s = sources.sample(linkRandom);
            if (s < 0) {
                throw new IllegalStateException(week + ": no protocol can hold another token (" + totalHoldings
                        + " links, " + active.size() + " protocols, at most " + maxHoldingsPerProtocol + " each)");
            }
            Protocol p = universe.get(s);
            int target = chooseTarget(p);
            if (target == Protocol.NO_TARGET) {
                if (++failures > 1000 + 10 * count) {
                    throw new IllegalStateException(week + ": cannot place " + (count - added) + " more links");
                }
                continue;
            }
            addHolding(p, target);
            added++;
        }
    }

    private int chooseTarget(Protocol p) {
        if (linkRandom.chance(BUCKET_TARGET_PROBABILITY)) {
            TokenBucket b = TokenBucket.draw(linkRandom);
            if (p.holdingIndexOf(b.asTarget()) < 0) {
                return b.asTarget();
            }
        }
        for (int attempt = 0; attempt < 6; attempt++) {
            int q = targets.sample(linkRandom);
            if (q < 0) {
                break;
            }
            if (q != p.index && p.holdingIndexOf(q) < 0) {
                return q;
            }
        }
        for (TokenBucket b : TokenBucket.ALL) {
            if (p.holdingIndexOf(b.asTarget()) < 0) {
                return b.asTarget();
            }
        }
        return Protocol.NO_TARGET;
    }

    /** Adds a holding sized against the holder's TVL this week; {@link #resizeTouchedHoldings} makes the total fit. */
    private void addHolding(Protocol p, int target) {
        double tvl = p.budgetValue;
        double spread = NEW_HOLDING_SHARE / (p.holdingCount + 2);
        double firstTokenShare = 1;
        double value;
        double unitPrice;
        if (TokenBucket.isBucketTarget(target)) {
            TokenBucket b = TokenBucket.ofTarget(target);
            value = b.valueWeight * bucketPreference(p.category, b) * linkRandom.nextExponential() * tvl * spread;
            unitPrice = prices.bucketPrice(b);
            bucketInDegree[b.ordinal()]++;
        } else {
            Protocol q = universe.get(target);
            if (target == p.designatedTarget) {
                value = p.designatedShare * tvl;
            } else if (q.crisisIssuer) {
                value = Math.min(ORDINARY_CRISIS_HOLDING_CAP, 0.002 * linkRandom.nextExponential()) * tvl;
            } else {
                value = tokenValueWeight(q) * linkRandom.nextExponential() * tvl * spread;
            }
            if (q.symbols.length == 2 && !linkRandom.chance(0.5)) {
                firstTokenShare = linkRandom.nextDouble(0.6, 0.95);
            }
            unitPrice = q.price;
            q.inDegree++;
            targets.set(q.index, q.attachBase * (1 + q.inDegree));
        }
        p.addHolding(target, value / unitPrice, firstTokenShare);
        p.touched = true;
        totalHoldings++;
        if (p.holdingCount >= maxHoldingsPerProtocol) {
            sources.set(p.index, 0);
        }
    }

    private static boolean stakesEth(ProtocolCategory category) {
        return category == ProtocolCategory.LIQUID_STAKING || category == ProtocolCategory.RESTAKING;
    }

    /** Staking protocols hold ETH, CDPs hold ETH/BTC collateral, DEXes LP tokens, CEXes USDT and BTC. */
    private static double bucketPreference(ProtocolCategory category, TokenBucket bucket) {
        if (stakesEth(category)) {
            return bucket == TokenBucket.WETH ? 8 : 1;
        }
        switch (category) {
            case CDP: return bucket == TokenBucket.WETH ? 3 : bucket == TokenBucket.WBTC ? 2 : 1;
            case DEXES: return bucket == TokenBucket.LP ? 3 : 1;
            case CEX: return bucket == TokenBucket.USDT || bucket == TokenBucket.WBTC ? 2 : 1;
            default: return 1;
        }
    }

    /** How big a holding of this issuer's tokens tends to be: staking receipts and stablecoins are held in size. */
    private static double tokenValueWeight(Protocol issuer) {
        switch (issuer.category.tokenKind) {
            case LIQUID_STAKING: return 3.0;
            case STABLE: return 2.5;
            case EXCHANGE: return 1.0;
            default: return 0.6;
        }
    }

    /**
     * Resizes the ordinary holdings of every protocol whose links changed so that its TVL is what it was
     * before (its own token and crisis-issuer holdings keep their size).
     */
    private void resizeTouchedHoldings() {
        for (Protocol p : active) {
            if (!p.touched && !p.fresh) {
                continue;
            }
            double fixed = p.ownUnits * p.price;
            double plain = 0;
            for (int h = 0; h < p.holdingCount; h++) {
                double value = p.units[h] * priceOf(p.targets[h]);
                if (isCrisisIssuer(p.targets[h])) {
                    fixed += value;
                } else {
                    plain += value;
                }
            }
            double plainTarget = Math.max(p.budgetValue - fixed, 0.05 * p.budgetValue);
            if (plain > 0) {
                double scale = plainTarget / plain;
                for (int h = 0; h < p.holdingCount; h++) {
                    if (!isCrisisIssuer(p.targets[h])) {
                        p.units[h] *= scale;
                    }
                }
            }
            p.touched = false;
        }
    }

    // ---- output --------------------------------------------------------------------------------

    private GeneratedWeek assemble(LocalDate week) {
        int protocolNodes = active.size();
        int nodeCount = protocolNodes + TokenBucket.COUNT;
        int[] nodeOfProtocol = new int[universe.size()];
        Arrays.fill(nodeOfProtocol, -1);
        Protocol[] protocolOfNode = new Protocol[nodeCount];
        String[] nodeIds = new String[nodeCount];
        for (int i = 0; i < protocolNodes; i++) {
            Protocol p = active.get(i);
            nodeOfProtocol[p.index] = i;
            protocolOfNode[i] = p;
            nodeIds[i] = p.id;
        }
        for (TokenBucket b : TokenBucket.ALL) {
            nodeIds[protocolNodes + b.ordinal()] = b.symbol();
        }
        long[] nodeCents = new long[nodeCount];
        int[] nodeCompositionStart = new int[nodeCount + 1];
        TokenAmounts nodeComposition = new TokenAmounts(totalHoldings + protocolNodes + TokenBucket.COUNT);
        int linkCount = totalHoldings;
        int[] linkSources = new int[linkCount];
        int[] linkTargets = new int[linkCount];
        long[] linkCents = new long[linkCount];
        int[] linkCompositionStart = new int[linkCount + 1];
        TokenAmounts linkComposition = new TokenAmounts(linkCount + linkCount / 4 + 1);
        long[] bucketCents = new long[TokenBucket.COUNT];

        int link = 0;
        for (int i = 0; i < protocolNodes; i++) {
            Protocol p = active.get(i);
            nodeCompositionStart[i] = nodeComposition.size();
            long total = 0;
            for (int h = 0; h < p.holdingCount; h++) {
                int t = p.targets[h];
                linkSources[link] = i;
                linkCompositionStart[link] = linkComposition.size();
                long size;
                if (TokenBucket.isBucketTarget(t)) {
                    TokenBucket b = TokenBucket.ofTarget(t);
                    size = cents(p.units[h] * prices.bucketPrice(b));
                    linkComposition.add(b.symbol(), size);
                    nodeComposition.add(b.symbol(), size);
                    linkTargets[link] = protocolNodes + b.ordinal();
                    bucketCents[b.ordinal()] += size;
                } else {
                    Protocol q = universe.get(t);
                    double value = p.units[h] * q.price;
                    double share = p.firstTokenShares[h];
                    if (q.symbols.length == 1 || share >= 1) {
                        size = cents(value);
                        linkComposition.add(q.symbols[0], size);
                        nodeComposition.add(q.symbols[0], size);
                    } else {
                        long first = cents(value * share);
                        long second = cents(value * (1 - share));
                        linkComposition.add(q.symbols[0], first);
                        linkComposition.add(q.symbols[1], second);
                        nodeComposition.add(q.symbols[0], first);
                        nodeComposition.add(q.symbols[1], second);
                        size = first + second;
                    }
                    linkTargets[link] = nodeOfProtocol[t];
                    if (linkTargets[link] < 0) {
                        throw new IllegalStateException(p.id + " holds tokens of inactive protocol " + q.id);
                    }
                }
                linkCents[link] = size;
                total += size;
                link++;
            }
            if (p.ownUnits > 0) {
                long own = cents(p.ownUnits * p.price);
                nodeComposition.add(p.ownTokenSymbol(), own);
                total += own;
            }
            nodeCents[i] = total;
            p.lastTvl = total / 100.0;
            p.fresh = false;
        }
        linkCompositionStart[linkCount] = linkComposition.size();
        for (TokenBucket b : TokenBucket.ALL) {
            int node = protocolNodes + b.ordinal();
            nodeCompositionStart[node] = nodeComposition.size();
            nodeComposition.add(b.symbol(), bucketCents[b.ordinal()]);
            nodeCents[node] = bucketCents[b.ordinal()];
        }
        nodeCompositionStart[nodeCount] = nodeComposition.size();

        GeneratedWeek generated = new GeneratedWeek(week, nodeIds, nodeCents, nodeCompositionStart,
                nodeComposition.tokens(), nodeComposition.cents(), linkSources, linkTargets, linkCents,
                linkCompositionStart, linkComposition.tokens(), linkComposition.cents());
        for (ScriptedCrisis crisis : crises) {
            crisis.observe(generated, nodeOfProtocol, protocolOfNode);
        }
        return generated;
    }

    /** Whole cents, at least one: every listed token has a positive amount. */
    private static long cents(double usd) {
        return Math.max(1, Math.round(usd * 100));
    }

    /** A growable list of (token, cents) pairs. */
    private static final class TokenAmounts {
        private String[] tokens;
        private long[] cents;
        private int size;

        TokenAmounts(int capacity) {
            tokens = new String[Math.max(capacity, 8)];
            cents = new long[tokens.length];
        }

        void add(String token, long amount) {
            if (size == tokens.length) {
                tokens = Arrays.copyOf(tokens, size * 2);
                cents = Arrays.copyOf(cents, size * 2);
            }
            tokens[size] = token;
            cents[size] = amount;
            size++;
        }

        int size() {
            return size;
        }

        String[] tokens() {
            return Arrays.copyOf(tokens, size);
        }

        long[] cents() {
            return Arrays.copyOf(cents, size);
        }
    }
}
