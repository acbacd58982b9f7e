package io.dexposure.analytics.alerts;

import io.dexposure.events.UsdAmount;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Rule 2: a protocol's exposure to distressed issuers (protocols whose TVL fell by at least the
 * issuer-collapse warning drop) is at least Z % of its own TVL, both as of the previous week: what it
 * held going into the fall. One alert per creditor, naming every distressed issuer it held.
 */
public final class CreditorAtRiskRule implements AlertRule {
    private final double distressDrop;
    private final double warningShare;
    private final double criticalShare;
    private final double minExposure;

    public CreditorAtRiskRule(AlertThresholds t) {
        this.distressDrop = t.number("issuer-collapse.warning.tvl-drop");
        this.warningShare = t.number("creditor-at-risk.warning.exposure-share");
        this.criticalShare = t.number("creditor-at-risk.critical.exposure-share");
        this.minExposure = t.number("creditor-at-risk.min-exposure-usd");
    }

    @Override
    public List<Alert> evaluate(WeekChange c) {
        List<Alert> alerts = new ArrayList<>();
        if (c.previous == null) {
            return alerts;
        }
        // creditor -> (issuer -> exposure), creditors in id order for a stable output order.
        Map<Integer, Map<Integer, Double>> exposed = new TreeMap<>((a, b) -> c.previous.ids[a].compareTo(c.previous.ids[b]));
        for (int issuer = 0; issuer < c.previous.nodeCount(); issuer++) {
            if (!WeekChange.isProtocol(c.previous, issuer) || c.tvlDrop(issuer) < distressDrop) {
                continue;
            }
            for (int p = c.previousLinks.start(issuer); p < c.previousLinks.end(issuer); p++) {
                int creditor = c.previousLinks.creditor(p);
                if (creditor != issuer && WeekChange.isProtocol(c.previous, creditor)) {
                    exposed.computeIfAbsent(creditor, k -> new TreeMap<>()).merge(issuer, c.previousLinks.exposure(p), Double::sum);
                }
            }
        }
        for (var entry : exposed.entrySet()) {
            int creditor = entry.getKey();
            double tvl = c.previous.tvlUsd[creditor];
            double exposure = entry.getValue().values().stream().mapToDouble(Double::doubleValue).sum();
            if (tvl <= 0 || exposure < minExposure) {
                continue;
            }
            double share = exposure / tvl;
            String severity = share >= criticalShare ? Alert.CRITICAL : share >= warningShare ? Alert.WARNING : null;
            if (severity == null) {
                continue;
            }
            List<AlertSubject> subjects = new ArrayList<>();
            subjects.add(WeekChange.subject(c.previous, creditor, "creditor", exposure));
            StringBuilder issuers = new StringBuilder();
            for (var held : entry.getValue().entrySet()) {
                int issuer = held.getKey();
                subjects.add(WeekChange.subject(c.previous, issuer, "issuer", held.getValue()));
                issuers.append(issuers.length() == 0 ? "" : ", ").append(IssuerCollapseRule.name(c, issuer)).append(' ')
                        .append(UsdAmount.format(held.getValue())).append(" (down ").append(AlertRule.percent(c.tvlDrop(issuer))).append(')');
            }
            alerts.add(AlertRule.alert(c.week(), CREDITOR_AT_RISK, severity, c.previous.ids[creditor], share,
                    Alert.CRITICAL.equals(severity) ? criticalShare : warningShare, exposure,
                    subjects.toArray(new AlertSubject[0]),
                    WeekChange.describe(c.previous, creditor) + " held " + UsdAmount.format(exposure) + " of collapsing issuers' tokens, "
                            + AlertRule.percent(share) + " of its " + UsdAmount.format(tvl) + " TVL: " + issuers + "."));
        }
        return alerts;
    }
}
