package io.dexposure.testservers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for one test class: initdb into a fresh directory, the server on a free
 * loopback port, fsync off, trust authentication for user {@value #USER}. PostgreSQL refuses to run as
 * root, so under root the cluster belongs to the {@code postgres} user (created by the Debian package)
 * and runs through runuser. The directory is under target/ when the postgres user can reach it, else
 * in the system temp directory; it is deleted on {@link #close()}.
 */
public final class LocalPostgres implements AutoCloseable {
    public static final String USER = "dexposure";
    private final Path dir;
    private final int port;
    private final String runAs;
    /** Replaced by {@link #startAgain()} after {@link #stopKeepingData()}. */
    private volatile Process server;

    private LocalPostgres(Path dir, int port, String runAs, Process server) {
        this.dir = dir;
        this.port = port;
        this.runAs = runAs;
        this.server = server;
    }

    public static LocalPostgres start() throws Exception {
        Path bin = TestServers.postgresBin();
        String runAs = TestServers.isRoot() ? "postgres" : null;
        Path dir = workDirectory(runAs != null);
        Path data = dir.resolve("data");
        if (runAs != null) {
            TestServers.run(List.of("chown", "-R", "postgres:", dir.toString()), 30);
        }
        List<String> initdb = new ArrayList<>(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"));
        if (runAs != null) {
            initdb.addAll(0, List.of(TestServers.executable("runuser", "/usr/sbin", "/sbin").toString(), "-u", runAs, "--"));
        }
        TestServers.run(initdb, 120);
        int port = TestServers.freePort();
        LocalPostgres pg = new LocalPostgres(dir, port, runAs, serve(dir, port, runAs));
        pg.awaitReady();
        return pg;
    }

    private static Process serve(Path dir, int port, String runAs) throws IOException {
        return TestServers.startTiedToThisJvm(List.of(TestServers.postgresBin().resolve("postgres").toString(),
                "-D", dir.resolve("data").toString(),
                "-p", Integer.toString(port), "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off",
                "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=50"),
                runAs, Path.of("target", "postgres-" + port + ".log"));
    }

    /**
     * Half of a database outage (issue 16's fault tests): the server stops (a fast shutdown: open connections are
     * closed, open transactions rolled back) and its data stays; {@link #startAgain()} brings it back.
     */
    public void stopKeepingData() {
        TestServers.stop(server);
    }

    /** The server again on the same data and port (clients that know the URL reconnect by themselves); waits until it serves. */
    public void startAgain() throws Exception {
        if (server.isAlive()) {
            throw new IllegalStateException("postgres on port " + port + " is still running");
        }
        server = serve(dir, port, runAs);
        awaitReady();
    }

    /** The server process (the shell that runs it) is alive. */
    public boolean isAlive() {
        return server.isAlive();
    }

    /** A new, empty database on this server; its JDBC URL. */
    public String createDatabase(String prefix) throws SQLException {
        String name = prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(url("postgres"), USER, "");
             Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    /** The cluster's directory (data, socket); gone after {@link #close()}. */
    public Path directory() {
        return dir;
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("postgres exited: " + Files.readString(Path.of("target", "postgres-" + port + ".log")));
            }
            try (Connection c = DriverManager.getConnection(url("postgres"), USER, "")) {
                return;
            } catch (SQLException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("postgres did not accept connections on port " + port, last);
    }

    @Override
    public void close() throws IOException {
        TestServers.stop(server);
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static Path workDirectory(boolean otherUser) throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        Files.createDirectories(target);
        Path base = !otherUser || reachableByOthers(target) ? target : Path.of(System.getProperty("java.io.tmpdir"));
        Path dir = Files.createTempDirectory(base, "postgres-");
        if (otherUser) {
            Files.setPosixFilePermissions(dir, Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE));
        }
        return dir;
    }

    /** Every directory from / down to dir can be traversed by other users. */
    private static boolean reachableByOthers(Path dir) throws IOException {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return true;
    }
}
