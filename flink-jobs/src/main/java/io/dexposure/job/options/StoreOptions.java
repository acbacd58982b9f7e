package io.dexposure.job.options;

import picocli.CommandLine.Option;

import java.io.Serializable;

/**
 * The PostgreSQL event-time store. One option group: a picocli mixin for the commands that
 * need it, and what the operators of this concern receive. The job's own {@code main} reads the same
 * flags without picocli ({@link JobArguments}).
 */
public class StoreOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    @Option(names = "--jdbc-url", description = "Also write the results to this PostgreSQL event-time store, e.g. jdbc:postgresql://localhost:5432/dexposure (default: off).")
    public String jdbcUrl;

    @Option(names = "--jdbc-user", defaultValue = "${env:DEXPOSURE_JDBC_USER:-dexposure}", description = "Database user; env DEXPOSURE_JDBC_USER (default: ${DEFAULT-VALUE}).")
    public String jdbcUser = "dexposure";

    @Option(names = "--jdbc-password", defaultValue = "${env:DEXPOSURE_JDBC_PASSWORD}", description = "Database password; better given as env DEXPOSURE_JDBC_PASSWORD (default: none).")
    public String jdbcPassword;

    @Option(names = "--jdbc-batch-size", description = "Rows per JDBC batch (default: ${DEFAULT-VALUE}).")
    public int jdbcBatchSize = 500;

    @Option(names = "--jdbc-flush-interval-ms", description = "Longest wait before a partial batch is written; every checkpoint flushes too (default: ${DEFAULT-VALUE}).")
    public long jdbcFlushIntervalMs = 1_000;

    @Option(names = "--jdbc-migrate", negatable = true, defaultValue = "true", fallbackValue = "true", description = "Apply the schema (dashboards/sql) before the job starts; --no-jdbc-migrate when the database is managed elsewhere (default: ${DEFAULT-VALUE}).")
    public boolean jdbcMigrate = true;

    /** The store is written only when a JDBC URL is given. */
    public boolean enabled() {
        return jdbcUrl != null && !jdbcUrl.isBlank();
    }
}
