package io.dexposure.tools.report;

import io.dexposure.analytics.anomaly.ProtocolFeatures;
import io.dexposure.analytics.anomaly.RobustScaler;
import io.dexposure.analytics.embedding.EmbeddingMap;
import io.dexposure.analytics.embedding.Trustworthiness;
import io.dexposure.analytics.metrics.ProtocolMetrics;
import io.dexposure.analytics.metrics.WeekAnalysis;
import io.dexposure.analytics.metrics.WeekMetrics;
import io.dexposure.analytics.metrics.WeekMetricsCalculator;
import io.dexposure.analytics.network.SnapshotNetworks;
import io.dexposure.analytics.network.WeeklyNetwork;
import io.dexposure.analytics.roland.RolandEmbeddings;
import io.dexposure.analytics.roland.RolandSettings;
import io.dexposure.job.JobOptions;
import io.dexposure.snapshot.NegativeTvlPolicy;
import io.dexposure.snapshot.ProtocolDirectory;
import io.dexposure.snapshot.SnapshotReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report's analysis sections on the shipped sample, its weeks computed as the job's reference path
 * computes them (no Kafka): the embedding map of the Terra week, the curvature/entropy chart with its crisis
 * table, and the data-validation section with and without supply checks. The report goes to
 * target/report-analyses/ (its PNGs are the ones docs/analyses.md shows).
 */
class AnalysisSectionsTest {
    private static final Path SAMPLE = Path.of("../data/sample/dexposure-sample.json");
    private static final Path OUT = Path.of("target/report-analyses");
    private static ReportData data;
    private static List<ProtocolMetrics> protocols;

    @BeforeAll
    static void computeTheSampleWeeks() throws Exception {
        WeekMetricsCalculator calculator = new JobOptions().analysis.calculator();
        ProtocolDirectory directory = ProtocolDirectory.load(SAMPLE.resolveSibling("id_to_info.json"));
        List<WeekMetrics> weeks = new ArrayList<>();
        protocols = new ArrayList<>();
        try (SnapshotReader reader = SnapshotReader.open(SAMPLE, new SnapshotReader.Options(null, null, NegativeTvlPolicy.REJECT))) {
            while (reader.hasNext()) {
                WeekAnalysis a = calculator.analyse(SnapshotNetworks.of(reader.next(), directory), new WeekMetricsCalculator.PhaseTimes());
                weeks.add(a.week());
                protocols.addAll(a.protocols());
            }
        }
        data = new ReportData("sample", weeks, List.of(), List.of(), List.of(), List.of(), ReportData.CRISES);
    }

    @Test
    void embeddingMapPhaseTransitionsAndSupplyChecks() throws Exception {
        Path supply = Files.createDirectories(OUT).resolve("supply-checks.csv");
        Files.writeString(supply, String.join("\n", "week,symbol,held_usd,supply_tokens,price_usd",
                "2022-05-02,WBTC,100,100,10", "2022-05-09,WBTC,240,102,20", "2022-05-16,WBTC,225,105,15", "2022-05-23,WBTC,150,105,10",
                "2022-05-23,DAI,700,500,1", ""));
        List<ReportRenderer.Section> sections = ReportRenderer.render(data,
                new ReportAnalyses(protocols, null, EmbeddingMap.Settings.defaults(), supply), OUT);
        String html = Files.readString(OUT.resolve("index.html"));

        // The map: the first Terra week (the sample's first crisis week), exact t-SNE, a trustworthy picture.
        ReportRenderer.Section map = section(sections, "Embedding map");
        assertThat(map.title()).isEqualTo("Embedding map, week 2022-05-09");
        assertThat(map.note()).contains("exact t-SNE").contains("changes since 2022-05-02");
        long nodes = protocols.stream().filter(m -> m.week.equals("2022-05-09")).count();
        assertThat(map.note()).startsWith(nodes + " nodes");
        Matcher trust = Pattern.compile("Trustworthiness \\(5 neighbours\\) ([0-9.]+)").matcher(map.note());
        assertThat(trust.find()).isTrue();
        assertThat(Double.parseDouble(trust.group(1))).isGreaterThan(0.85);
        BufferedImage png = ImageIO.read(OUT.resolve("embedding-map.png").toFile());
        assertThat(png.getWidth()).isEqualTo(ReportRenderer.WIDTH);

        // Phase transitions: a chart and the crisis table with both crises, 4 weeks either side.
        ReportRenderer.Section phase = section(sections, "Phase transitions");
        assertThat(phase.file()).isEqualTo("phase-transitions.png");
        assertThat(ImageIO.read(OUT.resolve("phase-transitions.png").toFile())).isNotNull();
        assertThat(phase.html()).contains("Terra (2022-05-09)").contains("FTX (2022-11-07)").contains("curvatureMean")
                .contains("exposureEntropy").contains("entropyRate");
        assertThat(html).contains("Change points within 4 weeks of each crisis");
        // Offline, the whole-series CUSUM finds the Terra week that the rule's 8-week warm-up hides, and says it drew it.
        assertThat(html).contains("Terra: tvlHhi 2022-05-09");
        assertThat(phase.note()).contains("the regime-change rule's CUSUM offline").contains("8-week warm-up, finds 0");

        // Data validation from the supply CSV: DAI (held most) first, held 1.4x its market cap.
        ReportRenderer.Section supplySection = section(sections, "Data validation");
        assertThat(supplySection.missing()).isFalse();
        assertThat(supplySection.html().indexOf("<td>DAI</td>")).isLessThan(supplySection.html().indexOf("<td>WBTC</td>"));
        assertThat(supplySection.html()).contains("<td>1.400</td>");

        // Without supply checks the page says so, and names where they come from.
        List<ReportRenderer.Section> without = ReportRenderer.render(data,
                new ReportAnalyses(protocols, "2022-11-07", EmbeddingMap.Settings.defaults().withMaxExactNodes(10).withMaxBarnesHutNodes(10), null),
                Files.createDirectories(OUT.resolve("no-supply")));
        assertThat(section(without, "Data validation").missing()).isTrue();
        assertThat(section(without, "Data validation").note()).startsWith("No supply data").contains("--supply-csv");
        assertThat(Files.readString(OUT.resolve("no-supply/index.html"))).contains("No supply data");
        // Asked week, above both t-SNE thresholds: a PCA projection.
        assertThat(section(without, "Embedding map").title()).endsWith("2022-11-07");
        assertThat(section(without, "Embedding map").note()).contains("PCA projection");
    }

    @Test
    void theMapOfRolandsEmbeddingsHasTheWeeksNodesAndSaysWhatItIs() throws Exception {
        ProtocolDirectory directory = ProtocolDirectory.load(SAMPLE.resolveSibling("id_to_info.json"));
        SnapshotReader.Options options = new SnapshotReader.Options(null, null, NegativeTvlPolicy.REJECT);
        // The CLI's default ROLAND (the job's settings); above a lowered exact threshold, so Barnes-Hut t-SNE.
        EmbeddingSource source = EmbeddingSource.roland(SAMPLE, options, directory, new RolandSettings());
        EmbeddingMap.Settings settings = EmbeddingMap.Settings.defaults().withMaxExactNodes(10);
        List<ReportRenderer.Section> sections = ReportRenderer.render(data,
                new ReportAnalyses(protocols, "2022-05-09", settings, null, source), Files.createDirectories(OUT.resolve("roland")));
        ReportRenderer.Section section = section(sections, "Embedding map");
        assertThat(section.missing()).isFalse();

        RolandEmbeddings.Week embedded = RolandEmbeddings.through(source.weeks(), "2022-05-09", source.roland());
        WeeklyNetwork network;
        try (SnapshotReader reader = SnapshotReader.open(SAMPLE, new SnapshotReader.Options(LocalDate.parse("2022-05-09"),
                LocalDate.parse("2022-05-09"), NegativeTvlPolicy.REJECT))) {
            network = SnapshotNetworks.of(reader.next(), directory);
        }
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < network.nodeCount(); i++) {
            ids.add(network.id(i));
        }
        assertThat(embedded.ids()).containsExactlyElementsOf(ids);
        assertThat(section.note()).startsWith(ids.size() + " nodes placed by Barnes-Hut t-SNE (theta 0.50")
                .contains("their ROLAND embeddings (the last GNN layer's 32-dimensional node states")
                .contains("over the snapshot's 4 weeks up to this one");
        Matcher trust = Pattern.compile("Trustworthiness \\(5 neighbours\\) ([0-9.]+)").matcher(section.note());
        assertThat(trust.find()).isTrue();
        assertThat(Double.parseDouble(trust.group(1))).isGreaterThan(0.8);
        // The same map (seeded): the week's nodes, finite coordinates, and a title that names method and input.
        EmbeddingMap.Result map = EmbeddingMap.of("2022-05-09", embedded.ids(), embedded.rows(), EmbeddingMap.Input.ROLAND, settings);
        assertThat(map.ids()).containsExactlyElementsOf(ids);
        assertThat(Arrays.stream(map.xy()).flatMapToDouble(Arrays::stream).allMatch(Double::isFinite)).isTrue();
        assertThat(section.note()).contains(map.clusters() + " clusters, " + map.noise() + " nodes noise");
        assertThat(AnalysisSections.mapChart(map, protocols).getTitle().getText())
                .isEqualTo("Protocol map, week 2022-05-09 (Barnes-Hut t-SNE of ROLAND embeddings, DBSCAN clusters)");
        assertThat(ImageIO.read(OUT.resolve("roland/embedding-map.png").toFile())).isNotNull();
        // Without the snapshot there is nothing to replay ROLAND on.
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmbeddingSource.roland(null, options, directory, new RolandSettings()))
                .hasMessageContaining("--snapshot");
    }

    @Test
    void barnesHutKeepsTheTerraWeeksNeighbourhoodsAsWellAsExactTsne() {
        List<ProtocolMetrics> current = protocols.stream().filter(m -> m.week.equals("2022-05-09")).sorted(java.util.Comparator.comparing(m -> m.node)).toList();
        List<ProtocolMetrics> previous = protocols.stream().filter(m -> m.week.equals("2022-05-02")).sorted(java.util.Comparator.comparing(m -> m.node)).toList();
        ProtocolFeatures.Week f = ProtocolFeatures.of(current, previous);
        double[][] rows = RobustScaler.scale(f.rows(), EmbeddingMap.Settings.defaults().clip());
        EmbeddingMap.Result exact = EmbeddingMap.ofWeek(current, previous, EmbeddingMap.Settings.defaults());
        EmbeddingMap.Result bh = EmbeddingMap.ofWeek(current, previous, EmbeddingMap.Settings.defaults().withMaxExactNodes(10));
        assertThat(exact.method()).isEqualTo(EmbeddingMap.Method.TSNE);
        assertThat(bh.method()).isEqualTo(EmbeddingMap.Method.BARNES_HUT);
        double trustExact = Trustworthiness.of(rows, exact.xy(), 5);
        double trustBh = Trustworthiness.of(rows, bh.xy(), 5);
        System.out.printf(java.util.Locale.US, "Terra week, %d nodes: trustworthiness exact %.4f (%d ms), Barnes-Hut %.4f (%d ms)%n",
                rows.length, trustExact, exact.millis(), trustBh, bh.millis());
        assertThat(trustBh).isCloseTo(trustExact, org.assertj.core.data.Offset.offset(0.02));
    }

    @Test
    void withoutPerNodeRecordsTheMapIsMissingAndSaysWhy() throws Exception {
        List<ReportRenderer.Section> sections = ReportRenderer.render(data, Files.createDirectories(OUT.resolve("none")));
        assertThat(section(sections, "Embedding map").missing()).isTrue();
        assertThat(section(sections, "Embedding map").note()).contains("No per-node records");
    }

    private static ReportRenderer.Section section(List<ReportRenderer.Section> sections, String prefix) {
        return sections.stream().filter(s -> s.title().startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError(prefix));
    }
}
