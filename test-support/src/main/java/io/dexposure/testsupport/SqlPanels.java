package io.dexposure.testsupport;

import com.fasterxml.jackson.databind.JsonNode;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs the dashboards' SQL as Grafana would: macros expanded for a range that covers every week, template
 * variables replaced by values their own queries return (multi-value ones by all of them, quoted), and a
 * panel on a custom variable run once per option. Returns, per query key, the rows of each run.
 */
public final class SqlPanels {
    private static final Pattern TIME_FILTER = Pattern.compile("\\$__timeFilter\\(([^)]+)\\)");

    private SqlPanels() {
    }

    /** Query key -> the row count of each run (one run, or one per option of a custom variable). */
    public static Map<String, List<Integer>> run(Connection c) throws SQLException {
        Map<String, List<Integer>> rows = new LinkedHashMap<>();
        for (JsonNode d : Dashboards.all()) {
            String uid = d.path("uid").asText();
            Map<String, List<String>> values = new LinkedHashMap<>();
            for (JsonNode v : Dashboards.variables(d)) {
                String name = v.path("name").asText();
                if ("custom".equals(v.path("type").asText())) {
                    List<String> options = List.of(v.path("query").asText().split(","));
                    values.put(name, v.path("multi").asBoolean() ? List.of(quoted(options)) : options);
                } else if (Dashboards.POSTGRES_UID.equals(v.path("datasource").path("uid").asText())) {
                    List<String> found = firstColumn(c, expand(v.path("query").asText(), Map.of()));
                    rows.put(uid + ": variable " + name, List.of(found.size()));
                    if (found.isEmpty()) {
                        found = List.of("none");
                    }
                    values.put(name, v.path("multi").asBoolean() || v.path("includeAll").asBoolean()
                            ? List.of(quoted(found)) : List.of(found.get(0)));
                }
            }
            for (Dashboards.Query q : Dashboards.queries(Dashboards.POSTGRES_UID)) {
                if (!q.dashboard().equals(uid) || q.place() == Dashboards.Place.VARIABLE) {
                    continue;
                }
                List<Integer> counts = new ArrayList<>();
                for (Map<String, String> binding : bindings(q.text(), values)) {
                    counts.add(count(c, expand(q.text(), binding), q.key()));
                }
                rows.put(q.key(), counts);
            }
        }
        return rows;
    }

    /** Every combination of the variables the query uses (only custom single-value ones have several values). */
    private static List<Map<String, String>> bindings(String sql, Map<String, List<String>> values) {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<String>> v : values.entrySet()) {
            if (!Pattern.compile("\\$\\{?" + v.getKey() + "\\b").matcher(sql).find()) {
                continue;
            }
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> b : out) {
                for (String value : v.getValue()) {
                    Map<String, String> copy = new LinkedHashMap<>(b);
                    copy.put(v.getKey(), value);
                    next.add(copy);
                }
            }
            out = next;
        }
        return out;
    }

    static String expand(String sql, Map<String, String> variables) {
        Matcher m = TIME_FILTER.matcher(sql);
        String out = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1)
                + " BETWEEN '1970-01-01T00:00:00Z' AND '2100-01-01T00:00:00Z'"));
        for (Map.Entry<String, String> v : variables.entrySet()) {
            String value = Matcher.quoteReplacement(v.getValue());
            out = out.replaceAll("\\$\\{" + v.getKey() + "(:raw)?}", value).replaceAll("\\$" + v.getKey() + "\\b", value);
        }
        if (out.contains("$")) {
            throw new IllegalStateException("unexpanded Grafana variable or macro in: " + out);
        }
        return out;
    }

    private static String quoted(List<String> values) {
        return values.stream().map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(","));
    }

    private static List<String> firstColumn(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int column = 1;
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                if ("__value".equals(rs.getMetaData().getColumnLabel(i))) {
                    column = i;
                }
            }
            while (rs.next()) {
                out.add(rs.getString(column));
            }
        }
        return out;
    }

    private static int count(Connection c, String sql, String key) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            int n = 0;
            while (rs.next()) {
                n++;
            }
            return n;
        } catch (SQLException e) {
            throw new SQLException(key + ": " + e.getMessage() + "\n" + sql, e);
        }
    }
}
