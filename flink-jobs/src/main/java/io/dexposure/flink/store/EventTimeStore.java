package io.dexposure.flink.store;

import io.dexposure.flink.job.ExposureMonitorJob;
import io.dexposure.flink.job.JobOptions;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.streaming.api.datastream.DataStream;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

/**
 * The event-time store: the job's result streams as PostgreSQL tables keyed by week and subject, written
 * with the Flink JDBC connector (Sink V2 {@link JdbcSink}, at-least-once, batched, flushed at every
 * checkpoint). Every write is an upsert ({@link StoreTable#upsertSql()}), so replays, restarts and retries
 * rewrite rows and never add duplicates. Attached only when {@code --jdbc-url} is given.
 *
 * <p>The streams of the alerts, risk and ROLAND operators connect the same way:
 * {@code EventTimeStore.attach(alerts, StoreTables.ALERTS, options)}.
 */
public final class EventTimeStore {
    public static final String DRIVER = "org.postgresql.Driver";

    private EventTimeStore() {
    }

    /** Applies the schema (unless --no-jdbc-migrate) and sends the job's result streams to the store, when --jdbc-url is set. */
    public static void attach(ExposureMonitorJob.Outputs outputs, JobOptions options) {
        if (!enabled(options)) {
            return;
        }
        if (options.jdbcMigrate) {
            migrate(options);
        }
        attach(outputs.metrics(), StoreTables.WEEK_METRICS, options);
        attach(outputs.protocols(), StoreTables.PROTOCOL_METRICS, options);
        attach(outputs.issues(), StoreTables.DATA_QUALITY, options);
        attach(outputs.alerts(), StoreTables.ALERTS, options);
        attach(outputs.incidents(), StoreTables.INCIDENTS, options);
        attach(outputs.protocolRisk(), StoreTables.PROTOCOL_RISK, options);
        attach(outputs.weekRisk(), StoreTables.WEEK_RISK, options);
        if (outputs.predictions() != null) { // null with --no-roland
            attach(outputs.predictions(), StoreTables.LINK_PREDICTIONS, options);
            attach(outputs.modelQuality(), StoreTables.MODEL_QUALITY, options);
        }
    }

    public static boolean enabled(JobOptions options) {
        return options.jdbcUrl != null && !options.jdbcUrl.isBlank();
    }

    /** One stream into its table; the operator is named and has a stable uid ({@code <table>-store}). */
    public static <T> void attach(DataStream<T> stream, StoreTable<T> table, JobOptions options) {
        stream.sinkTo(sink(table, options)).name(table.name() + "-store").uid(table.name() + "-store");
    }

    /** The upsert sink of one table. */
    public static <T> Sink<T> sink(StoreTable<T> table, JobOptions options) {
        return JdbcSink.<T>builder()
                .withQueryStatement(table.upsertSql(), table.statementBuilder())
                .withExecutionOptions(JdbcExecutionOptions.builder()
                        .withBatchSize(options.jdbcBatchSize)
                        .withBatchIntervalMs(options.jdbcFlushIntervalMs)
                        .withMaxRetries(3)
                        .build())
                .buildAtLeastOnce(new JdbcConnectionOptions.JdbcConnectionOptionsBuilder()
                        .withUrl(options.jdbcUrl)
                        .withDriverName(DRIVER)
                        .withUsername(options.jdbcUser)
                        .withPassword(options.jdbcPassword)
                        .build());
    }

    /** Brings the database to the newest schema; returns the versions applied now. */
    public static List<Integer> migrate(JobOptions options) {
        try (Connection c = connect(options.jdbcUrl, options.jdbcUser, options.jdbcPassword)) {
            return SchemaMigration.apply(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot migrate the event-time store at " + options.jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    /** A connection through the PostgreSQL driver itself (no DriverManager: it does not see Flink's user class loader). */
    public static Connection connect(String url, String user, String password) throws SQLException {
        Properties props = new Properties();
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        Connection c = new org.postgresql.Driver().connect(url, props);
        if (c == null) {
            throw new SQLException("not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database): " + url);
        }
        return c;
    }
}
