package io.dexposure.tools.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A Flink 1.20 session cluster on this machine, built from the project's own Maven dependencies (no flink-dist):
 * one JobManager ({@code StandaloneSessionClusterEntrypoint}) and N TaskManagers ({@code TaskManagerRunner}),
 * each a child JVM with its own configuration directory, started the way Flink's scripts start them (JVM
 * memory flags computed by Flink's own process-memory utilities), bound to 127.0.0.1 on free ports, logging
 * under the work directory. RocksDB with incremental checkpoints to {@code <workDir>/checkpoints}.
 *
 * <p>The classpath of every child is {@link FlinkLib}: what a Flink image has in /opt/flink/lib plus DJL,
 * never the job's classes, so a job runs only if its jar is complete. Every child runs
 * {@link ClusterProcessMain}, which stops when this object's lifeline (the child's stdin) closes, even when
 * the parent JVM is SIGKILLed.
 *
 * <pre>{@code
 * try (LocalFlinkCluster cluster = LocalFlinkCluster.start(dir, LocalFlinkCluster.Settings.defaults())) {
 *     String jobId = cluster.submit(JobSubmission.ofDefaultJar(List.of("--bootstrap-servers", broker)));
 *     cluster.killTaskManager(0);            // kill -9
 *     cluster.startTaskManager();            // a replacement
 * }
 * }</pre>
 */
public final class LocalFlinkCluster implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalFlinkCluster.class);
    static final String JOB_MANAGER_MAIN = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    static final String TASK_MANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    static final String CLI_MAIN = "org.apache.flink.client.cli.CliFrontend";
    /** Marks the children in `ps` and lets the tests find leftovers: -Ddexposure.flinkcluster.dir=<workDir>. */
    public static final String PROCESS_MARKER = "-Ddexposure.flinkcluster.dir=";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

    /**
     * What Flink's own default config.yaml passes to every Flink JVM on Java 17 (env.java.opts.all): Kryo and
     * Flink internals reflect into the JDK. The same list as docker/flink/config.yaml.
     */
    static final List<String> JAVA17_OPENS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED", "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED", "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private final Path workDir;
    private final Settings settings;
    private final int rpcPort;
    private final int restPort;
    private final String classpath;
    private final FlinkRest rest;
    private final ChildProcess jobManager;
    private final List<ChildProcess> taskManagers = new ArrayList<>();
    private int taskManagersStarted;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalFlinkCluster(Path workDir, Settings settings, int rpcPort, int restPort, String classpath,
                              ChildProcess jobManager) {
        this.workDir = workDir;
        this.settings = settings;
        this.rpcPort = rpcPort;
        this.restPort = restPort;
        this.classpath = classpath;
        this.jobManager = jobManager;
        this.rest = new FlinkRest(restUrl());
    }

    /** Starts the JobManager and {@code settings.taskManagers()} TaskManagers and waits until all are registered. */
    public static LocalFlinkCluster start(Path workDir, Settings settings) {
        long startedAt = System.nanoTime();
        Path dir = workDir.toAbsolutePath();
        String classpath = FlinkLib.childClasspath(dir.resolve("bootstrap"));
        int[] ports = freePorts(2);
        try {
            Files.createDirectories(dir.resolve("checkpoints"));
            Files.createDirectories(dir.resolve("savepoints"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the Flink cluster's work dir " + dir, e);
        }
        Map<String, String> conf = configuration(dir, ports[0], ports[1], settings);
        writeConfig(dir.resolve("client"), conf); // FLINK_CONF_DIR of `flink run` (JobSubmission)
        Path jmDir = dir.resolve("jobmanager");
        Configuration jmConf = writeConfig(jmDir, conf);
        JobManagerProcessSpec jmSpec = JobManagerProcessUtils.processSpecFromConfigWithNewOptionToInterpretLegacyHeap(
                jmConf, JobManagerOptions.JVM_HEAP_MEMORY);
        List<String> jvm = split(JobManagerProcessUtils.generateJvmParametersStr(jmSpec, jmConf));
        List<String> args = new ArrayList<>(List.of("--configDir", jmDir.resolve("conf").toString()));
        args.addAll(split(JobManagerProcessUtils.generateDynamicConfigsStr(jmSpec)));
        ChildProcess jm = ChildProcess.launch("jobmanager", jmDir, classpath, jvm, JOB_MANAGER_MAIN, args, dir);
        LocalFlinkCluster cluster = new LocalFlinkCluster(dir, settings, ports[0], ports[1], classpath, jm);
        try {
            cluster.awaitRest(settings.startTimeout());
            for (int i = 0; i < settings.taskManagers(); i++) {
                cluster.startTaskManagerProcess();
            }
            cluster.awaitTaskManagers(settings.taskManagers(), settings.startTimeout());
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        LOG.info("local Flink cluster ready at {} in {} ms: {} TaskManagers x {} slots (work dir {})", cluster.restUrl(),
                (System.nanoTime() - startedAt) / 1_000_000, settings.taskManagers(), settings.slotsPerTaskManager(), dir);
        return cluster;
    }

    /** The JobManager's REST endpoint and web UI, e.g. http://127.0.0.1:41234. */
    public String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    /** host:port for {@code flink run -m}. */
    public String restAddress() {
        return "127.0.0.1:" + restPort;
    }

    public FlinkRest rest() {
        return rest;
    }

    public Path workDir() {
        return workDir;
    }

    /** Where checkpoints go: {@code <workDir>/checkpoints/<job id>/chk-N}. */
    public Path checkpointDir() {
        return workDir.resolve("checkpoints");
    }

    public Path savepointDir() {
        return workDir.resolve("savepoints");
    }

    /** The client configuration directory ({@code FLINK_CONF_DIR} for {@code flink run}). */
    public Path clientConfDir() {
        return workDir.resolve("client").resolve("conf");
    }

    public long jobManagerPid() {
        return jobManager.process.pid();
    }

    /** Pids of the TaskManagers alive now, in start order. */
    public synchronized List<Long> taskManagerPids() {
        return taskManagers.stream().filter(t -> t.process.isAlive()).map(t -> t.process.pid()).collect(Collectors.toList());
    }

    /** The pid of the live TaskManager with this resource id ("taskmanager-N", as the REST API lists it). */
    public synchronized long taskManagerPid(String resourceId) {
        return taskManagers.stream().filter(t -> t.name.equals(resourceId) && t.process.isAlive()).findFirst()
                .map(t -> t.process.pid())
                .orElseThrow(() -> new IllegalArgumentException("no live TaskManager " + resourceId));
    }

    /** Starts one more TaskManager (e.g. a replacement for a killed one) and waits until the JobManager lists it. */
    public synchronized void startTaskManager() {
        int alive = taskManagerPids().size();
        startTaskManagerProcess();
        awaitTaskManagers(alive + 1, settings.startTimeout());
    }

    /** kill -9 of the TaskManager with this pid: no shutdown hook, no goodbye to the JobManager. */
    public synchronized void killTaskManager(long pid) {
        ChildProcess tm = taskManagers.stream().filter(t -> t.process.pid() == pid).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no TaskManager with pid " + pid));
        tm.process.destroyForcibly();
        try {
            tm.process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(tm.lifeline);
        taskManagers.remove(tm);
        LOG.info("TaskManager pid {} killed (SIGKILL)", pid);
    }

    /**
     * Submits a job as {@code flink run -d} does: Flink's CliFrontend in a child JVM with this cluster's client
     * configuration, the job jar and its entry class; returns the job id it printed.
     */
    public String submit(JobSubmission job) {
        return job.submitTo(this);
    }

    String classpath() {
        return classpath;
    }

    /** Stops the TaskManagers, then the JobManager (SIGTERM, then SIGKILL after 15 s). Idempotent. */
    @Override
    public synchronized void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (ChildProcess tm : taskManagers) {
            tm.process.destroy();
        }
        for (ChildProcess tm : taskManagers) {
            tm.stop();
        }
        jobManager.stop();
        LOG.info("local Flink cluster at {} stopped", restUrl());
    }

    // ------------------------------------------------------------------------------------------- starting

    private void startTaskManagerProcess() {
        taskManagersStarted++;
        String name = "taskmanager-" + taskManagersStarted;
        Path tmDir = workDir.resolve(name);
        Map<String, String> conf = configuration(workDir, rpcPort, restPort, settings);
        // A readable, known resource id: the REST API names TaskManagers by it (see taskManagerPid).
        conf.put("taskmanager.resource-id", name);
        Configuration tmConf = writeConfig(tmDir, conf);
        TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(tmConf);
        List<String> jvm = split(ProcessMemoryUtils.generateJvmParametersStr(spec));
        List<String> args = new ArrayList<>(List.of("--configDir", tmDir.resolve("conf").toString()));
        args.addAll(split(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec)));
        taskManagers.add(ChildProcess.launch(name, tmDir, classpath, jvm, TASK_MANAGER_MAIN, args, workDir));
    }

    private void awaitRest(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                rest.get("/overview");
                return;
            } catch (RuntimeException notYet) {
                if (!jobManager.process.isAlive()) {
                    throw new StartFailedException("the JobManager exited with code " + jobManager.process.exitValue()
                            + " during start. Last lines of " + jobManager.logFile + ":\n" + tail(jobManager.logFile));
                }
                if (System.nanoTime() > deadline) {
                    throw new StartFailedException("the JobManager's REST endpoint " + restUrl() + " did not answer within "
                            + timeout.toSeconds() + " s. Last lines of " + jobManager.logFile + ":\n" + tail(jobManager.logFile));
                }
                sleep(200);
            }
        }
    }

    private void awaitTaskManagers(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonNode overview = rest.get("/overview");
            // Registered and their slots reported (the slot report follows the registration).
            if (overview.path("taskmanagers").asInt() >= count
                    && overview.path("slots-total").asInt() >= count * settings.slotsPerTaskManager()) {
                return;
            }
            for (ChildProcess tm : taskManagers) {
                if (!tm.process.isAlive() && !tm.killed()) {
                    throw new StartFailedException(tm.name + " exited with code " + tm.process.exitValue()
                            + " during start. Last lines of " + tm.logFile + ":\n" + tail(tm.logFile));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new StartFailedException(count + " TaskManagers not registered within " + timeout.toSeconds()
                        + " s (" + overview.path("taskmanagers").asInt() + " are); logs under " + workDir);
            }
            sleep(200);
        }
    }

    /** The configuration every process of this cluster shares (each gets its own copy in its own conf dir). */
    static Map<String, String> configuration(Path dir, int rpcPort, int restPort, Settings settings) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("jobmanager.rpc.address", "127.0.0.1");
        c.put("jobmanager.rpc.port", Integer.toString(rpcPort));
        c.put("jobmanager.bind-host", "127.0.0.1");
        c.put("taskmanager.bind-host", "127.0.0.1");
        c.put("taskmanager.host", "127.0.0.1");
        c.put("rest.address", "127.0.0.1");
        c.put("rest.bind-address", "127.0.0.1");
        c.put("rest.port", Integer.toString(restPort));
        c.put("jobmanager.memory.process.size", settings.jobManagerMemory());
        c.put("taskmanager.memory.process.size", settings.taskManagerMemory());
        c.put("taskmanager.numberOfTaskSlots", Integer.toString(settings.slotsPerTaskManager()));
        // Managed memory serves RocksDB only; the analysis (and ROLAND's arrays) need the heap more.
        c.put("taskmanager.memory.managed.fraction", "0.2");
        c.put("parallelism.default", "2");
        // As a production cluster runs: RocksDB, incremental checkpoints, kept on cancel.
        c.put("state.backend.type", "rocksdb");
        c.put("state.backend.incremental", "true");
        c.put("state.checkpoints.dir", dir.resolve("checkpoints").toUri().toString());
        c.put("state.savepoints.dir", dir.resolve("savepoints").toUri().toString());
        c.put("state.checkpoints.num-retained", "3");
        c.put("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        c.put("jobmanager.execution.failover-strategy", "region");
        // Spread the job over the TaskManagers, so losing one really loses tasks.
        c.put("cluster.evenly-spread-out-slots", "true");
        // Shorter than the default 50 s; a killed TaskManager is noticed sooner through its broken connections.
        c.put("heartbeat.interval", Long.toString(settings.heartbeatInterval().toMillis()));
        c.put("heartbeat.timeout", Long.toString(settings.heartbeatTimeout().toMillis()));
        // DJL (ROLAND) is in lib/ and loads parent-first: a job restart reuses PyTorch's native library.
        c.put("classloader.parent-first-patterns.additional", "ai.djl");
        c.put("web.upload.dir", dir.resolve("web-upload").toString());
        c.put("env.java.opts.all", String.join(" ", JAVA17_OPENS));
        if (!settings.prometheusPorts().isEmpty()) {
            c.put("metrics.reporters", "prom");
            c.put("metrics.reporter.prom.factory.class", "org.apache.flink.metrics.prometheus.PrometheusReporterFactory");
            c.put("metrics.reporter.prom.port", settings.prometheusPorts());
        }
        c.putAll(settings.extraConfiguration());
        return c;
    }

    /** Writes {@code <processDir>/conf/config.yaml} and a log4j2 configuration; returns the configuration as Flink reads it. */
    private static Configuration writeConfig(Path processDir, Map<String, String> conf) {
        Path confDir = processDir.resolve("conf");
        try {
            Files.createDirectories(confDir);
            Files.createDirectories(processDir.resolve("tmp"));
            StringBuilder yaml = new StringBuilder("# Written by io.dexposure.tools.cluster.LocalFlinkCluster; flat keys.\n");
            Map<String, String> all = new LinkedHashMap<>(conf);
            all.put("io.tmp.dirs", processDir.resolve("tmp").toString());
            all.forEach((k, v) -> yaml.append(k).append(": '").append(v.replace("'", "''")).append("'\n"));
            Files.writeString(confDir.resolve("config.yaml"), yaml.toString());
            Files.writeString(confDir.resolve("log4j.properties"), LOG4J);
            Files.writeString(confDir.resolve("log4j-cli.properties"), LOG4J);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Flink configuration in " + confDir, e);
        }
        return GlobalConfiguration.loadConfiguration(confDir.toString());
    }

    /** Flink's log4j2 configuration, trimmed: INFO to the file Flink names in -Dlog.file (the web UI shows it). */
    static final String LOG4J = String.join("\n",
            "rootLogger.level = INFO",
            "rootLogger.appenderRef.file.ref = MainAppender",
            "logger.kafka.name = org.apache.kafka",
            "logger.kafka.level = WARN",
            "logger.zookeeper.name = org.apache.zookeeper",
            "logger.zookeeper.level = WARN",
            "logger.pekko.name = org.apache.pekko",
            "logger.pekko.level = WARN",
            "appender.main.name = MainAppender",
            "appender.main.type = File",
            "appender.main.append = true",
            "appender.main.fileName = ${sys:log.file}",
            "appender.main.layout.type = PatternLayout",
            "appender.main.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
            "");

    // ------------------------------------------------------------------------------------------- processes

    /** One child JVM: its process, its lifeline (stdin) and its log files. */
    static final class ChildProcess {
        final String name;
        final Process process;
        final OutputStream lifeline;
        final Path logFile;
        private boolean killed;

        private ChildProcess(String name, Process process, Path logFile) {
            this.name = name;
            this.process = process;
            this.lifeline = process.getOutputStream();
            this.logFile = logFile;
        }

        boolean killed() {
            return killed || !process.isAlive() && process.exitValue() == 137;
        }

        static ChildProcess launch(String name, Path dir, String classpath, List<String> memoryFlags, String mainClass,
                                   List<String> args, Path clusterDir) {
            Path logFile = dir.resolve(name + ".log");
            Path outFile = dir.resolve(name + ".out");
            List<String> command = new ArrayList<>();
            command.add(javaExecutable());
            command.addAll(memoryFlags);
            command.add("-XX:+UseSerialGC");
            command.addAll(JAVA17_OPENS);
            command.add("-Dlog.file=" + logFile);
            command.add("-Dlog4j.configurationFile=" + dir.resolve("conf").resolve("log4j.properties").toUri());
            command.add(PROCESS_MARKER + clusterDir);
            // DJL never downloads on the cluster: the natives come from the pytorch-native-cpu jar in lib/.
            command.add("-Dai.djl.offline=true");
            command.add("-cp");
            command.add(classpath);
            command.add(ClusterProcessMain.class.getName());
            command.add(mainClass);
            command.addAll(args);
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(outFile.toFile()));
                builder.environment().put("DJL_OFFLINE", "true");
                // The caller's DJL cache when it has one (PyTorch's natives, ~430 MB, are extracted once, not once per
                // cluster); else one under the cluster's work dir.
                String djlCache = System.getenv("DJL_CACHE_DIR");
                builder.environment().put("DJL_CACHE_DIR", djlCache != null && !djlCache.isBlank() ? djlCache
                        : clusterDir.resolve("djl-cache").toString());
                builder.environment().put("FLINK_CONF_DIR", dir.resolve("conf").toString());
                Process process = builder.start();
                LOG.info("{} started: pid {}, log {}", name, process.pid(), logFile);
                return new ChildProcess(name, process, logFile);
            } catch (IOException e) {
                throw new StartFailedException("cannot launch the " + name + " JVM: " + e.getMessage());
            }
        }

        void stop() {
            process.destroy();
            try {
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warn("{} (pid {}) did not stop within {} s after SIGTERM; killing it", name, process.pid(),
                            STOP_TIMEOUT.toSeconds());
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            closeQuietly(lifeline);
        }
    }

    // ------------------------------------------------------------------------------------------- small parts

    static String javaExecutable() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    static List<String> split(String flags) {
        return Arrays.stream(flags.trim().split("\\s+")).filter(s -> !s.isEmpty()).collect(Collectors.toList());
    }

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
            sockets.forEach(LocalFlinkCluster::closeQuietly);
        }
    }

    static String tail(Path file) {
        try (Stream<String> lines = Files.lines(file, StandardCharsets.ISO_8859_1)) {
            List<String> all = lines.collect(Collectors.toList());
            return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // nothing to do
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the local Flink cluster", e);
        }
    }

    /**
     * How to run the cluster.
     *
     * @param taskManagers        TaskManagers started at once (default 2)
     * @param slotsPerTaskManager slots of each (default 2: 4 in all, enough to rescale the job to 4)
     * @param jobManagerMemory    jobmanager.memory.process.size (default 768m)
     * @param taskManagerMemory   taskmanager.memory.process.size (default 1200m: the sample with ROLAND fits)
     * @param heartbeatInterval   heartbeat.interval (default 3 s)
     * @param heartbeatTimeout    heartbeat.timeout: how long a silent TaskManager counts as alive (default 30 s;
     *                            10 s gave false losses of live TaskManagers on a loaded 2-core machine; a killed
     *                            one is noticed sooner anyway: its connections break and heartbeat RPCs to it fail)
     * @param prometheusPorts     metrics.reporter.prom.port range, e.g. "9250-9260"; empty = no reporter (default)
     * @param startTimeout        how long to wait for the processes to come up (default 90 s)
     * @param extraConfiguration  more config.yaml entries, overriding the above
     */
    public record Settings(int taskManagers, int slotsPerTaskManager, String jobManagerMemory, String taskManagerMemory,
                           Duration heartbeatInterval, Duration heartbeatTimeout, String prometheusPorts,
                           Duration startTimeout, Map<String, String> extraConfiguration) {
        public Settings {
            extraConfiguration = Map.copyOf(extraConfiguration);
        }

        public static Settings defaults() {
            return new Settings(2, 2, "768m", "1200m", Duration.ofSeconds(3), Duration.ofSeconds(30), "",
                    Duration.ofSeconds(90), Map.of());
        }

        public Settings withTaskManagers(int count, int slots) {
            return new Settings(count, slots, jobManagerMemory, taskManagerMemory, heartbeatInterval, heartbeatTimeout,
                    prometheusPorts, startTimeout, extraConfiguration);
        }

        public Settings withPrometheusPorts(String ports) {
            return new Settings(taskManagers, slotsPerTaskManager, jobManagerMemory, taskManagerMemory, heartbeatInterval,
                    heartbeatTimeout, ports, startTimeout, extraConfiguration);
        }

        public Settings withTaskManagerMemory(String size) {
            return new Settings(taskManagers, slotsPerTaskManager, jobManagerMemory, size, heartbeatInterval,
                    heartbeatTimeout, prometheusPorts, startTimeout, extraConfiguration);
        }
    }

    /** The cluster did not come up; the message includes the last lines of the failing process's log. */
    public static class StartFailedException extends RuntimeException {
        public StartFailedException(String message) {
            super(message);
        }
    }

    @Override
    public String toString() {
        return "LocalFlinkCluster[" + restUrl() + ", " + workDir + "]";
    }

    static String readResource(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}
