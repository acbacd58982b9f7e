package io.dexposure.replayer.generate;

import io.dexposure.snapshot.ProtocolDirectory;
import io.dexposure.snapshot.ProtocolInfo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every protocol a run has created, in creation order. Ids are DefiLlama-like numbers that grow with
 * listing order (protocols of the first week, anchors among them, take the low ids, later entrants
 * larger ones, with gaps as in the real id space); a protocol keeps its id, name, category and token
 * symbols for the whole run, also after it leaves.
 */
final class ProtocolUniverse {
    private static final int FIRST_ID = 100;
    /** Median TVL (USD) of the protocols present at the start, and of later entrants (they start small). */
    private static final double ORDINARY_TVL_MEDIAN = 1.5e6;
    private static final double ORDINARY_TVL_SIGMA = 2.3;
    private static final double ENTRANT_TVL_MEDIAN = 4e5;
    private static final double ENTRANT_TVL_SIGMA = 2.0;
    /** Ordinary protocols stay below the anchors, so the giants and crisis roles are the anchors. */
    private static final double ORDINARY_TVL_CAP = 4e9;

    /** Node and mapping order: ids ascending (ids are unique). */
    static final Comparator<Protocol> BY_ID = Comparator.comparingInt(p -> p.numericId);

    private final List<Protocol> protocols = new ArrayList<>();
    private final ProtocolNamer namer = new ProtocolNamer();
    private final SplitMix64Random random;
    /** Ids of the protocols present at the start: anchors take random ones among the older half. */
    private final int[] anchorIds;
    private final int[] startingIds;
    private int anchorsCreated;
    private int startingIdsUsed;
    private int nextId;

    /**
     * @param startingProtocols how many protocols the first week has (anchors included); their ids are
     *                          drawn up front so the anchors' ids are spread among them, not first in line
     */
    ProtocolUniverse(SplitMix64Random random, int startingProtocols) {
        this.random = random;
        int anchors = AnchorRole.values().length;
        int[] ids = new int[Math.max(startingProtocols, anchors)];
        int id = FIRST_ID;
        for (int i = 0; i < ids.length; i++) {
            ids[i] = id;
            id += nextIdGap();
        }
        nextId = id;
        int pool = Math.max(anchors, ids.length / 2);
        int[] positions = new int[pool];
        for (int i = 0; i < pool; i++) {
            positions[i] = i;
        }
        boolean[] taken = new boolean[ids.length];
        anchorIds = new int[anchors];
        for (int a = 0; a < anchors; a++) {
            int j = a + random.nextInt(pool - a);
            int position = positions[j];
            positions[j] = positions[a];
            anchorIds[a] = ids[position];
            taken[position] = true;
        }
        startingIds = new int[ids.length - anchors];
        int k = 0;
        for (int i = 0; i < ids.length; i++) {
            if (!taken[i]) {
                startingIds[k++] = ids[i];
            }
        }
    }

    /** DefiLlama ids have gaps (delisted or merged protocols). */
    private int nextIdGap() {
        return 1 + (random.chance(0.3) ? random.nextInt(3) : 0);
    }

    int size() {
        return protocols.size();
    }

    Protocol get(int index) {
        return protocols.get(index);
    }

    List<Protocol> all() {
        return Collections.unmodifiableList(protocols);
    }

    Protocol createAnchor(AnchorRole role, double marketLog) {
        double tvl = role.initialTvl * StrictMath.exp(0.1 * random.nextGaussian());
        double ownShare = role.category.maxOwnTokenShare * random.nextDouble(0.5, 1.0);
        return create(anchorIds[anchorsCreated++], role.category, true, tvl, ownShare, role.tokenAffinity(), 3.0, role,
                marketLog);
    }

    /** A protocol of the first week. */
    Protocol createOrdinary(double marketLog) {
        int id = startingIdsUsed < startingIds.length ? startingIds[startingIdsUsed++] : newId();
        return createDrawn(id, ORDINARY_TVL_MEDIAN, ORDINARY_TVL_SIGMA, 2e3, marketLog);
    }

    /** A protocol that enters later: a new, larger id, and it starts small. */
    Protocol createEntrant(double marketLog) {
        return createDrawn(newId(), ENTRANT_TVL_MEDIAN, ENTRANT_TVL_SIGMA, 1e3, marketLog);
    }

    private int newId() {
        int id = nextId;
        nextId += nextIdGap();
        return id;
    }

    private Protocol createDrawn(int id, double median, double sigma, double floor, double marketLog) {
        ProtocolCategory category = ProtocolCategory.draw(random);
        double tvl = random.nextLogNormal(median * StrictMath.exp(category.tvlLogOffset), sigma);
        tvl = Math.min(ORDINARY_TVL_CAP, Math.max(floor, tvl));
        boolean issues = random.chance(category.issueProbability);
        double ownShare = issues ? category.maxOwnTokenShare * random.nextDouble() : 0;
        double affinity = random.nextLogNormal(1, 0.8);
        double diversity = random.nextLogNormal(1, 0.7);
        return create(id, category, issues, tvl, ownShare, affinity, diversity, null, marketLog);
    }

    private Protocol create(int numericId, ProtocolCategory category, boolean issues, double tvl, double ownShare,
                            double affinity, double diversity, AnchorRole role, double marketLog) {
        String id = Integer.toString(numericId);
        String name = namer.name(category, random);
        String[] symbols = issues ? namer.symbols(name, category, random) : new String[0];
        double volatility = random.nextLogNormal(1, 0.3);
        Protocol p = new Protocol(protocols.size(), numericId, id, name, category, symbols, affinity, diversity, volatility, tvl,
                ownShare, role);
        p.price = TokenPrices.protocolPrice(p, marketLog);
        if (issues && ownShare > 0) {
            p.ownUnits = ownShare * tvl / p.price;
        }
        protocols.add(p);
        return p;
    }

    /** id -> name and category for every protocol created so far, in id order. */
    Map<String, ProtocolInfo> mapping() {
        List<Protocol> byNumericId = new ArrayList<>(protocols);
        byNumericId.sort(BY_ID);
        Map<String, ProtocolInfo> byId = new LinkedHashMap<>();
        for (Protocol p : byNumericId) {
            byId.put(p.id, new ProtocolInfo(p.name, p.category.label()));
        }
        return byId;
    }

    ProtocolDirectory directory() {
        return ProtocolDirectory.of(mapping());
    }
}
