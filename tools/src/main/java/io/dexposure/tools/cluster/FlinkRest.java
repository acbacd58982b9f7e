package io.dexposure.tools.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The few calls of Flink's REST API (https://nightlies.apache.org/flink/flink-docs-release-1.20/docs/ops/rest_api/) the launcher and tests use. */
public final class FlinkRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public FlinkRest(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    public JsonNode post(String path, Map<String, ?> body) {
        try {
            return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode patch(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).method("PATCH", HttpRequest.BodyPublishers.noBody()));
    }

    /** The job's state: RUNNING, RESTARTING, FINISHED, CANCELED, ... */
    public String jobState(String jobId) {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /** Cancels the job (its retained checkpoints stay). */
    public void cancel(String jobId) {
        patch("/jobs/" + jobId + "?mode=cancel");
    }

    /**
     * Stop-with-savepoint (no drain): the sources stop, a savepoint is taken, the sinks commit, the job finishes.
     * Returns the savepoint's location.
     */
    public String stopWithSavepoint(String jobId, String targetDirectory, Duration timeout) {
        String trigger = post("/jobs/" + jobId + "/stop", Map.of("targetDirectory", targetDirectory, "drain", false))
                .path("request-id").asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode status = get("/jobs/" + jobId + "/savepoints/" + trigger);
            if ("COMPLETED".equals(status.path("status").path("id").asText())) {
                JsonNode operation = status.path("operation");
                if (operation.has("failure-cause")) {
                    throw new IllegalStateException("stop-with-savepoint of job " + jobId + " failed: "
                            + operation.path("failure-cause").path("stack-trace").asText().lines().findFirst().orElse("?"));
                }
                return operation.path("location").asText();
            }
            LocalFlinkCluster.sleep(200);
        }
        throw new IllegalStateException("stop-with-savepoint of job " + jobId + " not done within " + timeout.toSeconds() + " s");
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Flink REST " + baseUrl + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
