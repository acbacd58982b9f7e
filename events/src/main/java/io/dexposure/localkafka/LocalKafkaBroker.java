package io.dexposure.localkafka;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A single-node Kafka 3.9.1 KRaft broker (broker and controller in one process) running in a child JVM, for
 * tests, development and the demo. Listens on 127.0.0.1 only, on free ports picked at start.
 *
 * <p>Why a child JVM: the broker's Scala and Kafka 3.9.1 jars stay off the caller's classpath (the project's
 * clients are kafka-clients 3.4.0), and the broker is a real separate process like in production. Its jars are
 * listed in the resource {@code broker.classpath} that the events build writes.
 *
 * <p>No broker outlives its parent: the child runs {@link BrokerMain}, which stops when its stdin (held open by
 * this object) reaches EOF, i.e. on {@link #close()} or when the parent JVM dies, even by SIGKILL.
 *
 * <pre>{@code
 * try (LocalKafkaBroker broker = LocalKafkaBroker.start(dir)) {
 *     String bootstrap = broker.bootstrapServers();   // "127.0.0.1:41234"
 * }
 * // or, in tests: one broker per JVM, stopped at JVM exit; use unique topic names
 * String bootstrap = LocalKafkaBroker.shared().bootstrapServers();
 * }</pre>
 */
public final class LocalKafkaBroker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalKafkaBroker.class);

    /** Logged by KafkaRaftServer once broker and controller are up. */
    static final String STARTED_LINE = "Kafka Server started";
    static final String LOG_FILE = "broker.log";
    /** Another process may take a probed free port before the broker binds it; then we try new ports. */
    private static final int START_ATTEMPTS = 3;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int LOG_TAIL_LINES = 40;

    private static final Object SHARED_LOCK = new Object();
    private static LocalKafkaBroker shared;
    private static RuntimeException sharedStartFailure;

    private final Process process;
    /** The child's stdin. Never written; closing it (or our death) makes the child stop. */
    private final OutputStream lifeline;
    private final Path workDir;
    private final int port;
    private final boolean isShared;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private LocalKafkaBroker(Process process, Path workDir, int port, boolean isShared) {
        this.process = process;
        this.lifeline = process.getOutputStream();
        this.workDir = workDir;
        this.port = port;
        this.isShared = isShared;
    }

    /** Starts a broker with its data, config and log under {@code workDir} (created if missing) and waits until it serves. */
    public static LocalKafkaBroker start(Path workDir) {
        return start(workDir, Options.defaults());
    }

    public static LocalKafkaBroker start(Path workDir, Options options) {
        return start(workDir, options, false);
    }

    /**
     * One broker per JVM, started on first use and stopped (and its work dir deleted) by a shutdown hook, so
     * that test classes in one Surefire JVM share it. Callers must use topic names of their own. Its
     * {@link #close()} does nothing. A failed start is remembered: later calls fail at once with the same cause.
     */
    public static LocalKafkaBroker shared() {
        synchronized (SHARED_LOCK) {
            if (shared != null) {
                return shared;
            }
            if (sharedStartFailure != null) {
                throw new StartFailedException("the shared local Kafka broker failed to start earlier in this JVM: "
                        + sharedStartFailure.getMessage(), sharedStartFailure);
            }
            Path dir;
            try {
                dir = sharedWorkDir();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a work dir for the shared local Kafka broker", e);
            }
            try {
                shared = start(dir, Options.defaults(), true);
            } catch (RuntimeException e) {
                sharedStartFailure = e;
                deleteRecursively(dir);
                throw e;
            }
            LocalKafkaBroker broker = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                broker.stop();
                deleteRecursively(dir);
            }, "local-kafka-shared-stop"));
            return broker;
        }
    }

    /** "127.0.0.1:port" of the PLAINTEXT listener. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path workDir() {
        return workDir;
    }

    /** The child JVM's stdout and stderr (Kafka logs to the console at INFO, chatty categories at WARN). */
    public Path logFile() {
        return workDir.resolve(LOG_FILE);
    }

    /**
     * Stops the broker: SIGTERM (Kafka shuts down cleanly in 1-2 s), up to 10 s, then SIGKILL. Idempotent.
     * Does nothing on the {@link #shared()} broker, which a shutdown hook stops.
     */
    @Override
    public void close() {
        if (!isShared) {
            stop();
        }
    }

    /**
     * Half of a broker outage (issue 16's fault tests): stops this broker as {@link #close()} does (SIGTERM, a
     * clean shutdown), keeping its data; {@link #startAgain()} brings it back. Also on the shared broker.
     */
    public void stopKeepingData() {
        stop();
    }

    /**
     * A new broker process on this stopped broker's work dir, data and ports (so clients that know the old
     * address reconnect by themselves), with the default options; waits until it serves.
     */
    public LocalKafkaBroker startAgain() {
        if (process.isAlive()) {
            throw new IllegalStateException("broker at " + bootstrapServers() + " is still running");
        }
        Path logFile = workDir.resolve(LOG_FILE);
        try {
            // A fresh log, so that the wait below sees the new process's started line, not the old one.
            Files.move(logFile, workDir.resolve(LOG_FILE + ".before-restart"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move " + logFile + " aside", e);
        }
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(Options.defaults().jvmOptions());
        command.add("-Dlog4j.configuration=" + workDir.resolve("log4j.properties").toUri());
        command.add("-Ddexposure.localkafka.dir=" + workDir);
        command.add("-cp");
        command.add(childClasspath());
        command.add(BrokerMain.class.getName());
        command.add(workDir.resolve("server.properties").toString());
        Process restarted;
        try {
            restarted = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
        } catch (IOException e) {
            throw new StartFailedException("cannot launch the local Kafka broker JVM: " + e.getMessage(), e);
        }
        LocalKafkaBroker broker = new LocalKafkaBroker(restarted, workDir, port, isShared);
        try {
            awaitReady(broker, logFile, Options.defaults().startTimeout());
        } catch (RuntimeException e) {
            broker.stop();
            throw e;
        }
        LOG.info("local Kafka broker restarted at {} on its old data (pid {})", bootstrapServers(), restarted.pid());
        return broker;
    }

    private void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        boolean interrupted = false;
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("local Kafka broker (pid {}) did not stop within {} s after SIGTERM; killing it",
                        process.pid(), STOP_TIMEOUT.toSeconds());
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        closeQuietly(lifeline);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        LOG.info("local Kafka broker at {} stopped", bootstrapServers());
    }

    @Override
    public String toString() {
        return "LocalKafkaBroker[" + bootstrapServers() + ", pid " + process.pid() + ", " + workDir + "]";
    }

    // ---------------------------------------------------------------------------------------------- starting

    private static LocalKafkaBroker start(Path workDir, Options options, boolean isShared) {
        String classpath = childClasspath();
        Path dir = workDir.toAbsolutePath();
        StartFailedException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return startOnce(dir, options, classpath, isShared);
            } catch (PortTakenException e) {
                LOG.info("local Kafka broker: port taken before the broker could bind it; retrying with new ports");
                last = e;
            }
        }
        throw last;
    }

    private static LocalKafkaBroker startOnce(Path dir, Options options, String classpath, boolean isShared) {
        long startedAt = System.nanoTime();
        int[] ports = freePorts(2);
        int port = ports[0];
        int controllerPort = ports[1];
        Path logFile = dir.resolve(LOG_FILE);
        Path properties = dir.resolve("server.properties");
        Path log4j = dir.resolve("log4j.properties");
        Path dataDir = dir.resolve("data");
        try {
            Files.createDirectories(dir);
            // A fresh broker each time: leftover data would carry the old run's ports and topics.
            deleteRecursively(dataDir);
            Files.writeString(properties, serverProperties(port, controllerPort, dataDir, options.serverProperties()));
            Files.writeString(log4j, LOG4J_PROPERTIES);
            Files.writeString(logFile, "");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the local Kafka broker's work dir " + dir, e);
        }

        formatStorage(dir, classpath, properties, log4j, logFile);

        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(options.jvmOptions());
        command.add("-Dlog4j.configuration=" + log4j.toUri());
        command.add("-Ddexposure.localkafka.dir=" + dir); // tells the process apart in `ps`
        command.add("-cp");
        command.add(classpath);
        command.add(BrokerMain.class.getName());
        command.add(properties.toString());
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new StartFailedException("cannot launch the local Kafka broker JVM: " + e.getMessage(), e);
        }
        LocalKafkaBroker broker = new LocalKafkaBroker(process, dir, port, isShared);
        try {
            awaitReady(broker, logFile, options.startTimeout());
        } catch (RuntimeException e) {
            broker.stop();
            throw e;
        }
        LOG.info("local Kafka broker ready at {} in {} ms (pid {}, log {})", broker.bootstrapServers(),
                (System.nanoTime() - startedAt) / 1_000_000, process.pid(), logFile);
        return broker;
    }

    /** Waits for the started line in the log and an accepting port; fails if the child exits or time runs out. */
    private static void awaitReady(LocalKafkaBroker broker, Path logFile, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        LogScanner scanner = new LogScanner(logFile);
        boolean startedLogged = false;
        while (true) {
            if (!startedLogged) {
                startedLogged = scanner.contains(STARTED_LINE);
            }
            if (startedLogged && accepts(broker.port)) {
                return;
            }
            if (!broker.process.isAlive()) {
                String tail = tail(logFile);
                String message = "local Kafka broker exited with code " + broker.process.exitValue()
                        + " during start (work dir " + broker.workDir + "). Last lines of " + logFile + ":\n" + tail;
                if (tail.contains("Address already in use")) {
                    throw new PortTakenException(message);
                }
                throw new StartFailedException(message, null);
            }
            if (System.nanoTime() > deadline) {
                throw new StartFailedException("local Kafka broker (pid " + broker.process.pid() + ") not ready within "
                        + timeout.toSeconds() + " s (" + (startedLogged ? "port " + broker.port + " refuses connections"
                        : "no '" + STARTED_LINE + "' in its log") + "). Last lines of " + logFile + ":\n" + tail(logFile),
                        null);
            }
            sleep(100);
        }
    }

    private static void formatStorage(Path dir, String classpath, Path properties, Path log4j, Path logFile) {
        List<String> command = List.of(javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Dlog4j.configuration=" + log4j.toUri(), "-cp", classpath, "kafka.tools.StorageTool", "format",
                "-t", newClusterId(), "-c", properties.toString());
        try {
            Process format = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            format.getOutputStream().close();
            if (!format.waitFor(60, TimeUnit.SECONDS)) {
                format.destroyForcibly();
                throw new StartFailedException("formatting the local Kafka broker's storage took over 60 s. Last lines of "
                        + logFile + ":\n" + tail(logFile), null);
            }
            if (format.exitValue() != 0) {
                throw new StartFailedException("formatting the local Kafka broker's storage failed (exit code "
                        + format.exitValue() + "). Last lines of " + logFile + ":\n" + tail(logFile), null);
            }
        } catch (IOException e) {
            throw new StartFailedException("cannot run kafka.tools.StorageTool: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartFailedException("interrupted while formatting the local Kafka broker's storage", e);
        }
    }

    static String serverProperties(int port, int controllerPort, Path dataDir, Map<String, String> overrides) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dataDir.toString());
        p.put("num.partitions", "1");
        p.put("offsets.topic.replication.factor", "1");
        // Few internal partitions: the first consumer group / transaction creates them all (50 by default).
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "4");
        p.put("group.initial.rebalance.delay.ms", "0");
        // Replays carry weeks from 2020 on; nothing may age out.
        p.put("log.retention.ms", "-1");
        p.put("auto.create.topics.enable", "false");
        p.putAll(overrides);
        return p.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n"));
    }

    private static final String LOG4J_PROPERTIES = String.join("\n",
            "log4j.rootLogger=INFO, stdout",
            "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
            "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
            "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n",
            // per-partition and per-request chatter
            "log4j.logger.kafka.log=WARN",
            "log4j.logger.org.apache.kafka.storage=WARN",
            "log4j.logger.state.change.logger=WARN",
            "log4j.logger.kafka.request.logger=WARN",
            "log4j.logger.org.apache.kafka.clients=WARN",
            "log4j.logger.org.apache.kafka.common.utils.AppInfoParser=WARN",
            "log4j.logger.kafka.server.KafkaConfig=WARN",
            "log4j.logger.org.apache.kafka.common.config.AbstractConfig=WARN",
            "");

    // ---------------------------------------------------------------------------------------------- classpath

    /** This module's own classes (for BrokerMain) plus the broker jars listed in the broker.classpath resource. */
    static String childClasspath() {
        String brokerJars;
        try (InputStream in = LocalKafkaBroker.class.getResourceAsStream("broker.classpath")) {
            if (in == null) {
                throw new StartFailedException("resource io/dexposure/localkafka/broker.classpath is missing: build the "
                        + "events module (mvn -pl events install) so that it lists the broker's jars", null);
            }
            brokerJars = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the broker.classpath resource", e);
        }
        List<String> missing = Stream.of(brokerJars.split(java.io.File.pathSeparator))
                .filter(jar -> !jar.isBlank() && !Files.exists(Paths.get(jar)))
                .collect(Collectors.toList());
        if (!missing.isEmpty()) {
            throw new StartFailedException("broker.classpath lists jars that do not exist (local Maven repository "
                    + "moved or cleaned?): " + missing, null);
        }
        return ownCodeLocation() + java.io.File.pathSeparator + brokerJars;
    }

    private static String ownCodeLocation() {
        CodeSource source = BrokerMain.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new StartFailedException("cannot tell where BrokerMain was loaded from (no code source)", null);
        }
        try {
            return Paths.get(source.getLocation().toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new StartFailedException("BrokerMain was not loaded from a file or directory: " + source.getLocation(), e);
        }
    }

    private static String javaExecutable() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    // ---------------------------------------------------------------------------------------------- small parts

    /** Kafka's Uuid text form: 16 random bytes, URL-safe base64 without padding; never starting with '-'. */
    static String newClusterId() {
        while (true) {
            UUID uuid = UUID.randomUUID();
            ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits());
            String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
            if (!id.startsWith("-")) {
                return id;
            }
        }
    }

    /** Distinct free ports, all held open until each was picked so they cannot repeat. */
    static int[] freePorts(int count) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find free ports on 127.0.0.1", e);
        } finally {
            sockets.forEach(LocalKafkaBroker::closeQuietly);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static String tail(Path file) {
        Deque<String> lines = new ArrayDeque<>();
        try (Stream<String> all = Files.lines(file, StandardCharsets.ISO_8859_1)) {
            all.forEach(line -> {
                lines.addLast(line);
                if (lines.size() > LOG_TAIL_LINES) {
                    lines.removeFirst();
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
        return String.join("\n", lines);
    }

    /** Work dir of the shared broker: under target/ when run from a Maven module (mvn clean removes leftovers). */
    private static Path sharedWorkDir() throws IOException {
        Path target = Paths.get("target");
        Path base = Files.isDirectory(target) ? target.resolve("local-kafka")
                : Paths.get(System.getProperty("java.io.tmpdir"), "dexposure-local-kafka");
        Files.createDirectories(base);
        removeDirsOfDeadJvms(base);
        return Files.createTempDirectory(base, "shared-" + ProcessHandle.current().pid() + "-");
    }

    /** Work dirs of shared brokers whose JVM was killed (no shutdown hook ran); named shared-<pid>-*. */
    private static void removeDirsOfDeadJvms(Path base) {
        try (Stream<Path> dirs = Files.list(base)) {
            dirs.filter(d -> d.getFileName().toString().startsWith("shared-")).forEach(d -> {
                String[] parts = d.getFileName().toString().split("-");
                try {
                    long pid = Long.parseLong(parts[1]);
                    if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                        return;
                    }
                } catch (RuntimeException e) {
                    return; // not ours
                }
                deleteRecursively(d);
            });
        } catch (IOException e) {
            LOG.debug("cannot list {}", base, e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    LOG.debug("cannot delete {}", p, e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.debug("cannot delete {}", dir, e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // nothing to do
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartFailedException("interrupted while waiting for the local Kafka broker", e);
        }
    }

    /** Reads a growing log file incrementally, looking for a line. */
    private static final class LogScanner {
        private final Path file;
        private long offset;
        private String carry = "";

        LogScanner(Path file) {
            this.file = file;
        }

        boolean contains(String text) {
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                long length = raf.length();
                if (length <= offset) {
                    return false;
                }
                byte[] bytes = new byte[(int) Math.min(length - offset, 1 << 20)];
                raf.seek(offset);
                raf.readFully(bytes);
                offset += bytes.length;
                String chunk = carry + new String(bytes, StandardCharsets.ISO_8859_1);
                // keep a tail so a match split across two reads is still found
                carry = chunk.substring(Math.max(0, chunk.length() - text.length()));
                return chunk.contains(text);
            } catch (IOException e) {
                return false;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- types

    /**
     * How to run the broker JVM.
     *
     * @param jvmOptions       JVM flags of the broker process (default {@code -Xmx512m -XX:+UseSerialGC})
     * @param startTimeout     how long to wait for the broker to serve (default 60 s)
     * @param serverProperties server.properties entries that override or add to the defaults
     */
    public record Options(List<String> jvmOptions, Duration startTimeout, Map<String, String> serverProperties) {
        public Options {
            jvmOptions = List.copyOf(jvmOptions);
            serverProperties = Map.copyOf(serverProperties);
        }

        public static Options defaults() {
            return new Options(List.of("-Xmx512m", "-XX:+UseSerialGC"), Duration.ofSeconds(60), Map.of());
        }

        /** Replaces the maximum heap, e.g. "1g". */
        public Options withMaxHeap(String size) {
            List<String> flags = new ArrayList<>();
            flags.add("-Xmx" + size);
            jvmOptions.stream().filter(f -> !f.startsWith("-Xmx")).forEach(flags::add);
            return new Options(flags, startTimeout, serverProperties);
        }

        public Options withJvmOptions(List<String> flags) {
            return new Options(flags, startTimeout, serverProperties);
        }

        public Options withStartTimeout(Duration timeout) {
            return new Options(jvmOptions, timeout, serverProperties);
        }

        public Options withServerProperty(String key, String value) {
            Map<String, String> properties = new LinkedHashMap<>(serverProperties);
            properties.put(key, value);
            return new Options(jvmOptions, startTimeout, properties);
        }
    }

    /** The broker did not come up; the message includes the last lines of its log. */
    public static class StartFailedException extends RuntimeException {
        public StartFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final class PortTakenException extends StartFailedException {
        PortTakenException(String message) {
            super(message, null);
        }
    }
}
