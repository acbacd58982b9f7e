package io.dexposure.tools.explorer;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dexposure.analytics.alerts.Alert;
import io.dexposure.analytics.alerts.AlertSubject;
import io.dexposure.analytics.metrics.ProtocolMetrics;
import io.dexposure.analytics.metrics.WeekMetrics;
import io.dexposure.analytics.network.SnapshotNetworks;
import io.dexposure.analytics.network.WeeklyNetwork;
import io.dexposure.analytics.embedding.EmbeddingMap;
import io.dexposure.tools.report.AnalysisSections;
import io.dexposure.tools.report.ReportData;
import io.dexposure.analytics.risk.ProtocolRisk;
import io.dexposure.analytics.roland.LinkPrediction;
import io.dexposure.analytics.roland.RolandEmbeddings;
import io.dexposure.analytics.week.NetworkWeek;
import io.dexposure.tools.report.EmbeddingSource;
import io.dexposure.snapshot.ProtocolDirectory;
import io.dexposure.snapshot.SnapshotReader;
import io.dexposure.snapshot.WeekSnapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Writes the interactive explorer beside the PNG report: {@code explorer.html}, one {@code crisis-<name>.html}
 * per crisis, and under {@code explorer/} the pages' script, Apache ECharts (unpacked from its WebJar on the
 * classpath, so the pages work offline) and the data.
 *
 * <p>The network (nodes, links, sizes) comes from the snapshot file the report or demo replayed, because
 * the result topics carry scores, not links; scores, alerts and predictions come from the result records.
 * Data files are JSON wrapped in a call ({@code dexposureData("key", {...});}) because browsers refuse
 * {@code fetch} of {@code file://} URLs but do run {@code <script src>}: that is what lets the pages open
 * from disk and load one week at a time. Files: {@code data/index.js} (weeks, crises, alerts, incidents,
 * every node's id/name/group/position), {@code data/week-YYYY-MM-DD.js} per week, {@code data/series-K.js}
 * per shard of nodes (weekly TVL, PageRank, systemic score for the node panel).
 */
public final class ExplorerWriter {
    /** Nodes shown at first: the week's most systemic ones. */
    public static final int DEFAULT_TOP_NODES = 300;
    /** Node series per shard file, so opening one node's panel loads about this many nodes' series. */
    static final int NODES_PER_SHARD = 250;
    static final String ECHARTS_WEBJAR = "META-INF/resources/webjars/echarts/";

    private static final Pattern PROTOCOL_ID = Pattern.compile("\\d+|parent#.+");
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** What was written, for the command's output and the bench. */
    public record Summary(Path page, int weeks, int nodes, long largestWeekBytes, long meanWeekBytes) {
    }

    private final ReportData data;
    private final ExplorerRecords records;
    private final int topNodes;
    /** Null: no embedding maps. */
    private final EmbeddingMap.Settings mapSettings;
    /** What the maps embed: the per-node records' anomaly features, or ROLAND's embeddings replayed over the snapshot. */
    private final EmbeddingSource mapSource;
    private long mapMillis;
    private int maps;

    private final Map<String, Integer> globalIndex = new HashMap<>();
    private final List<String> ids = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final List<String> groups = new ArrayList<>();
    private final List<String> kinds = new ArrayList<>();
    private final List<String> weeks = new ArrayList<>();
    private final List<int[]> weekNodes = new ArrayList<>();
    private final List<double[]> weekTvl = new ArrayList<>();

    /** With each week's embedding map, default settings. */
    public ExplorerWriter(ReportData data, ExplorerRecords records, int topNodes) {
        this(data, records, topNodes, EmbeddingMap.Settings.defaults());
    }

    /** @param mapSettings the embedding maps' settings (the report's); null writes no maps */
    public ExplorerWriter(ReportData data, ExplorerRecords records, int topNodes, EmbeddingMap.Settings mapSettings) {
        this(data, records, topNodes, mapSettings, EmbeddingSource.features());
    }

    /**
     * @param mapSource what the maps embed; with ROLAND's embeddings, ROLAND's live update runs over the snapshot's
     *                  weeks as they are written (one pass, in week order) and every complete week gets a map
     */
    public ExplorerWriter(ReportData data, ExplorerRecords records, int topNodes, EmbeddingMap.Settings mapSettings,
                          EmbeddingSource mapSource) {
        this.data = data;
        this.records = records;
        this.topNodes = topNodes;
        this.mapSettings = mapSettings;
        this.mapSource = mapSource;
    }

    /** Total time spent on embedding maps in the last {@link #write}, and how many weeks got one. */
    public long mapMillis() {
        return mapMillis;
    }

    public int maps() {
        return maps;
    }

    /**
     * Reads the snapshot's weeks (as the job would assemble them) and writes everything into {@code dir}.
     *
     * @param progress told about each week written
     */
    public Summary write(Path dir, Path snapshot, SnapshotReader.Options options, ProtocolDirectory directory,
                         Consumer<String> progress) throws IOException {
        Path dataDir = dir.resolve("explorer/data");
        Files.createDirectories(dataDir);
        copyAssets(dir);
        Map<String, Map<String, ProtocolMetrics>> metricsByWeek = byWeek(records.protocolMetrics(), m -> m.week, m -> m.node);
        Map<String, Map<String, ProtocolRisk>> riskByWeek = byWeek(data.protocolRisk(), r -> r.week, r -> r.node);
        Map<String, List<LinkPrediction>> predictionsByWeek = new HashMap<>();
        for (LinkPrediction p : records.predictions()) {
            if (LinkPrediction.NEW.equals(p.kind) && p.madeAt != null) {
                predictionsByWeek.computeIfAbsent(p.madeAt, w -> new ArrayList<>()).add(p);
            }
        }
        TreeMap<String, List<ProtocolMetrics>> metricLists = AnalysisSections.byWeek(records.protocolMetrics());
        long totalBytes = 0;
        long largest = 0;
        boolean roland = mapSettings != null && mapSource.input() == EmbeddingMap.Input.ROLAND;
        try (SnapshotReader reader = SnapshotReader.open(snapshot, options);
             RolandEmbeddings rolandEmbeddings = roland ? new RolandEmbeddings(mapSource.roland()) : null) {
            while (reader.hasNext()) {
                WeekSnapshot snap = reader.next();
                WeeklyNetwork network = SnapshotNetworks.of(snap, directory);
                String week = network.week().toString();
                Path file = dataDir.resolve("week-" + week + ".js");
                writeWeek(file, week, network, metricsByWeek.getOrDefault(week, Map.of()),
                        riskByWeek.getOrDefault(week, Map.of()), predictionsByWeek.getOrDefault(week, List.of()),
                        roland ? rolandMap(rolandEmbeddings, network) : embeddingMap(metricLists, week));
                long size = Files.size(file);
                totalBytes += size;
                largest = Math.max(largest, size);
                progress.accept(String.format(Locale.US, "explorer: week %s, %,d nodes, %,d links, %,d bytes",
                        week, network.nodeCount(), network.linkCount(), size));
            }
        }
        writeSeries(dataDir, metricsByWeek, riskByWeek);
        writeIndex(dataDir.resolve("index.js"));
        writePages(dir);
        return new Summary(dir.resolve("explorer.html"), weeks.size(), ids.size(), largest,
                weeks.isEmpty() ? 0 : totalBytes / weeks.size());
    }

    /** protocol, token, bucket or unresolved, decided by the id (the data contract's kinds). */
    static String kindOf(String id) {
        if (id == null || id.equals("None")) {
            return "unresolved";
        }
        if (PROTOCOL_ID.matcher(id).matches()) {
            return "protocol";
        }
        return switch (id) {
            case "LP", "OTHER", "UNKNOWN" -> "bucket";
            default -> "token";
        };
    }

    /** Colour and layout group: a protocol's category, else its kind. */
    static String groupOf(String kind, String category) {
        return switch (kind) {
            case "protocol" -> category == null || category.isBlank() ? "Unknown" : category;
            case "token" -> "Token nodes";
            case "bucket" -> "Buckets";
            default -> "Unresolved";
        };
    }

    private int global(WeeklyNetwork network, int node) {
        String id = network.id(node);
        Integer g = globalIndex.get(id);
        if (g == null) {
            g = ids.size();
            globalIndex.put(id, g);
            ids.add(id);
            String kind = kindOf(id);
            names.add(network.name(node));
            kinds.add(kind);
            groups.add(groupOf(kind, network.category(node)));
        } else if (names.get(g) == null && network.name(node) != null) {
            names.set(g, network.name(node));
        }
        return g;
    }

    /** The week's embedding map from its per-node records and the previous week's, or null (none, or maps off). */
    private EmbeddingMap.Result embeddingMap(TreeMap<String, List<ProtocolMetrics>> metricLists, String week) {
        List<ProtocolMetrics> current = metricLists.get(week);
        if (mapSettings == null || current == null || current.size() <= mapSettings.minPts()) {
            return null;
        }
        Map.Entry<String, List<ProtocolMetrics>> previous = metricLists.lowerEntry(week);
        EmbeddingMap.Result map = EmbeddingMap.ofWeek(current, previous == null ? null : previous.getValue(), mapSettings);
        mapMillis += map.millis();
        maps++;
        return map;
    }

    /** ROLAND advanced on the week and the map of its nodes' embeddings, or null (the update skipped the week). */
    private EmbeddingMap.Result rolandMap(RolandEmbeddings embeddings, WeeklyNetwork network) throws IOException {
        RolandEmbeddings.Week w;
        try {
            w = embeddings.advance(NetworkWeek.of(network, null));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("ROLAND on week " + network.week() + ": " + e.getMessage(), e);
        }
        if (w == null || w.ids().size() <= mapSettings.minPts()) {
            return null;
        }
        EmbeddingMap.Result map = EmbeddingMap.of(w.week(), w.ids(), w.rows(), EmbeddingMap.Input.ROLAND, mapSettings);
        mapMillis += map.millis();
        maps++;
        return map;
    }

    private void writeWeek(Path file, String week, WeeklyNetwork network, Map<String, ProtocolMetrics> metrics,
                           Map<String, ProtocolRisk> risk, List<LinkPrediction> predictions, EmbeddingMap.Result map) throws IOException {
        int n = network.nodeCount();
        int[] global = new int[n];
        double[] tvl = new double[n];
        for (int i = 0; i < n; i++) {
            global[i] = global(network, i);
            tvl[i] = network.tvlUsd(i);
        }
        weeks.add(week);
        weekNodes.add(global);
        weekTvl.add(tvl);
        // The order the page shows nodes in: the job's systemic ranking first, then PageRank, then size.
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.<Integer>comparingInt(i -> {
                    ProtocolRisk r = risk.get(network.id(i));
                    return r == null ? Integer.MAX_VALUE : r.rank;
                })
                .thenComparing(i -> {
                    ProtocolMetrics m = metrics.get(network.id(i));
                    return m == null ? 0.0 : -m.pageRank;
                })
                .thenComparing(i -> -tvl[i]));
        Map<String, Double> flows = new TreeMap<>();
        try (OutputStream out = Files.newOutputStream(file); JsonGenerator g = begin(out, "week:" + week)) {
            g.writeStartObject();
            g.writeStringField("week", week);
            array(g, "n", n, i -> g.writeNumber(global[i]));
            array(g, "s", n, i -> g.writeNumber(Math.round(tvl[i])));
            array(g, "o", n, i -> g.writeNumber(order[i]));
            array(g, "c", n, i -> {
                ProtocolMetrics m = metrics.get(network.id(i));
                g.writeNumber(m == null || m.community == null ? -1 : m.community);
            });
            g.writeArrayFieldStart("l");
            for (int i = 0; i < n; i++) {
                String from = groups.get(global[i]);
                for (int p = network.outStart(i); p < network.outEnd(i); p++) {
                    int t = network.target(p);
                    g.writeNumber(i);
                    g.writeNumber(t);
                    g.writeNumber(Math.round(network.weight(p)));
                    flows.merge(from + "\u0000" + groups.get(global[t]), network.weight(p), Double::sum);
                }
            }
            g.writeEndArray();
            // Sector flows: holder group -> issuer group, USD held.
            g.writeArrayFieldStart("f");
            for (Map.Entry<String, Double> e : flows.entrySet()) {
                String[] pair = e.getKey().split("\u0000");
                g.writeStartArray();
                g.writeString(pair[0]);
                g.writeString(pair[1]);
                g.writeNumber(Math.round(e.getValue()));
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("p");
            for (LinkPrediction p : predictions) {
                g.writeStartArray();
                g.writeString(p.source);
                g.writeString(p.target);
                g.writeNumber(Math.round(p.probability * 1e4) / 1e4);
                g.writeEndArray();
            }
            g.writeEndArray();
            if (map != null) {
                writeMap(g, network, map);
            }
            g.writeEndObject();
            end(g, out);
        }
    }

    /**
     * "m": the embedding map of the nodes that have per-node records: their local index in this week ("i"),
     * coordinates ("x", "y", 3 decimals), DBSCAN cluster ("c", -1 = noise), the method (enum name and label), what was
     * embedded ("input") and the cluster count.
     */
    private static void writeMap(JsonGenerator g, WeeklyNetwork network, EmbeddingMap.Result map) throws IOException {
        Map<String, Integer> local = new HashMap<>();
        for (int i = 0; i < network.nodeCount(); i++) {
            local.put(network.id(i), i);
        }
        List<Integer> rows = new ArrayList<>();
        for (int r = 0; r < map.size(); r++) {
            if (local.containsKey(map.ids().get(r))) {
                rows.add(r);
            }
        }
        g.writeObjectFieldStart("m");
        g.writeStringField("method", map.method().name());
        g.writeStringField("methodLabel", map.method().label());
        g.writeStringField("input", map.input().label());
        g.writeNumberField("clusters", map.clusters());
        array(g, "i", rows.size(), k -> g.writeNumber(local.get(map.ids().get(rows.get(k)))));
        array(g, "x", rows.size(), k -> g.writeNumber(Math.round(map.xy()[rows.get(k)][0] * 1e3) / 1e3));
        array(g, "y", rows.size(), k -> g.writeNumber(Math.round(map.xy()[rows.get(k)][1] * 1e3) / 1e3));
        array(g, "c", rows.size(), k -> g.writeNumber(map.cluster()[rows.get(k)]));
        g.writeEndObject();
    }

    private void writeSeries(Path dataDir, Map<String, Map<String, ProtocolMetrics>> metricsByWeek,
                             Map<String, Map<String, ProtocolRisk>> riskByWeek) throws IOException {
        int shards = shards(ids.size());
        int w = weeks.size();
        double[][] tvl = new double[ids.size()][];
        for (int k = 0; k < w; k++) {
            int[] nodes = weekNodes.get(k);
            for (int i = 0; i < nodes.length; i++) {
                if (tvl[nodes[i]] == null) {
                    tvl[nodes[i]] = filledNaN(w);
                }
                tvl[nodes[i]][k] = weekTvl.get(k)[i];
            }
        }
        for (int shard = 0; shard < shards; shard++) {
            try (OutputStream out = Files.newOutputStream(dataDir.resolve("series-" + shard + ".js"));
                 JsonGenerator g = begin(out, "series:" + shard)) {
                g.writeStartObject();
                for (int node = shard; node < ids.size(); node += shards) {
                    String id = ids.get(node);
                    g.writeObjectFieldStart(id);
                    double[] t = tvl[node];
                    array(g, "t", w, k -> number(g, t == null ? Double.NaN : Math.round(t[k])));
                    array(g, "p", w, k -> {
                        ProtocolMetrics m = metricsByWeek.getOrDefault(weeks.get(k), Map.of()).get(id);
                        number(g, m == null ? Double.NaN : m.pageRank);
                    });
                    array(g, "s", w, k -> {
                        ProtocolRisk r = riskByWeek.getOrDefault(weeks.get(k), Map.of()).get(id);
                        number(g, r == null ? Double.NaN : Math.round(r.systemicImportance * 1e4) / 1e4);
                    });
                    g.writeEndObject();
                }
                g.writeEndObject();
                end(g, out);
            }
        }
    }

    private void writeIndex(Path file) throws IOException {
        List<String> groupOrder = new ArrayList<>(new TreeSet<>(groups));
        // Kinds after the sectors, so the protocol sectors form the ring's main arc.
        for (String last : List.of("Unknown", "Token nodes", "Buckets", "Unresolved")) {
            if (groupOrder.remove(last)) {
                groupOrder.add(last);
            }
        }
        StableLayout layout = new StableLayout(groupOrder);
        Map<String, WeekMetrics> metrics = new HashMap<>();
        data.weeks().forEach(m -> metrics.put(m.week, m));
        try (OutputStream out = Files.newOutputStream(file); JsonGenerator g = begin(out, "index")) {
            g.writeStartObject();
            g.writeStringField("source", data.source());
            g.writeNumberField("topNodes", topNodes);
            g.writeNumberField("shards", shards(ids.size()));
            g.writeArrayFieldStart("weeks");
            for (int k = 0; k < weeks.size(); k++) {
                String week = weeks.get(k);
                WeekMetrics m = metrics.get(week);
                g.writeStartObject();
                g.writeStringField("week", week);
                g.writeNumberField("nodes", weekNodes.get(k).length);
                if (m != null) {
                    g.writeNumberField("links", m.links);
                    g.writeNumberField("tvl", Math.round(m.totalTvlUsd));
                    g.writeNumberField("exposure", Math.round(m.totalExposureUsd));
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("crises");
            for (ReportData.Crisis c : data.crises()) {
                g.writeStartObject();
                g.writeStringField("title", c.title());
                g.writeStringField("slug", slug(c.title()));
                g.writeStringField("start", c.start().toString());
                g.writeStringField("end", c.end().toString());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("groups");
            for (String group : groupOrder) {
                g.writeString(group);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("nodes");
            array(g, "id", ids.size(), i -> g.writeString(ids.get(i)));
            array(g, "name", ids.size(), i -> g.writeString(names.get(i)));
            array(g, "kind", ids.size(), i -> g.writeString(kinds.get(i)));
            array(g, "group", ids.size(), i -> g.writeNumber(groupOrder.indexOf(groups.get(i))));
            double[][] xy = new double[ids.size()][];
            for (int i = 0; i < ids.size(); i++) {
                xy[i] = layout.position(ids.get(i), groups.get(i));
            }
            array(g, "x", ids.size(), i -> g.writeNumber(xy[i][0]));
            array(g, "y", ids.size(), i -> g.writeNumber(xy[i][1]));
            g.writeEndObject();
            g.writeArrayFieldStart("alerts");
            List<Alert> alerts = new ArrayList<>(data.alerts());
            alerts.sort(Comparator.comparing((Alert a) -> a.week).thenComparing(a -> severityOrder(a.severity)).thenComparing(a -> a.id));
            for (Alert a : alerts) {
                g.writeStartObject();
                g.writeStringField("id", a.id);
                g.writeStringField("week", a.week);
                g.writeStringField("rule", a.rule);
                g.writeStringField("severity", a.severity);
                g.writeStringField("subject", a.subject);
                if (a.subjectName != null) {
                    g.writeStringField("subjectName", a.subjectName);
                }
                g.writeStringField("message", a.message);
                g.writeArrayFieldStart("subjects");
                if (a.subjects != null) {
                    for (AlertSubject s : a.subjects) {
                        g.writeStartArray();
                        g.writeString(s.id);
                        g.writeString(s.role);
                        number(g, s.usd == null ? Double.NaN : Math.round(s.usd));
                        g.writeEndArray();
                    }
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            // Incidents as published (their schema belongs to their producer); the page reads id, week,
            // title/message, severity and subjects[{id, role}] when present.
            g.writeArrayFieldStart("incidents");
            for (JsonNode incident : records.incidents()) {
                g.writeRawValue(MAPPER.writeValueAsString(incident));
            }
            g.writeEndArray();
            g.writeEndObject();
            end(g, out);
        }
    }

    private static int severityOrder(String severity) {
        return switch (severity == null ? "" : severity) {
            case Alert.CRITICAL -> 0;
            case Alert.WARNING -> 1;
            default -> 2;
        };
    }

    private void writePages(Path dir) throws IOException {
        Files.writeString(dir.resolve("explorer.html"), resource("explorer.html"), StandardCharsets.UTF_8);
        String crisis = resource("crisis.html");
        for (ReportData.Crisis c : data.crises()) {
            Files.writeString(dir.resolve("crisis-" + slug(c.title()) + ".html"),
                    crisis.replace("{{SLUG}}", slug(c.title())).replace("{{TITLE}}", c.title()), StandardCharsets.UTF_8);
        }
    }

    /** The page script and style, and echarts.min.js out of the ECharts WebJar on the classpath. */
    static void copyAssets(Path dir) throws IOException {
        Path assets = dir.resolve("explorer");
        Files.createDirectories(assets);
        for (String name : List.of("explorer.js", "explorer.css")) {
            Files.writeString(assets.resolve(name), resource(name), StandardCharsets.UTF_8);
        }
        Files.write(assets.resolve("echarts.min.js"), echarts());
    }

    /** dist/echarts.min.js from the WebJar (its version directory is whatever the jar on the classpath has). */
    static byte[] echarts() throws IOException {
        java.net.URL url = ExplorerWriter.class.getClassLoader().getResource(ECHARTS_WEBJAR);
        if (url != null && url.getProtocol().equals("jar")) {
            String jar = url.getPath().substring("file:".length(), url.getPath().indexOf('!'));
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(Path.of(java.net.URI.create("file:" + jar))))) {
                for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                    if (e.getName().startsWith(ECHARTS_WEBJAR) && e.getName().endsWith("/dist/echarts.min.js")) {
                        return zip.readAllBytes();
                    }
                }
            }
        }
        throw new IOException("dist/echarts.min.js not found in the ECharts WebJar (org.webjars.npm:echarts) on the classpath");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ExplorerWriter.class.getResourceAsStream("/dexposure/explorer/" + name)) {
            if (in == null) {
                throw new IOException("explorer resource missing from the classpath: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String slug(String title) {
        return title.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    static int shards(int nodes) {
        return Math.max(1, (nodes + NODES_PER_SHARD - 1) / NODES_PER_SHARD);
    }

    private static double[] filledNaN(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }

    private interface Element {
        void write(int i) throws IOException;
    }

    private static void array(JsonGenerator g, String field, int n, Element element) throws IOException {
        g.writeArrayFieldStart(field);
        for (int i = 0; i < n; i++) {
            element.write(i);
        }
        g.writeEndArray();
    }

    /** NaN as null (JSON has no NaN); integers without a trailing ".0". */
    private static void number(JsonGenerator g, double x) throws IOException {
        if (Double.isNaN(x)) {
            g.writeNull();
        } else if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            g.writeNumber((long) x);
        } else {
            g.writeNumber(x);
        }
    }

    private static JsonGenerator begin(OutputStream out, String key) throws IOException {
        out.write(("dexposureData(\"" + key + "\",").getBytes(StandardCharsets.UTF_8));
        JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8);
        g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        return g;
    }

    private static void end(JsonGenerator g, OutputStream out) throws IOException {
        g.flush();
        out.write(");\n".getBytes(StandardCharsets.UTF_8));
    }

    private static <T> Map<String, Map<String, T>> byWeek(List<T> records, java.util.function.Function<T, String> week,
                                                       java.util.function.Function<T, String> node) {
        Map<String, Map<String, T>> out = new HashMap<>();
        for (T r : records) {
            out.computeIfAbsent(week.apply(r), w -> new HashMap<>()).put(node.apply(r), r);
        }
        return out;
    }
}
