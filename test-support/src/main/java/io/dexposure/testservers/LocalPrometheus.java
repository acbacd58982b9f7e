package io.dexposure.testservers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Debian prometheus binary for one test class: scrapes the given targets every second, loads the
 * given rule files, stores into a fresh directory; queried through its HTTP API.
 */
public final class LocalPrometheus implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Process server;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LocalPrometheus(Process server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * @param jobs      scrape job name -> host:port targets
     * @param ruleFiles rule files, loaded as Prometheus would (their own expressions, untouched)
     */
    public static LocalPrometheus start(Path dir, Map<String, List<String>> jobs, List<Path> ruleFiles) throws Exception {
        Path prometheus = TestServers.executable("prometheus");
        Files.createDirectories(dir);
        StringBuilder config = new StringBuilder("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\n");
        config.append("rule_files:\n");
        for (Path f : ruleFiles) {
            config.append("  - ").append(f.toAbsolutePath()).append('\n');
        }
        config.append("scrape_configs:\n");
        jobs.forEach((job, targets) -> config.append("  - job_name: ").append(job).append("\n    static_configs:\n      - targets: [")
                .append(targets.stream().map(t -> '"' + t + '"').collect(Collectors.joining(", "))).append("]\n"));
        Path configFile = dir.resolve("prometheus.yml");
        Files.writeString(configFile, config);
        int port = TestServers.freePort();
        Process server = TestServers.startTiedToThisJvm(List.of(prometheus.toString(), "--config.file=" + configFile,
                "--storage.tsdb.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn"), null, dir.resolve("prometheus.log"));
        LocalPrometheus p = new LocalPrometheus(server, port);
        p.awaitReady(dir.resolve("prometheus.log"));
        return p;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** GET /api/v1/{path}?{params}; the "data" part of a successful answer, else an error with Prometheus's message. */
    public JsonNode api(String path, Map<String, String> params) throws IOException, InterruptedException {
        String query = params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/v1/" + path
                + (query.isEmpty() ? "" : "?" + query))).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        if (!"success".equals(body.path("status").asText())) {
            throw new IllegalArgumentException("Prometheus " + path + " " + params + ": " + body.path("errorType").asText()
                    + ": " + body.path("error").asText());
        }
        return body.path("data");
    }

    /** An instant query's result list (empty when the expression returns no data). */
    public JsonNode query(String promql) throws IOException, InterruptedException {
        return api("query", Map.of("query", promql)).path("result");
    }

    private void awaitReady(Path log) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("prometheus exited: " + Files.readString(log));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("prometheus not ready on port " + port);
    }

    @Override
    public void close() {
        TestServers.stop(server);
    }
}
