package io.dexposure.job.store;

import io.dexposure.job.options.StoreOptions;
import io.dexposure.job.streams.ResultSinks;
import io.dexposure.job.streams.ResultStream;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.jdbc.JdbcConnectionOptions;
import org.apache.flink.connector.jdbc.JdbcExecutionOptions;
import org.apache.flink.connector.jdbc.core.datastream.sink.JdbcSink;
import org.apache.flink.streaming.api.datastream.DataStream;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The event-time store: the job's result streams as PostgreSQL tables keyed by week and subject, written
 * with the Flink JDBC connector (Sink V2 {@link JdbcSink}, at-least-once, batched, flushed at every
 * checkpoint). Every write is an upsert ({@link StoreTable#upsertSql()}), so replays, restarts and retries
 * rewrite rows and never add duplicates. One of the job's injected destinations ({@link ResultSinks}):
 * every stream of the catalogue goes to its table. Used only when {@code --jdbc-url} is given.
 */
public final class EventTimeStore implements ResultSinks {
    private static final long serialVersionUID = 1L;
    public static final String DRIVER = "org.postgresql.Driver";

    private final StoreOptions options;

    public EventTimeStore(StoreOptions options) {
        this.options = options;
    }

    /** The store as the options say: empty without --jdbc-url; the schema applied first unless --no-jdbc-migrate. */
    public static Optional<EventTimeStore> forOptions(StoreOptions options) {
        if (!options.enabled()) {
            return Optional.empty();
        }
        if (options.jdbcMigrate) {
            migrate(options);
        }
        return Optional.of(new EventTimeStore(options));
    }

    @Override
    public <T> Sink<T> sink(ResultStream<T> stream) {
        return sink(StoreTables.of(stream), options);
    }

    /** {@code <table>-store}: the uid the store's sinks have always had, so savepoints keep mapping. */
    @Override
    public String uid(ResultStream<?> stream) {
        return stream.table() + "-store";
    }

    /** One stream into its table; the operator is named and has a stable uid ({@code <table>-store}). */
    public static <T> void attach(DataStream<T> stream, StoreTable<T> table, StoreOptions options) {
        stream.sinkTo(sink(table, options)).name(table.name() + "-store").uid(table.name() + "-store");
    }

    /** The upsert sink of one table. */
    public static <T> Sink<T> sink(StoreTable<T> table, StoreOptions options) {
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
    public static List<Integer> migrate(StoreOptions options) {
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
