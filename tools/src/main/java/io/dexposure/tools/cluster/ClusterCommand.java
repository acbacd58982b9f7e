package io.dexposure.tools.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.dexposure.localkafka.LocalKafkaBroker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code cluster start|stop|status|submit}: the real deployment shape on one machine, without Docker. {@code start}
 * runs a Flink session cluster (JobManager + TaskManagers, child JVMs; with {@code --with-kafka} also a local
 * broker) in the foreground until Ctrl-C or {@code cluster stop}; the other subcommands talk to it through the
 * state file {@code <dir>/cluster.properties}.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        subcommands = {ClusterCommand.Start.class, ClusterCommand.Stop.class, ClusterCommand.Status.class,
                ClusterCommand.Submit.class},
        description = "A local Flink session cluster (JobManager + TaskManagers as separate JVMs): start, stop, status, submit the job.")
public class ClusterCommand implements Runnable {
    static final String STATE_FILE = "cluster.properties";

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "name a subcommand: start, stop, status or submit");
    }

    static Path defaultDir() {
        return Path.of(System.getProperty("dexposure.home", ".")).resolve("target/flink-cluster");
    }

    static Properties readState(Path dir) {
        Path file = dir.resolve(STATE_FILE);
        if (!Files.exists(file)) {
            throw new IllegalArgumentException("no cluster running from " + dir + " (no " + file + "); start one with `cluster start`");
        }
        Properties state = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            state.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        long pid = Long.parseLong(state.getProperty("pid"));
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return state;
        }
        throw new IllegalArgumentException("the cluster started from " + dir + " is gone (launcher pid " + pid + " not alive)");
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start the cluster and keep it running in the foreground (Ctrl-C or `cluster stop` ends it, with every child JVM).")
    static class Start implements Callable<Integer> {
        @Option(names = "--dir", description = "Work dir: config, logs, checkpoints, savepoints (default: target/flink-cluster).")
        Path dir;

        @Option(names = "--task-managers", description = "TaskManagers (default: ${DEFAULT-VALUE}).")
        int taskManagers = 2;

        @Option(names = "--slots", description = "Slots per TaskManager (default: ${DEFAULT-VALUE}).")
        int slots = 2;

        @Option(names = "--task-manager-memory", description = "taskmanager.memory.process.size; raise it for the real dataset (default: ${DEFAULT-VALUE}).")
        String taskManagerMemory = "1200m";

        @Option(names = "--prometheus-ports", description = "Port range of Flink's Prometheus reporter, e.g. 9250-9260 (default: off).")
        String prometheusPorts = "";

        @Option(names = "--with-kafka", description = "Also start a local Kafka broker (child JVM) with the pipeline's topics (2 partitions each, as compose's topics-init) and print its bootstrap address (default: ${DEFAULT-VALUE}).")
        boolean withKafka;

        @Override
        public Integer call() throws Exception {
            Path work = (dir != null ? dir : defaultDir()).toAbsolutePath();
            LocalFlinkCluster.Settings settings = LocalFlinkCluster.Settings.defaults().withTaskManagers(taskManagers, slots)
                    .withTaskManagerMemory(taskManagerMemory).withPrometheusPorts(prometheusPorts);
            LocalKafkaBroker broker = withKafka ? LocalKafkaBroker.start(work.resolve("kafka")) : null;
            if (broker != null) {
                // What compose's topics-init does: every topic of the pipeline, 2 partitions (the job's parallelism).
                io.dexposure.replayer.publish.KafkaTopics.ensure(broker.bootstrapServers(), new io.dexposure.job.options.KafkaOptions().allTopics(), 2);
            }
            LocalFlinkCluster cluster;
            try {
                cluster = LocalFlinkCluster.start(work, settings);
            } catch (RuntimeException e) {
                if (broker != null) {
                    broker.close();
                }
                throw e;
            }
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                cluster.close();
                if (broker != null) {
                    broker.close();
                }
                stopped.countDown();
            }, "cluster-stop"));
            Properties state = new Properties();
            state.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
            state.setProperty("rest", cluster.restUrl());
            state.setProperty("restAddress", cluster.restAddress());
            state.setProperty("checkpoints", cluster.checkpointDir().toUri().toString());
            if (broker != null) {
                state.setProperty("bootstrapServers", broker.bootstrapServers());
            }
            try (Writer out = Files.newBufferedWriter(work.resolve(STATE_FILE))) {
                state.store(out, "bin/dexposure cluster start");
            }
            System.out.println("Flink cluster up: web UI and REST " + cluster.restUrl() + "  (JobManager pid "
                    + cluster.jobManagerPid() + ", TaskManagers " + cluster.taskManagerPids() + ")");
            System.out.println("  checkpoints  " + cluster.checkpointDir().toUri() + "  (RocksDB, incremental)");
            System.out.println("  logs         " + work + "/{jobmanager,taskmanager-N}/*.log");
            if (broker != null) {
                System.out.println("  Kafka        " + broker.bootstrapServers());
            }
            System.out.println("Submit the job:  bin/dexposure cluster submit -- --bootstrap-servers "
                    + (broker != null ? broker.bootstrapServers() : "HOST:PORT"));
            System.out.println("Ctrl-C or `bin/dexposure cluster stop` stops everything.");
            stopped.await();
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop the cluster started by `cluster start` (and its broker).")
    static class Stop implements Callable<Integer> {
        @Option(names = "--dir", description = "Work dir of the running cluster (default: target/flink-cluster).")
        Path dir;

        @Override
        public Integer call() throws Exception {
            Path work = (dir != null ? dir : defaultDir()).toAbsolutePath();
            Properties state = readState(work);
            ProcessHandle launcher = ProcessHandle.of(Long.parseLong(state.getProperty("pid"))).orElseThrow();
            launcher.destroy(); // SIGTERM: its shutdown hook stops the TaskManagers, the JobManager and the broker
            launcher.onExit().get(60, TimeUnit.SECONDS);
            Files.deleteIfExists(work.resolve(STATE_FILE));
            System.out.println("cluster at " + state.getProperty("rest") + " stopped");
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "TaskManagers, slots and jobs of the running cluster (from its REST API).")
    static class Status implements Callable<Integer> {
        @Option(names = "--dir", description = "Work dir of the running cluster (default: target/flink-cluster).")
        Path dir;

        @Override
        public Integer call() {
            Path work = (dir != null ? dir : defaultDir()).toAbsolutePath();
            Properties state = readState(work);
            FlinkRest rest = new FlinkRest(state.getProperty("rest"));
            JsonNode overview = rest.get("/overview");
            System.out.printf("Flink %s at %s: %d TaskManagers, %d/%d slots free%n", overview.path("flink-version").asText(),
                    state.getProperty("rest"), overview.path("taskmanagers").asInt(), overview.path("slots-available").asInt(),
                    overview.path("slots-total").asInt());
            if (state.containsKey("bootstrapServers")) {
                System.out.println("Kafka " + state.getProperty("bootstrapServers"));
            }
            for (JsonNode job : rest.get("/jobs/overview").path("jobs")) {
                System.out.printf("  job %s  %-10s %s%n", job.path("jid").asText(), job.path("state").asText(), job.path("name").asText());
            }
            return 0;
        }
    }

    @Command(name = "submit", mixinStandardHelpOptions = true,
            description = "Submit the job jar with Flink's client (`flink run -d`); the arguments after -- are the job's flags (see `job --help`).")
    static class Submit implements Callable<Integer> {
        @Option(names = "--dir", description = "Work dir of the running cluster (default: target/flink-cluster).")
        Path dir;

        @Option(names = "--jar", description = "Job jar (default: flink-jobs/target/dexposure-flink-jobs-<version>-job.jar, built by mvn -Pdist package).")
        Path jar;

        @Option(names = "--entry-class", description = "Main class of the jar (default: ${DEFAULT-VALUE}).")
        String entryClass = JobSubmission.DEFAULT_ENTRY_CLASS;

        @Option(names = "--args-prefix", split = ",", description = "Program arguments before the job's flags, for another entry class (default: none).")
        List<String> argsPrefix = new ArrayList<>(JobSubmission.DEFAULT_ARGS_PREFIX);

        @Option(names = "--parallelism", description = "flink run -p; 0 = the job's --parallelism (default: ${DEFAULT-VALUE}).")
        int parallelism;

        @Option(names = "--from-savepoint", description = "Savepoint or retained checkpoint to start from (flink run -s).")
        String fromSavepoint;

        @Parameters(description = "The job's flags, e.g. --bootstrap-servers 127.0.0.1:9092 (the checkpoint dir defaults to the cluster's).")
        List<String> jobFlags = new ArrayList<>();

        @Override
        public Integer call() {
            Path work = (dir != null ? dir : defaultDir()).toAbsolutePath();
            Properties state = readState(work);
            List<String> args = new ArrayList<>(argsPrefix);
            if (jobFlags.stream().noneMatch(f -> f.startsWith("--checkpoint-dir"))) {
                args.addAll(List.of("--checkpoint-dir", state.getProperty("checkpoints")));
            }
            args.addAll(jobFlags);
            JobSubmission submission = new JobSubmission(jar != null ? jar : JobSubmission.defaultJar(), entryClass, args,
                    parallelism, fromSavepoint);
            String jobId = submission.submit(state.getProperty("restAddress"), work.resolve("client/conf"),
                    FlinkLib.childClasspath(work.resolve("bootstrap")), work);
            System.out.println("submitted job " + jobId + " (" + state.getProperty("rest") + "/#/job/running/" + jobId + ")");
            return 0;
        }
    }
}
