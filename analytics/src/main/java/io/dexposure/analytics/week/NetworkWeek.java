package io.dexposure.analytics.week;

import io.dexposure.events.WeekDates;
import io.dexposure.analytics.metrics.ProtocolMetrics;
import io.dexposure.analytics.metrics.WeekAnalysis;
import io.dexposure.analytics.metrics.WeekMetrics;
import io.dexposure.analytics.network.WeeklyNetwork;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One analysed week as the sequential operators (shock rules, ROLAND) receive it, in week order: the
 * week's network in flat arrays (a Flink POJO, so it travels between operators without Kryo) plus what
 * the parallel analysis already computed for it. A week the analysis rejected travels too, as
 * {@link #rejected}, so the sequence can move past it instead of waiting for it forever.
 */
public class NetworkWeek {
    public String week;
    /** False for a week whose records did not add up: no network, it only keeps the sequence moving. */
    public boolean complete;
    public String[] ids;
    public String[] names;
    public String[] categories;
    public double[] tvlUsd;
    /** Links in CSR order: linkSources[k] holds linkWeights[k] USD of tokens issued by linkTargets[k]. */
    public int[] linkSources;
    public int[] linkTargets;
    public double[] linkWeights;
    /** Node i's token composition is compositionTokens/Usd[compositionOffsets[i] .. compositionOffsets[i+1]). */
    public int[] compositionOffsets;
    public String[] compositionTokens;
    public double[] compositionUsd;
    /** Exposure-weighted PageRank per node, from the analysis (NaN when no analysis was attached). */
    public double[] pageRank;
    /** Normalised betweenness per node, from the analysis (NaN when no analysis was attached). */
    public double[] betweenness;
    /** Mean Ollivier-Ricci curvature per node (NaN: none, or no analysis attached). */
    public double[] meanCurvature;
    /** Infomap community per node (-1: none, or no analysis attached); ids are per week. */
    public int[] community;
    /** The week's metrics record (null for a rejected week or when no analysis was attached). */
    public WeekMetrics metrics;

    public NetworkWeek() {
    }

    /** The week as the sequential operators see it; {@code analysis} may be null (tests, tools). */
    public static NetworkWeek of(WeeklyNetwork network, WeekAnalysis analysis) {
        int n = network.nodeCount();
        int m = network.linkCount();
        NetworkWeek w = new NetworkWeek();
        w.week = network.week().toString();
        w.complete = true;
        w.ids = new String[n];
        w.names = new String[n];
        w.categories = new String[n];
        w.tvlUsd = new double[n];
        w.linkSources = new int[m];
        w.linkTargets = new int[m];
        w.linkWeights = new double[m];
        w.compositionOffsets = new int[n + 1];
        int tokens = 0;
        for (int i = 0; i < n; i++) {
            tokens += network.composition(i).size();
        }
        w.compositionTokens = new String[tokens];
        w.compositionUsd = new double[tokens];
        int c = 0;
        for (int i = 0; i < n; i++) {
            w.ids[i] = network.id(i);
            w.names[i] = network.name(i);
            w.categories[i] = network.category(i);
            w.tvlUsd[i] = network.tvlUsd(i);
            for (int k = network.outStart(i); k < network.outEnd(i); k++) {
                w.linkSources[k] = i;
                w.linkTargets[k] = network.target(k);
                w.linkWeights[k] = network.weight(k);
            }
            w.compositionOffsets[i] = c;
            for (Map.Entry<String, Double> e : network.composition(i).entrySet()) {
                w.compositionTokens[c] = e.getKey();
                w.compositionUsd[c] = e.getValue() == null ? 0.0 : e.getValue();
                c++;
            }
        }
        w.compositionOffsets[n] = c;
        w.pageRank = new double[n];
        java.util.Arrays.fill(w.pageRank, Double.NaN);
        // What the anomaly detectors read besides the network itself (ProtocolFeatures.metricsOf), so the
        // sequential operators need not receive the per-node metric records separately.
        w.betweenness = new double[n];
        java.util.Arrays.fill(w.betweenness, Double.NaN);
        w.meanCurvature = new double[n];
        java.util.Arrays.fill(w.meanCurvature, Double.NaN);
        w.community = new int[n];
        java.util.Arrays.fill(w.community, -1);
        if (analysis != null) {
            w.metrics = analysis.week();
            for (ProtocolMetrics p : analysis.protocols()) {
                int i = network.indexOf(p.node);
                if (i >= 0) {
                    w.pageRank[i] = p.pageRank;
                    w.betweenness[i] = p.betweenness;
                    w.meanCurvature[i] = p.meanCurvature == null ? Double.NaN : p.meanCurvature;
                    w.community[i] = p.community == null ? -1 : p.community;
                }
            }
        }
        return w;
    }

    /** A week that was rejected by the analysis (see the data-quality topic). */
    public static NetworkWeek rejected(String week) {
        NetworkWeek w = new NetworkWeek();
        w.week = week;
        w.complete = false;
        return w;
    }

    public LocalDate date() {
        return LocalDate.parse(week);
    }

    /** Event time of the week (its Monday, UTC). */
    public long epochMillis() {
        return WeekDates.epochMillis(week);
    }

    public int nodeCount() {
        return ids == null ? 0 : ids.length;
    }

    public int linkCount() {
        return linkSources == null ? 0 : linkSources.length;
    }

    /** Node i's composition, token -> USD, in the order it arrived. */
    public Map<String, Double> composition(int node) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int c = compositionOffsets[node]; c < compositionOffsets[node + 1]; c++) {
            out.put(compositionTokens[c], compositionUsd[c]);
        }
        return out;
    }

    /** Node id -> index; built on demand (the arrays are the state that travels). */
    public Map<String, Integer> indexById() {
        Map<String, Integer> index = new HashMap<>(nodeCount() * 2);
        for (int i = 0; i < nodeCount(); i++) {
            index.put(ids[i], i);
        }
        return index;
    }

    /** Back to the one in-memory model of a week (same nodes, same order, same links). */
    public WeeklyNetwork toNetwork() {
        if (!complete) {
            throw new IllegalStateException("week " + week + " was rejected and carries no network");
        }
        WeeklyNetwork.WeeklyNetworkBuilder builder = WeeklyNetwork.builder(date());
        for (int i = 0; i < nodeCount(); i++) {
            builder.addNode(ids[i], tvlUsd[i], names[i], categories[i], composition(i));
        }
        for (int k = 0; k < linkCount(); k++) {
            builder.addLink(ids[linkSources[k]], ids[linkTargets[k]], linkWeights[k]);
        }
        return builder.build();
    }

    @Override
    public String toString() {
        return "NetworkWeek{" + week + (complete ? ", " + nodeCount() + " nodes, " + linkCount() + " links}" : ", rejected}");
    }
}
