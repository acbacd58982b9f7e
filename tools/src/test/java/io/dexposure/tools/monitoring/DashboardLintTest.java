package io.dexposure.tools.monitoring;

import io.dexposure.testsupport.Dashboards;
import com.fasterxml.jackson.databind.JsonNode;
import io.dexposure.testservers.TestServers;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provisioned Grafana files and the Prometheus configuration, checked without Grafana: stable and
 * unique uids, datasource references that exist, modern panel types only, links to dashboards that exist,
 * the crisis annotations; prometheus.yml and the rules file checked by the real promtool.
 */
class DashboardLintTest {
    static final Set<String> LEGACY_PANELS = Set.of("graph", "singlestat", "table-old", "grafana-piechart-panel",
            "grafana-worldmap-panel", "natel-discrete-panel");
    static final Set<String> PANEL_TYPES = Set.of("row", "timeseries", "stat", "table", "barchart", "bargauge", "gauge",
            "state-timeline", "text");
    static final Pattern DASHBOARD_LINK = Pattern.compile("/d/([\\w-]+)/");

    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) throws Exception {
        return (Map<String, Object>) new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
    }

    @SuppressWarnings("unchecked")
    static Set<String> datasourceUids() throws Exception {
        Set<String> uids = new HashSet<>();
        for (Map<String, Object> ds : (List<Map<String, Object>>) yaml(Dashboards.PROVISIONING.resolve("datasources/dexposure.yml"))
                .get("datasources")) {
            assertThat(uids.add((String) ds.get("uid"))).as("unique datasource uid %s", ds.get("uid")).isTrue();
        }
        return uids;
    }

    @Test
    void datasourcesHaveTheStableUidsTheDashboardsUse() throws Exception {
        assertThat(datasourceUids()).containsExactlyInAnyOrder(Dashboards.PROMETHEUS_UID, Dashboards.POSTGRES_UID);
    }

    @Test
    void everyDashboardHasAUniqueUidModernPanelsAndExistingDatasources() throws Exception {
        Set<String> datasources = datasourceUids();
        datasources.add("-- Grafana --");
        List<JsonNode> dashboards = Dashboards.all();
        assertThat(dashboards).hasSize(5);
        Set<String> uids = new HashSet<>();
        Set<String> titles = new HashSet<>();
        for (JsonNode d : dashboards) {
            String uid = d.path("uid").asText();
            assertThat(uid).matches("dexposure-[a-z-]+");
            assertThat(uids.add(uid)).as("unique dashboard uid %s", uid).isTrue();
            assertThat(titles.add(d.path("title").asText())).as("unique title in %s", uid).isTrue();
            assertThat(d.path("schemaVersion").asInt()).as("%s schemaVersion", uid).isGreaterThanOrEqualTo(36);
            assertThat(d.has("id")).as("%s has no fixed numeric id (provisioning assigns it)", uid).isFalse();
            Set<Integer> ids = new HashSet<>();
            for (JsonNode p : Dashboards.panels(d)) {
                String where = uid + ": " + p.path("title").asText();
                assertThat(ids.add(p.path("id").asInt())).as("unique panel id in %s", where).isTrue();
                assertThat(p.path("type").asText()).as(where).isIn(PANEL_TYPES).isNotIn(LEGACY_PANELS);
                if (!"row".equals(p.path("type").asText())) {
                    assertThat(p.path("targets").size()).as("queries of %s", where).isPositive();
                    assertThat(p.path("datasource").path("uid").asText()).as(where).isIn(datasources);
                    assertThat(p.path("gridPos").path("w").asInt()).as(where).isBetween(1, 24);
                }
            }
            for (JsonNode v : Dashboards.variables(d)) {
                if (v.has("datasource")) {
                    assertThat(v.path("datasource").path("uid").asText()).as(uid + " variable " + v.path("name")).isIn(datasources);
                }
            }
            for (JsonNode a : d.path("annotations").path("list")) {
                assertThat(a.path("datasource").path("uid").asText()).as(uid + " annotation").isIn(datasources);
            }
        }
        for (Dashboards.Query q : Dashboards.queries()) {
            assertThat(q.datasourceUid()).as(q.key()).isIn(datasources);
            assertThat(q.text()).as(q.key()).isNotBlank();
        }
    }

    @Test
    void linksOpenDashboardsThatExist() {
        Set<String> uids = new HashSet<>();
        Dashboards.all().forEach(d -> uids.add(d.path("uid").asText()));
        List<String> targets = new ArrayList<>();
        for (Path f : Dashboards.files()) {
            Matcher m = DASHBOARD_LINK.matcher(Dashboards.read(f).toString());
            while (m.find()) {
                targets.add(m.group(1));
            }
        }
        assertThat(targets).isNotEmpty().allSatisfy(t -> assertThat(t).isIn(uids));
    }

    @Test
    void everyEventTimeDashboardIsAnnotatedWithTerraAndFtx() throws Exception {
        for (JsonNode d : Dashboards.all()) {
            if (!d.path("tags").toString().contains("event-time")) {
                continue;
            }
            assertThat(Dashboards.queries().stream().filter(q -> q.dashboard().equals(d.path("uid").asText()))
                    .filter(q -> q.place() == Dashboards.Place.ANNOTATION).map(Dashboards.Query::text))
                    .as("annotations of %s", d.path("uid").asText()).anyMatch(t -> t.contains("dexposure_annotations"));
        }
        String schema = Files.readString(TestServers.REPO.resolve("dashboards/sql/V1__event_time_store.sql"));
        assertThat(schema).contains("('2022-05-09', '2022-05-16', 'Terra'").contains("('2022-11-07', '2022-11-14', 'FTX'");
    }

    @Test
    void theProviderReadsTheDashboardsWhereComposeMountsThem() throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> provider = ((List<Map<String, Object>>) yaml(Dashboards.DASHBOARDS.resolve("dashboards.yml"))
                .get("providers")).get(0);
        @SuppressWarnings("unchecked")
        String path = (String) ((Map<String, Object>) provider.get("options")).get("path");
        assertThat(path).isEqualTo("/etc/grafana/provisioning/dashboards");
        assertThat(provider.get("disableDeletion")).isEqualTo(true);
    }

    @Test
    void promtoolAcceptsTheConfigurationAndTheRules() {
        Path promtool = TestServers.executable("promtool");
        Path dir = TestServers.REPO.resolve("dashboards/prometheus");
        String config = TestServers.run(List.of(promtool.toString(), "check", "config", dir.resolve("prometheus.yml").toString()), 60);
        assertThat(config).contains("SUCCESS").contains("1 rule files found");
        String rules = TestServers.run(List.of(promtool.toString(), "check", "rules", dir.resolve("dexposure.rules.yml").toString()), 60);
        assertThat(rules).contains("SUCCESS: 9 rules found");
    }

    @Test
    void theRulesUnitTestsPass() {
        // dexposure.rules.test.yml: CheckpointFailures stays quiet after a (re)start, whose deploying tasks fail a few
        // triggers, and fires when failures go on with no checkpoint completing.
        Path promtool = TestServers.executable("promtool");
        Path dir = TestServers.REPO.resolve("dashboards/prometheus");
        String out = TestServers.run(List.of(promtool.toString(), "test", "rules", dir.resolve("dexposure.rules.test.yml").toString()), 60);
        assertThat(out).contains("SUCCESS");
    }
}
