package io.dexposure.testservers;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Finds the real servers the tests run against (Debian packages), installing them with
 * bin/install-test-servers the first time one is missing, so a fresh CI machine needs nothing beyond
 * `mvn -B -ntp verify`. A server that still cannot be found fails the test (never a skip: a green build
 * must have talked to the real servers).
 */
public final class TestServers {
    /** The repository root (tests run in flink-jobs/). */
    public static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static boolean installAttempted;

    private TestServers() {
    }

    /** An executable on the PATH (or in the given directories), installing the test servers once if needed. */
    public static Path executable(String name, String... extraDirs) {
        Optional<Path> found = find(name, extraDirs);
        if (found.isEmpty()) {
            install();
            found = find(name, extraDirs);
        }
        return found.orElseThrow(() -> new IllegalStateException(name + " not found after bin/install-test-servers; "
                + "install it: apt-get install -y prometheus postgresql docker-compose chromium chromium-driver"));
    }

    /** The newest PostgreSQL server's bin directory (/usr/lib/postgresql/N/bin). */
    public static Path postgresBin() {
        Optional<Path> bin = newestPostgresBin();
        if (bin.isEmpty()) {
            install();
            bin = newestPostgresBin();
        }
        return bin.orElseThrow(() -> new IllegalStateException("no /usr/lib/postgresql/*/bin/initdb after bin/install-test-servers"));
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * Runs a command to completion, returning its output (stderr merged); a non-zero exit is an error
     * that shows the output.
     */
    public static String run(List<String> command, long timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            String text = new String(out);
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + text);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts a server as a child that dies with this JVM: a shell runs it in the background and stops it
     * (SIGINT, a fast shutdown for PostgreSQL, a clean one for Prometheus) when its stdin closes, which
     * happens on {@link Process#getOutputStream()} close and also when this JVM is killed.
     *
     * @param asUser run as this user (runuser) when not null
     */
    public static Process startTiedToThisJvm(List<String> command, String asUser, Path log) throws IOException {
        StringBuilder script = new StringBuilder();
        for (String word : command) {
            script.append('\'').append(word.replace("'", "'\\''")).append("' ");
        }
        String shell = script + "& pid=$!; cat >/dev/null; kill -INT $pid 2>/dev/null; wait $pid";
        List<String> wrapped = asUser == null ? List.of("/bin/sh", "-c", shell)
                : List.of(executable("runuser", "/usr/sbin", "/sbin").toString(), "-u", asUser, "--", "/bin/sh", "-c", shell);
        return new ProcessBuilder(wrapped).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Closes the server's stdin (it stops) and waits for it. */
    public static void stop(Process process) {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static synchronized void install() {
        if (installAttempted) {
            return;
        }
        installAttempted = true;
        System.err.println(run(List.of(REPO.resolve("bin/install-test-servers").toString()), 900));
    }

    private static Optional<Path> find(String name, String... extraDirs) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        return Stream.concat(Arrays.stream(path.split(":")), Arrays.stream(extraDirs))
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static Optional<Path> newestPostgresBin() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")))
                    .max(Comparator.comparingInt(bin -> parseOr0(bin.getParent().getFileName().toString())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int parseOr0(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
