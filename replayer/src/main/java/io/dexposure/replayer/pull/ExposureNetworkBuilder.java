package io.dexposure.replayer.pull;

import io.dexposure.events.NodeKind;
import io.dexposure.snapshot.SnapshotLink;
import io.dexposure.snapshot.SnapshotNode;
import io.dexposure.snapshot.WeekSnapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one week's holdings into the week's exposure network, the way the dataset builds it:
 * <ul>
 *   <li>every protocol with holdings is a node sized by its TVL, its composition the tokens it holds (token -> USD);</li>
 *   <li>a token held by protocol A and issued by protocol B ({@link TokenIssuerMapping}) is an exposure A -> B worth
 *       the holding's USD value; all of A's tokens of B make one link, its composition those tokens;</li>
 *   <li>a token without an issuing protocol goes to a token-bucket node (USDT, WETH, ... for PRIMARY tokens; LP,
 *       UNKNOWN, OTHER), sized by the total held of it, its composition {@code {bucket: size}};</li>
 *   <li>an issuer nobody pulled (or with no data this week) is still a node, of size 0, so links stay in the week;</li>
 *   <li>a net negative holding (DefiLlama reports some) follows the reader's sign rule: the link is turned round,
 *       flagged {@code flipped}, so the week is what the reader makes of the same data in the dataset's file;</li>
 *   <li>a protocol flagged {@code misrepresentedTokens} stays a node sized by DefiLlama's TVL, but its token breakdown
 *       is known to be wrong, so no composition and no exposures are drawn from it (logged, counted);</li>
 *   <li>a {@code doublecounted} protocol stays a node with its exposures (that double counting is what the network
 *       shows); totals are given with and without it.</li>
 * </ul>
 * Nodes come protocols first (largest first), then buckets; links by source in node order, largest first. The same
 * holdings give the same week.
 */
public final class ExposureNetworkBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(ExposureNetworkBuilder.class);

    private final TokenIssuerMapping mapping;

    public ExposureNetworkBuilder(TokenIssuerMapping mapping) {
        this.mapping = mapping;
    }

    public ExposureNetwork build(LocalDate week, List<ProtocolAtWeek> protocols) {
        Map<String, SnapshotNode> protocolNodes = new LinkedHashMap<>();
        // source -> target -> token -> USD, in the order met
        Map<String, Map<String, Map<String, Double>>> holdings = new LinkedHashMap<>();
        List<String> misrepresented = new ArrayList<>();
        List<String> doublecounted = new ArrayList<>();
        int withoutBreakdown = 0;
        int clamped = 0;
        double totalTvl = 0;
        double doublecountedTvl = 0;
        for (ProtocolAtWeek p : protocols) {
            String id = p.protocol().id();
            ProtocolHoldings h = p.holdings();
            if (!h.hasData() || protocolNodes.containsKey(id)) {
                continue;
            }
            double size;
            Map<String, Double> composition;
            if (p.misrepresentedTokens()) {
                misrepresented.add(id);
                size = h.reportedTvlUsd() != 0 ? h.reportedTvlUsd() : h.tvlUsd();
                composition = Map.of();
            } else {
                size = h.tvlUsd();
                composition = h.tokensUsd();
                if (!h.chainsWithoutBreakdown().isEmpty()) {
                    withoutBreakdown++;
                }
                Map<String, Map<String, Double>> byTarget = new LinkedHashMap<>();
                for (Map.Entry<String, Double> token : h.tokensUsd().entrySet()) {
                    String target = mapping.issuerOf(token.getKey()).nodeId();
                    byTarget.computeIfAbsent(target, k -> new LinkedHashMap<>())
                            .merge(token.getKey(), token.getValue(), Double::sum);
                }
                if (!byTarget.isEmpty()) {
                    holdings.put(id, byTarget);
                }
            }
            if (size < 0) {
                clamped++;
                size = 0;
            }
            if (size == 0 && composition.isEmpty() && !holdings.containsKey(id)) {
                continue; // listed, but nothing locked this week
            }
            protocolNodes.put(id, new SnapshotNode(id, size, composition));
            totalTvl += size;
            if (p.doublecounted()) {
                doublecounted.add(id);
                doublecountedTvl += size;
            }
        }
        if (!misrepresented.isEmpty()) {
            LOG.info("week {}: {} protocol(s) flagged misrepresentedTokens kept as nodes without exposures: {}", week,
                    misrepresented.size(), misrepresented);
        }

        // Links, and what each bucket and unlisted issuer receives.
        List<SnapshotLink> links = new ArrayList<>();
        Map<String, Double> bucketTotals = new LinkedHashMap<>();
        Map<String, Boolean> issuersOnly = new LinkedHashMap<>();
        int flipped = 0;
        int selfLoops = 0;
        double exposure = 0;
        for (Map.Entry<String, Map<String, Map<String, Double>>> source : holdings.entrySet()) {
            for (Map.Entry<String, Map<String, Double>> target : source.getValue().entrySet()) {
                String targetId = target.getKey();
                Map<String, Double> tokens = target.getValue();
                double net = 0;
                for (double usd : tokens.values()) {
                    net += usd;
                }
                if (net == 0) {
                    continue; // holdings that cancel out: no exposure either way, and no node for it
                }
                if (NodeKind.classify(targetId) == NodeKind.TOKEN_BUCKET) {
                    bucketTotals.merge(targetId, net, Double::sum);
                } else if (!protocolNodes.containsKey(targetId)) {
                    issuersOnly.put(targetId, true);
                }
                SnapshotLink link = net > 0
                        ? new SnapshotLink(source.getKey(), targetId, net, Collections.unmodifiableMap(tokens), false)
                        : new SnapshotLink(targetId, source.getKey(), -net, negated(tokens), true);
                flipped += link.flipped() ? 1 : 0;
                selfLoops += link.source().equals(link.target()) ? 1 : 0;
                exposure += link.exposureUsd();
                links.add(link);
            }
        }

        List<SnapshotNode> nodes = new ArrayList<>(protocolNodes.values());
        nodes.sort(Comparator.comparingDouble(SnapshotNode::tvlUsd).reversed().thenComparing(SnapshotNode::id));
        List<String> issuerIds = new ArrayList<>(issuersOnly.keySet());
        issuerIds.sort(Comparator.naturalOrder());
        for (String id : issuerIds) {
            nodes.add(new SnapshotNode(id, 0.0, Map.of()));
        }
        List<SnapshotNode> buckets = new ArrayList<>();
        for (Map.Entry<String, Double> bucket : bucketTotals.entrySet()) {
            double size = bucket.getValue();
            if (size < 0) {
                clamped++;
                size = 0;
            }
            buckets.add(new SnapshotNode(bucket.getKey(), size, Map.of(bucket.getKey(), size)));
        }
        buckets.sort(Comparator.comparingDouble(SnapshotNode::tvlUsd).reversed().thenComparing(SnapshotNode::id));
        nodes.addAll(buckets);

        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            position.put(nodes.get(i).id(), i);
        }
        links.sort(Comparator.<SnapshotLink>comparingInt(l -> position.get(l.source()))
                .thenComparing(Comparator.comparingDouble(SnapshotLink::exposureUsd).reversed())
                .thenComparing(SnapshotLink::target));

        NetworkStats stats = new NetworkStats(protocolNodes.size(), issuerIds.size(), buckets.size(), links.size(),
                selfLoops, flipped, totalTvl, totalTvl - doublecountedTvl, doublecounted, misrepresented,
                withoutBreakdown, clamped, exposure);
        WeekSnapshot snapshot = new WeekSnapshot(week, Collections.unmodifiableList(nodes),
                Collections.unmodifiableList(links), 0, flipped);
        return new ExposureNetwork(snapshot, stats);
    }

    private static Map<String, Double> negated(Map<String, Double> tokens) {
        Map<String, Double> negated = new LinkedHashMap<>();
        tokens.forEach((token, usd) -> negated.put(token, -usd));
        return Collections.unmodifiableMap(negated);
    }
}
