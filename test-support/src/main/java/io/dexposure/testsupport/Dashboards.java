package io.dexposure.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dexposure.testservers.TestServers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The provisioned Grafana dashboards of dashboards/grafana, and every query in them, for the tests. */
public final class Dashboards {
    public static final Path PROVISIONING = TestServers.REPO.resolve("dashboards/grafana/provisioning");
    public static final Path DASHBOARDS = PROVISIONING.resolve("dashboards");
    public static final String PROMETHEUS_UID = "dexposure-prometheus";
    public static final String POSTGRES_UID = "dexposure-postgres";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where a query sits: a panel's target, a template variable or an annotation. */
    public enum Place { PANEL, VARIABLE, ANNOTATION }

    /**
     * One query: {@code key} names it for people and for the pending list ("dashboard-uid: panel title [refId]",
     * "dashboard-uid: variable name", "dashboard-uid: annotation name").
     */
    public record Query(String dashboard, String key, Place place, String datasourceUid, String text, JsonNode owner) {
        boolean isSql() {
            return POSTGRES_UID.equals(datasourceUid);
        }

        boolean isPromQl() {
            return PROMETHEUS_UID.equals(datasourceUid);
        }
    }

    private Dashboards() {
    }

    public static List<Path> files() {
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<JsonNode> all() {
        return files().stream().map(Dashboards::read).toList();
    }

    /** Every panel, rows' nested panels included. */
    public static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            out.add(p);
            p.path("panels").forEach(out::add);
        }
        return out;
    }

    public static List<JsonNode> variables(JsonNode dashboard) {
        List<JsonNode> out = new ArrayList<>();
        dashboard.path("templating").path("list").forEach(out::add);
        return out;
    }

    /** Every query of every dashboard. */
    public static List<Query> queries() {
        List<Query> out = new ArrayList<>();
        for (JsonNode d : all()) {
            String uid = d.path("uid").asText();
            for (JsonNode p : panels(d)) {
                for (JsonNode t : p.path("targets")) {
                    String ds = t.path("datasource").path("uid").asText(p.path("datasource").path("uid").asText());
                    String text = t.has("expr") ? t.path("expr").asText() : t.path("rawSql").asText();
                    out.add(new Query(uid, uid + ": " + p.path("title").asText() + " [" + t.path("refId").asText() + "]",
                            Place.PANEL, ds, text, p));
                }
            }
            for (JsonNode v : variables(d)) {
                if ("query".equals(v.path("type").asText())) {
                    JsonNode q = v.path("query");
                    out.add(new Query(uid, uid + ": variable " + v.path("name").asText(), Place.VARIABLE,
                            v.path("datasource").path("uid").asText(), q.isTextual() ? q.asText() : q.path("query").asText(), v));
                }
            }
            for (JsonNode a : d.path("annotations").path("list")) {
                if (a.path("builtIn").asInt() == 1) {
                    continue;
                }
                JsonNode target = a.path("target");
                out.add(new Query(uid, uid + ": annotation " + a.path("name").asText(), Place.ANNOTATION,
                        a.path("datasource").path("uid").asText(), target.path("rawSql").asText(target.path("expr").asText()), a));
            }
        }
        return out;
    }

    /** The panel/variable queries of one datasource. */
    public static List<Query> queries(String datasourceUid) {
        return queries().stream().filter(q -> q.datasourceUid().equals(datasourceUid)).toList();
    }
}
