package io.dexposure.tools.explorer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dexposure.tools.cli.DexposureCli;
import io.dexposure.analytics.network.SnapshotNetworks;
import io.dexposure.analytics.network.WeeklyNetwork;
import io.dexposure.snapshot.ProtocolDirectory;
import io.dexposure.snapshot.SnapshotReader;
import io.dexposure.snapshot.WeekSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The explorer as people use it, in headless Chromium: the demo replays the shipped sample's weeks around
 * its Terra-like crisis with {@code --report}, then the pages written are opened from disk. Expected values
 * come from the replayed snapshot file (the network), the demo's alert records (alerts.jsonl) and the
 * scenario manifest (which ids make up the Terra-like crisis), never from ids written here.
 * Screenshots go to target/explorer-screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExplorerBrowserTest {
    private static final Path SAMPLE = Path.of("../data/sample/dexposure-sample.json");
    private static final Path SCENARIOS = Path.of("../data/sample/scenarios.json");
    private static final Path SCREENSHOTS = Path.of("target/explorer-screenshots");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static Path root;
    private static Path report;
    private static Map<String, WeeklyNetwork> networks;
    private static List<JsonNode> alerts;
    private static JsonNode terra;
    private static HeadlessChromium browser;

    @BeforeAll
    static void replayTheTerraWeeksWithAReport() throws Exception {
        terra = scenario("terra");
        TreeSet<String> crisisWeeks = new TreeSet<>();
        terra.get("weeks").forEach(w -> crisisWeeks.add(w.asText()));
        LocalDate from = LocalDate.parse(crisisWeeks.first()).minusWeeks(2);
        LocalDate to = LocalDate.parse(crisisWeeks.last()).plusWeeks(1);
        root = Files.createTempDirectory("explorer-test");
        report = root.resolve("report");
        Path work = root.resolve("demo");
        int exit = new CommandLine(new DexposureCli()).execute("demo", "--input", SAMPLE.toString(),
                "--from", from.toString(), "--to", to.toString(), "--work-dir", work.toString(),
                "--checkpoint-interval-ms", "300", "--report", report.toString());
        assertThat(exit).isZero();
        alerts = new ArrayList<>();
        for (String line : Files.readAllLines(work.resolve("alerts.jsonl"))) {
            alerts.add(JSON.readTree(line));
        }
        networks = new LinkedHashMap<>();
        ProtocolDirectory directory = ProtocolDirectory.load(SAMPLE.resolveSibling("id_to_info.json"));
        try (SnapshotReader reader = SnapshotReader.open(SAMPLE, new SnapshotReader.Options(from, to, io.dexposure.snapshot.NegativeTvlPolicy.REJECT))) {
            while (reader.hasNext()) {
                WeekSnapshot week = reader.next();
                networks.put(week.week().toString(), SnapshotNetworks.of(week, directory));
            }
        }
        browser = new HeadlessChromium(1600, 1300);
    }

    @AfterAll
    static void close() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void everyPageLoadsWithoutConsoleErrors() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(report.resolve("explorer.html"));
        try (var files = Files.list(report)) {
            files.filter(p -> p.getFileName().toString().startsWith("crisis-")).sorted().forEach(pages::add);
        }
        assertThat(pages).hasSizeGreaterThanOrEqualTo(3); // the explorer and a page per crisis (Terra, FTX)
        for (Path page : pages) {
            openPage(page);
            browser.screenshot(SCREENSHOTS.resolve(page.getFileName().toString().replace(".html", ".png")));
            assertThat(browser.consoleErrors()).as(page.toString()).isEmpty();
            assertThat((List<?>) browser.js("return explorer.state.errors")).as(page.toString()).isEmpty();
        }
    }

    @Test
    @Order(2)
    void theGraphShowsTheWeeksTopNodesAndTheSliderChangesTheWeek() {
        openPage(report.resolve("explorer.html"));
        String week = (String) browser.js("return explorer.state.week");
        long topN = (Long) browser.js("return explorer.state.topN");
        assertThat(networks).containsKey(week);
        long expected = Math.min(topN, networks.get(week).nodeCount());
        assertThat((Long) browser.js("return explorer.state.renderedNodes")).isEqualTo(expected);
        assertThat((Long) browser.js("return explorer.chart.getOption().series[0].data.length")).isEqualTo(expected);

        List<String> weeks = new ArrayList<>(networks.keySet());
        String next = weeks.get(weeks.indexOf(week) + 1);
        browser.driver.findElement(By.id("week-slider")).sendKeys(Keys.ARROW_RIGHT);
        browser.await("explorer.state.week === '" + next + "' && !explorer.state.rendering", WAIT);
        assertThat(browser.driver.findElement(By.id("week-label")).getText()).startsWith(next);
        assertThat((Long) browser.js("return explorer.state.renderedNodes"))
                .isEqualTo(Math.min(topN, networks.get(next).nodeCount()));

        // Fewer nodes when N is lowered on the page.
        WebElement top = browser.driver.findElement(By.id("top-n"));
        top.clear();
        top.sendKeys("20", Keys.ENTER);
        browser.await("explorer.state.renderedNodes === 20", WAIT);
    }

    @Test
    @Order(2)
    void theWeeksEmbeddingMapPlacesEveryScoredNodeInItsClusterAndAClickSelectsIt() throws IOException {
        openPage(report.resolve("explorer.html"));
        String week = (String) browser.js("return explorer.state.week");
        // Every node of the sample's week has a protocol-metrics record, so every node is on the map (exact t-SNE:
        // the sample's weeks are far below the PCA threshold).
        browser.await("explorer.state.map && explorer.state.map.points > 0", WAIT);
        assertThat((Long) browser.js("return explorer.state.map.points")).isEqualTo(networks.get(week).nodeCount());
        assertThat((String) browser.js("return explorer.state.map.method")).isEqualTo("TSNE");
        assertThat((String) browser.js("return explorer.state.map.input")).isEqualTo("anomaly features");
        assertThat((String) browser.js("return document.getElementById('map-note').textContent"))
                .startsWith("(exact t-SNE of anomaly features, " + networks.get(week).nodeCount() + " nodes, ");
        long clusters = (Long) browser.js("return explorer.state.map.clusters");
        long noise = (Long) browser.js("return explorer.state.map.noise");
        assertThat(clusters).isPositive();
        // What ECharts holds: one series per cluster plus one for noise, together every point once.
        String chart = "echarts.getInstanceByDom(document.getElementById('map'))";
        assertThat((Long) browser.js("return " + chart + ".getOption().series.length")).isEqualTo(clusters + (noise > 0 ? 1 : 0));
        assertThat((Long) browser.js("return " + chart + ".getOption().series.reduce(function (n, s) { return n + s.data.length; }, 0)"))
                .isEqualTo(networks.get(week).nodeCount());
        // Clicking the largest point of the first cluster selects that node and opens its panel.
        @SuppressWarnings("unchecked")
        List<Object> target = (List<Object>) browser.js("document.getElementById('map').scrollIntoView({block: 'center'});"
                + " var c = " + chart + "; var d = c.getOption().series[0].data;"
                + " var best = d.reduce(function (a, b) { return b.tvl > a.tvl ? b : a; });"
                + " var px = c.convertToPixel({seriesIndex: 0}, best.value);"
                + " var r = document.getElementById('map').getBoundingClientRect();"
                + " return [best.id, px[0] - r.width / 2, px[1] - r.height / 2];");
        String id = (String) target.get(0);
        browser.screenshot(SCREENSHOTS.resolve("embedding-map.png"));
        WebElement map = browser.driver.findElement(By.id("map"));
        new org.openqa.selenium.interactions.Actions(browser.driver)
                .moveToElement(map, (int) Math.round(((Number) target.get(1)).doubleValue()),
                        (int) Math.round(((Number) target.get(2)).doubleValue()))
                .click().perform();
        browser.await("explorer.state.selected === '" + id + "'", WAIT);
        browser.await("explorer.state.panel && explorer.state.panel.id === '" + id + "'", WAIT);
    }

    @Test
    @Order(3)
    void searchingAndClickingANodeOpensItsPanelWithItsNumbers() throws IOException {
        openPage(report.resolve("explorer.html"));
        String week = (String) browser.js("return explorer.state.week");
        WeeklyNetwork network = networks.get(week);
        // The week's largest creditor of the Terra-like tokens: a named protocol with links both ways.
        int node = largestHolderOf(network, scenarioIds(terra));
        String id = network.id(node);
        String name = network.name(node);
        assertThat(name).isNotNull();

        browser.driver.findElement(By.id("search")).sendKeys(name);
        browser.driver.findElement(By.cssSelector("#search-results div[data-id='" + id + "']")).click();
        browser.await("explorer.state.panel && explorer.state.panel.id === '" + id + "'", WAIT);

        assertThat(attribute("#panel-tvl", "data-value")).isEqualTo(Long.toString(Math.round(network.tvlUsd(node))));
        // Largest counterparties both ways, from the snapshot's links.
        int[] holds = largestLink(network, node, true);
        int[] heldBy = largestLink(network, node, false);
        if (holds != null) {
            assertThat(attribute("#panel-holds tr", "data-id")).isEqualTo(network.id(holds[0]));
            assertThat(attribute("#panel-holds tr", "data-usd")).isEqualTo(Long.toString(Math.round(network.weight(holds[1]))));
        }
        if (heldBy != null) {
            assertThat(attribute("#panel-heldby tr", "data-id")).isEqualTo(network.id(heldBy[0]));
        }
        // Its alerts: every alert record naming it.
        long named = alerts.stream().filter(a -> id.equals(a.path("subject").asText())
                || subjects(a).stream().anyMatch(s -> id.equals(s[0]))).count();
        assertThat(browser.driver.findElements(By.cssSelector("#panel-alerts li"))).hasSize((int) Math.min(20, named));
        browser.screenshot(SCREENSHOTS.resolve("explorer-node-panel.png"));
    }

    @Test
    @Order(4)
    void choosingTheTerraLikeAlertHighlightsItsAssetsAndCreditors() throws IOException {
        Set<String> ids = scenarioIds(terra);
        Set<String> crisisWeeks = new HashSet<>();
        terra.get("weeks").forEach(w -> crisisWeeks.add(w.asText()));
        JsonNode alert = alerts.stream()
                .filter(a -> "critical".equals(a.path("severity").asText()) && crisisWeeks.contains(a.path("week").asText()))
                .filter(a -> subjects(a).stream().anyMatch(s -> isAsset(s[1]) && ids.contains(s[0])))
                // The first asset-collapse alert (the collapsing token nodes, still held that week): the clearest
                // picture (and the docs' screenshot); an issuer-collapse alert otherwise.
                .min(java.util.Comparator.comparing((JsonNode a) -> a.path("week").asText())
                        .thenComparing(a -> !"asset-collapse".equals(a.path("rule").asText()))
                        .thenComparing(a -> !"issuer-collapse".equals(a.path("rule").asText()))).orElseThrow(() -> new AssertionError("no critical alert names the Terra-like assets " + ids));
        String week = alert.get("week").asText();
        WeeklyNetwork network = networks.get(week);

        openPage(report.resolve("explorer.html"));
        browser.js("var slider = document.getElementById('week-slider'); slider.value = arguments[0];"
                + "slider.dispatchEvent(new Event('input'));",
                new ArrayList<>(networks.keySet()).indexOf(week));
        browser.await("explorer.state.week === '" + week + "' && !explorer.state.rendering", WAIT);
        browser.driver.findElement(By.cssSelector("#alerts li[data-alert-id='" + alert.get("id").asText() + "']")).click();
        browser.await("explorer.state.highlight && !explorer.state.rendering", WAIT);

        Set<String> assets = new TreeSet<>();
        Set<String> creditors = new TreeSet<>();
        for (String[] s : subjects(alert)) {
            if (network.indexOf(s[0]) < 0) {
                continue;
            }
            if (isAsset(s[1])) {
                assets.add(s[0]);
            } else if ("creditor".equals(s[1])) {
                creditors.add(s[0]);
            }
        }
        for (String asset : assets) { // every holder of a collapsing asset that week is its creditor
            int a = network.indexOf(asset);
            for (int n = 0; n < network.nodeCount(); n++) {
                for (int p = network.outStart(n); p < network.outEnd(n); p++) {
                    if (network.target(p) == a && n != a && !assets.contains(network.id(n))) {
                        creditors.add(network.id(n));
                    }
                }
            }
        }
        assertThat(assets).isNotEmpty();
        assertThat(creditors).isNotEmpty();
        assertThat(strings("explorer.state.highlight.asset")).containsExactlyInAnyOrderElementsOf(assets);
        assertThat(strings("explorer.state.highlight.creditor")).containsAll(creditors);
        assertThat(strings("explorer.state.shownIds")).containsAll(assets).containsAll(creditors);
        browser.screenshot(SCREENSHOTS.resolve("explorer-terra-alert.png"));
    }

    private static boolean isAsset(String role) {
        return "asset".equals(role) || "issuer".equals(role) || "shocked".equals(role);
    }

    private void openPage(Path page) {
        browser.driver.get(page.toUri().toString());
        browser.await("window.explorer && (explorer.state.rendered || (explorer.state.renderedNodes > 0 && !explorer.state.rendering))"
                + " || (window.explorer && explorer.state.errors.length)", WAIT);
    }

    private static String attribute(String css, String name) {
        return browser.driver.findElement(By.cssSelector(css)).getAttribute(name);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(String expression) {
        return (List<String>) browser.js("return " + expression);
    }

    private static List<String[]> subjects(JsonNode alert) {
        List<String[]> out = new ArrayList<>();
        alert.path("subjects").forEach(s -> out.add(new String[]{s.path("id").asText(), s.path("role").asText()}));
        return out;
    }

    private static JsonNode scenario(String nameContains) throws IOException {
        for (JsonNode s : JSON.readTree(SCENARIOS.toFile()).get("scenarios")) {
            if (s.path("name").asText().toLowerCase().contains(nameContains)) {
                return s;
            }
        }
        throw new AssertionError("no scenario named like " + nameContains + " in " + SCENARIOS);
    }

    /** Every text value in the scenario (ids, token symbols), whatever fields the manifest names them in. */
    private static Set<String> scenarioIds(JsonNode scenario) {
        Set<String> out = new HashSet<>();
        collect(scenario, out);
        return out;
    }

    private static void collect(JsonNode n, Set<String> out) {
        if (n.isTextual()) {
            out.add(n.asText());
        }
        n.forEach(child -> collect(child, out));
    }

    /** The named protocol holding the most USD of the given ids' tokens this week. */
    private static int largestHolderOf(WeeklyNetwork network, Set<String> ids) {
        int best = -1;
        double bestUsd = 0;
        for (int n = 0; n < network.nodeCount(); n++) {
            if (network.name(n) == null || ids.contains(network.id(n))) {
                continue;
            }
            double held = 0;
            for (int p = network.outStart(n); p < network.outEnd(n); p++) {
                if (ids.contains(network.id(network.target(p)))) {
                    held += network.weight(p);
                }
            }
            if (held > bestUsd) {
                bestUsd = held;
                best = n;
            }
        }
        assertThat(best).as("a named holder of " + ids).isNotNegative();
        return best;
    }

    /** {counterparty, link position} of the node's largest out-link (holds) or in-link (held by); null if none. */
    private static int[] largestLink(WeeklyNetwork network, int node, boolean out) {
        int[] best = null;
        double bestUsd = -1;
        for (int n = 0; n < network.nodeCount(); n++) {
            for (int p = network.outStart(n); p < network.outEnd(n); p++) {
                int t = network.target(p);
                boolean match = out ? n == node : t == node;
                if (match && n != t && network.weight(p) > bestUsd) {
                    bestUsd = network.weight(p);
                    best = new int[]{out ? t : n, p};
                }
            }
        }
        return best;
    }
}
