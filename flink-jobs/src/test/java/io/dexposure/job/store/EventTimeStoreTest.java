package io.dexposure.job.store;

import io.dexposure.analytics.alerts.Alert;
import io.dexposure.job.JobOptions;
import io.dexposure.testsupport.SqlPanels;
import io.dexposure.job.streams.ResultStreams;
import io.dexposure.analytics.risk.ProtocolRisk;
import io.dexposure.analytics.risk.WeekRisk;
import io.dexposure.analytics.roland.LinkPrediction;
import io.dexposure.analytics.linkpred.ModelQuality;
import io.dexposure.job.sinks.JsonKafkaSink;
import io.dexposure.testservers.LocalPostgres;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The event-time store against a real PostgreSQL (a throwaway cluster, see {@link LocalPostgres}): the
 * versioned schema applied once and only once, a column for every record field, upserts that rewrite
 * instead of adding, rows that read back as the records they were, the Flink JDBC sinks of the streams
 * the alerts/risk/ROLAND operators will produce, and every dashboard SQL query returning rows when every
 * table has one.
 */
class EventTimeStoreTest {
    static LocalPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = LocalPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void theSchemaIsAppliedOnceAndHasAColumnForEveryFieldOfEveryRecord() throws Exception {
        try (Connection c = connect(postgres.createDatabase("schema"))) {
            List<Integer> first = SchemaMigration.apply(c);
            assertThat(first).as("every packaged migration, in order").containsExactlyElementsOf(allVersions());
            assertThat(SchemaMigration.apply(c)).as("second run").isEmpty();
            for (StoreTable<?> table : StoreTables.ALL) {
                List<String> actual = new ArrayList<>();
                try (PreparedStatement st = c.prepareStatement("SELECT column_name, data_type FROM information_schema.columns "
                        + "WHERE table_name = ? AND column_name <> 'updated_at' ORDER BY ordinal_position")) {
                    st.setString(1, table.name());
                    try (ResultSet rs = st.executeQuery()) {
                        while (rs.next()) {
                            actual.add(rs.getString(1) + " " + rs.getString(2));
                        }
                    }
                }
                assertThat(actual).as("columns of %s (add a V<n>__*.sql for a new field)", table.name())
                        .containsExactlyInAnyOrderElementsOf(table.expectedColumnTypes());
                assertThat(primaryKey(c, table.name())).as("primary key of %s", table.name())
                        .containsExactlyInAnyOrderElementsOf(table.key());
            }
        }
    }

    @Test
    void anEditedAppliedMigrationIsRefused() throws Exception {
        try (Connection c = connect(postgres.createDatabase("edited"))) {
            SchemaMigration.apply(c);
            SchemaMigration.Migration v1 = SchemaMigration.fromClasspath().get(0);
            var edited = new SchemaMigration.Migration(v1.version(), v1.description(), v1.sql() + "\n-- edited\n");
            assertThatThrownBy(() -> SchemaMigration.apply(c, List.of(edited)))
                    .hasMessageContaining("never edit an applied migration");
        }
    }

    @Test
    void upsertsRewriteRowsAndEveryRecordReadsBackAsItWas() throws Exception {
        try (Connection c = connect(postgres.createDatabase("upsert"))) {
            SchemaMigration.apply(c);
            upsert(c, StoreTables.WEEK_METRICS, SampleRecords.weekMetrics(1.0));
            upsert(c, StoreTables.WEEK_METRICS, SampleRecords.weekMetrics(2.0));
            assertThat(count(c, "dexposure_week_metrics")).isEqualTo(1);
            assertThat(readAll(c, StoreTables.WEEK_METRICS)).singleElement()
                    .satisfies(m -> assertThat(json(m)).isEqualTo(json(SampleRecords.weekMetrics(2.0))));

            for (Stored<?> row : oneOfEachButWeekMetrics()) {
                row.roundTrip(c);
            }

            // An unreadable record's issue has no week date: stored with a null week, not refused.
            var unreadable = io.dexposure.analytics.assembly.WeekIssue.of("unknown", "unreadable-record", "bad");
            upsert(c, StoreTables.DATA_QUALITY, unreadable);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT week FROM dexposure_data_quality WHERE id = 'unknown:unreadable-record'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isNull();
            }
        }
    }

    /** The typed sinks the lead connects after merging the alerts, risk and ROLAND operators, run by Flink. */
    @Test
    void theFlinkJdbcSinksOfTheStreamsStillToComeUpsertIdempotently() throws Exception {
        String url = postgres.createDatabase("sinks");
        JobOptions options = new JobOptions();
        options.store.jdbcUrl = url;
        options.store.jdbcUser = LocalPostgres.USER;
        assertThat(EventTimeStore.migrate(options.store)).containsExactlyElementsOf(allVersions());
        for (int run = 0; run < 2; run++) {
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1);
            EventTimeStore.attach(env.fromData(TypeInformation.of(Alert.class), SampleRecords.alert()), StoreTables.ALERTS, options.store);
            EventTimeStore.attach(env.fromData(TypeInformation.of(ProtocolRisk.class), SampleRecords.protocolRisk()), StoreTables.PROTOCOL_RISK, options.store);
            EventTimeStore.attach(env.fromData(TypeInformation.of(WeekRisk.class), SampleRecords.weekRisk()), StoreTables.WEEK_RISK, options.store);
            EventTimeStore.attach(env.fromData(TypeInformation.of(LinkPrediction.class), SampleRecords.prediction()), StoreTables.LINK_PREDICTIONS, options.store);
            EventTimeStore.attach(env.fromData(TypeInformation.of(ModelQuality.class), SampleRecords.modelQuality("roland"),
                    SampleRecords.modelQuality("persistence")), StoreTables.MODEL_QUALITY, options.store);
            EventTimeStore.attach(env.fromData(ResultStreams.SECTOR_FLOWS.typeInfo(), SampleRecords.sectorFlows()),
                    StoreTables.of(ResultStreams.SECTOR_FLOWS), options.store);
            EventTimeStore.attach(env.fromData(ResultStreams.ANOMALIES.typeInfo(), SampleRecords.anomaly()),
                    StoreTables.of(ResultStreams.ANOMALIES), options.store);
            env.execute("store sinks, run " + run);
        }
        try (Connection c = connect(url)) {
            assertThat(count(c, "dexposure_alerts")).isEqualTo(1);
            assertThat(count(c, "dexposure_protocol_risk")).isEqualTo(1);
            assertThat(count(c, "dexposure_week_risk")).isEqualTo(1);
            assertThat(count(c, "dexposure_link_predictions")).isEqualTo(1);
            assertThat(count(c, "dexposure_model_quality")).isEqualTo(2);
            assertThat(count(c, "dexposure_sector_flows")).isEqualTo(1);
            assertThat(count(c, "dexposure_anomalies")).isEqualTo(1);
            assertThat(json(readAll(c, StoreTables.of(ResultStreams.SECTOR_FLOWS)).get(0))).isEqualTo(json(SampleRecords.sectorFlows()));
            assertThat(json(readAll(c, StoreTables.ALERTS).get(0))).isEqualTo(json(SampleRecords.alert()));
        }
    }

    /**
     * With a row in every table, every SQL query of every dashboard (panels, variables, annotations) runs
     * and returns rows: the queries on tables this branch does not fill yet are checked here, on records
     * made by hand; {@code MonitoringStackIntegrationTest} checks the others on a real replay.
     */
    @Test
    void everyDashboardSqlQueryReturnsRowsWhenEveryTableHasOne() throws Exception {
        try (Connection c = connect(postgres.createDatabase("panels"))) {
            SchemaMigration.apply(c);
            upsert(c, StoreTables.WEEK_METRICS, SampleRecords.weekMetrics(1.0));
            for (Stored<?> row : oneOfEachButWeekMetrics()) {
                row.upsert(c);
            }
            upsert(c, StoreTables.MODEL_QUALITY, SampleRecords.modelQuality("persistence"));
            Map<String, List<Integer>> rows = SqlPanels.run(c);
            assertThat(rows).hasSizeGreaterThan(40);
            assertThat(rows).allSatisfy((key, counts) -> assertThat(counts).as(key).allMatch(n -> n > 0));
        }
    }

    // --- helpers

    /** A record and its table. */
    record Stored<T>(StoreTable<T> table, T record) {
        void upsert(Connection c) throws SQLException {
            EventTimeStoreTest.upsert(c, table, record);
        }

        void roundTrip(Connection c) throws SQLException {
            EventTimeStoreTest.roundTrip(c, table, record);
        }
    }

    static List<Stored<?>> oneOfEachButWeekMetrics() {
        return List.of(new Stored<>(StoreTables.PROTOCOL_METRICS, SampleRecords.protocolMetrics()),
                new Stored<>(StoreTables.DATA_QUALITY, SampleRecords.issue()),
                new Stored<>(StoreTables.ALERTS, SampleRecords.alert()),
                new Stored<>(StoreTables.INCIDENTS, SampleRecords.incident()),
                new Stored<>(StoreTables.PROTOCOL_RISK, SampleRecords.protocolRisk()),
                new Stored<>(StoreTables.WEEK_RISK, SampleRecords.weekRisk()),
                new Stored<>(StoreTables.of(ResultStreams.SECTOR_FLOWS), SampleRecords.sectorFlows()),
                new Stored<>(StoreTables.of(ResultStreams.ANOMALIES), SampleRecords.anomaly()),
                new Stored<>(StoreTables.LINK_PREDICTIONS, SampleRecords.prediction()),
                new Stored<>(StoreTables.MODEL_QUALITY, SampleRecords.modelQuality("roland")));
    }

    static Connection connect(String url) throws SQLException {
        return EventTimeStore.connect(url, LocalPostgres.USER, null);
    }

    static <T> void upsert(Connection c, StoreTable<T> table, T record) throws SQLException {
        try (PreparedStatement st = c.prepareStatement(table.upsertSql())) {
            table.bind(st, record);
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
    }

    static <T> void roundTrip(Connection c, StoreTable<T> table, T record) throws SQLException {
        upsert(c, table, record);
        upsert(c, table, record);
        List<T> rows = readAll(c, table);
        assertThat(rows).as(table.name()).hasSize(1);
        assertThat(json(rows.get(0))).as(table.name()).isEqualTo(json(record));
    }

    static <T> List<T> readAll(Connection c, StoreTable<T> table) throws SQLException {
        List<T> out = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table.name())) {
            while (rs.next()) {
                out.add(table.read(rs));
            }
        }
        return out;
    }

    static int count(Connection c, String table) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getInt(1);
        }
    }

    static List<String> primaryKey(Connection c, String table) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getPrimaryKeys(null, null, table)) {
            while (rs.next()) {
                out.add(rs.getString("COLUMN_NAME"));
            }
        }
        return out;
    }

    static String json(Object record) {
        return new String(JsonKafkaSink.toJson(record), StandardCharsets.UTF_8);
    }

    /** Every version in dashboards/sql (V1 the store, V2 links-not-edges, ...), as the job packages them. */
    private static List<Integer> allVersions() {
        return SchemaMigration.fromClasspath().stream().map(SchemaMigration.Migration::version).toList();
    }
}
