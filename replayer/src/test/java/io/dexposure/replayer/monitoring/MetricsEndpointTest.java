package io.dexposure.replayer.monitoring;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The replayer's /metrics: Prometheus text with the documented names, base units, _total counters, bounded labels. */
class MetricsEndpointTest {
    @Test
    void servesTheReplayAndPullMetricsUnderPrometheusNames() throws Exception {
        try (MetricsEndpoint endpoint = MetricsEndpoint.start("127.0.0.1", 0)) {
            ReplayerMetrics.runStarted();
            ReplayerMetrics.weekCommitted(LocalDate.of(2022, 5, 9), 1_000, 50_000, Duration.ofMillis(40), 25_000);
            ReplayerMetrics.weekSkipped();
            ReplayerMetrics.apiRequest("DefiLlama", ReplayerMetrics.statusClass(429), Duration.ofMillis(5));
            ReplayerMetrics.apiRetry("DefiLlama");
            ReplayerMetrics.apiRequest("DefiLlama", ReplayerMetrics.statusClass(200), Duration.ofMillis(7));
            ReplayerMetrics.apiCacheHit("DefiLlama");

            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + endpoint.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            List<String> samples = response.body().lines().filter(l -> l.startsWith("dexposure_")).toList();
            assertThat(samples).anyMatch(l -> l.startsWith("dexposure_replay_records_published_total "))
                    .anyMatch(l -> l.startsWith("dexposure_replay_published_bytes_total "))
                    .anyMatch(l -> l.startsWith("dexposure_replay_weeks_published_total "))
                    .anyMatch(l -> l.startsWith("dexposure_replay_weeks_skipped_total "))
                    .anyMatch(l -> l.startsWith("dexposure_replay_week_publish_seconds_count "))
                    .anyMatch(l -> l.startsWith("dexposure_replay_records_per_second 25000"))
                    .anyMatch(l -> l.equals("dexposure_replay_event_time_seconds 1.6520544E9"))
                    .anyMatch(l -> l.startsWith("dexposure_replay_in_progress 1"))
                    .anyMatch(l -> l.startsWith("dexposure_pull_requests_total{api=\"DefiLlama\",status=\"429\"}"))
                    .anyMatch(l -> l.startsWith("dexposure_pull_requests_total{api=\"DefiLlama\",status=\"2xx\"}"))
                    .anyMatch(l -> l.startsWith("dexposure_pull_rate_limited_total{api=\"DefiLlama\"}"))
                    .anyMatch(l -> l.startsWith("dexposure_pull_retries_total{api=\"DefiLlama\"}"))
                    .anyMatch(l -> l.startsWith("dexposure_pull_cache_hits_total{api=\"DefiLlama\"}"))
                    .anyMatch(l -> l.startsWith("dexposure_pull_request_duration_seconds_sum{api=\"DefiLlama\"}"));
            // Labels are bounded: only api and status, never a protocol or a week.
            assertThat(samples).allMatch(l -> !l.contains("{") || l.matches("\\w+\\{(api=\"[^\"]+\",?)?(status=\"[^\"]+\",?)?}.*"));
            ReplayerMetrics.runFinished();
            assertThat(endpoint.scrape()).contains("dexposure_replay_in_progress 0");
        }
    }
}
