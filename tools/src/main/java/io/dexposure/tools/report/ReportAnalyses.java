package io.dexposure.tools.report;

import io.dexposure.analytics.embedding.EmbeddingMap;
import io.dexposure.analytics.metrics.ProtocolMetrics;

import java.nio.file.Path;
import java.util.List;

/**
 * What the report's analysis sections need beyond {@link ReportData}: the per-node records (protocol-metrics)
 * for the embedding map, the week to map and the map's settings, and the pull's supply-check CSV for the
 * data-validation section (null when the input has none).
 *
 * @param embeddingWeek   week to map; null = the first crisis week with per-node records, else the latest
 * @param supplyCsv       {@code pull --supply-csv} output, or null
 * @param embeddingSource what the map embeds: the anomaly features (default) or ROLAND's embeddings
 */
public record ReportAnalyses(List<ProtocolMetrics> protocolMetrics, String embeddingWeek, EmbeddingMap.Settings embedding,
                             Path supplyCsv, EmbeddingSource embeddingSource) {
    /** A map of the anomaly features. */
    public ReportAnalyses(List<ProtocolMetrics> protocolMetrics, String embeddingWeek, EmbeddingMap.Settings embedding, Path supplyCsv) {
        this(protocolMetrics, embeddingWeek, embedding, supplyCsv, EmbeddingSource.features());
    }

    public static ReportAnalyses none() {
        return new ReportAnalyses(List.of(), null, EmbeddingMap.Settings.defaults(), null);
    }
}
