package io.dexposure.job.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Brings a PostgreSQL database to the newest event-time schema: the files {@code V<n>__<description>.sql}
 * (dashboards/sql, on the classpath under {@value #RESOURCE_DIR}) in version order, each in its own
 * transaction, each once; what was applied is recorded in {@code dexposure_schema_version} with the
 * file's checksum, so a rerun does nothing and an edited applied file is an error. Concurrent runs (job
 * launchers starting at once) wait on an advisory lock.
 */
public final class SchemaMigration {
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigration.class);
    public static final String RESOURCE_DIR = "dexposure/sql";
    private static final Pattern FILE = Pattern.compile("V(\\d+)__(\\w+)\\.sql");
    /** Arbitrary, fixed: "dexposure" in ASCII, truncated to a bigint. */
    private static final long LOCK_ID = 0x646578706f737572L;

    /** One migration file. */
    public record Migration(int version, String description, String sql) {
        String checksum() {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sql.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private SchemaMigration() {
    }

    /** Applies what is missing; returns the versions applied by this call (empty when the schema was current). */
    public static List<Integer> apply(Connection connection) throws SQLException {
        return apply(connection, fromClasspath());
    }

    public static List<Integer> apply(Connection connection, List<Migration> migrations) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        List<Integer> applied = new ArrayList<>();
        try (Statement st = connection.createStatement()) {
            st.execute("SELECT pg_advisory_xact_lock(" + LOCK_ID + ")");
            st.execute("CREATE TABLE IF NOT EXISTS dexposure_schema_version (version integer PRIMARY KEY, "
                    + "description text NOT NULL, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            Map<Integer, String> done = new TreeMap<>();
            try (ResultSet rs = st.executeQuery("SELECT version, checksum FROM dexposure_schema_version")) {
                while (rs.next()) {
                    done.put(rs.getInt(1), rs.getString(2));
                }
            }
            for (Migration m : migrations) {
                String checksum = done.get(m.version());
                if (checksum != null) {
                    if (!checksum.equals(m.checksum())) {
                        throw new SQLException("schema version " + m.version() + " (" + m.description() + ") was applied from a "
                                + "different file: never edit an applied migration, add V" + (m.version() + 1) + "__*.sql instead");
                    }
                    continue;
                }
                st.execute(m.sql());
                try (PreparedStatement record = connection.prepareStatement(
                        "INSERT INTO dexposure_schema_version (version, description, checksum) VALUES (?, ?, ?)")) {
                    record.setInt(1, m.version());
                    record.setString(2, m.description());
                    record.setString(3, m.checksum());
                    record.executeUpdate();
                }
                applied.add(m.version());
                LOG.info("Event-time store: applied schema version {} ({})", m.version(), m.description());
            }
            connection.commit();
            return applied;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** The migrations packaged with the job (copied from dashboards/sql by the build), in version order. */
    public static List<Migration> fromClasspath() {
        URL url = SchemaMigration.class.getClassLoader().getResource(RESOURCE_DIR);
        if (url == null) {
            throw new IllegalStateException("no " + RESOURCE_DIR + " on the classpath: the build copies dashboards/sql there");
        }
        try {
            URI uri = url.toURI();
            if (!"jar".equals(uri.getScheme())) {
                return fromDirectory(Path.of(uri));
            }
            FileSystem fs;
            boolean opened = false;
            try {
                fs = FileSystems.newFileSystem(uri, Map.of());
                opened = true;
            } catch (FileSystemAlreadyExistsException e) {
                fs = FileSystems.getFileSystem(uri);
            }
            try {
                return fromDirectory(fs.getPath(RESOURCE_DIR));
            } finally {
                if (opened) {
                    fs.close();
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the schema migrations at " + url, e);
        }
    }

    /** The {@code V<n>__*.sql} files of a directory, in version order; two files with one version are an error. */
    public static List<Migration> fromDirectory(Path dir) throws IOException {
        List<Migration> migrations = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                Matcher m = FILE.matcher(file.getFileName().toString());
                if (m.matches()) {
                    try (InputStream in = Files.newInputStream(file)) {
                        migrations.add(new Migration(Integer.parseInt(m.group(1)), m.group(2),
                                new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    }
                }
            }
        }
        migrations.sort(Comparator.comparingInt(Migration::version));
        for (int i = 1; i < migrations.size(); i++) {
            if (migrations.get(i).version() == migrations.get(i - 1).version()) {
                throw new IllegalStateException("two schema migrations with version " + migrations.get(i).version() + " in " + dir);
            }
        }
        if (migrations.isEmpty()) {
            throw new IllegalStateException("no V<n>__*.sql schema migrations in " + dir);
        }
        return migrations;
    }
}
