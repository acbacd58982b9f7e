package io.dexposure.tools.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One {@code flink run -d} of a job jar: Flink's own client ({@code CliFrontend}) in a child JVM, with the
 * cluster's client configuration ({@code FLINK_CONF_DIR}). Jar, entry class and the arguments before the job's
 * flags are parameters: today the -Pdist jar of flink-jobs, entered through the umbrella CLI's {@code job}
 * subcommand, as docker/flink/submit-job.sh does.
 *
 * @param jar               the job jar (default: {@link #defaultJar()})
 * @param entryClass        its main class (default {@value #DEFAULT_ENTRY_CLASS})
 * @param programArgs       every program argument, e.g. {@code job --bootstrap-servers ...}
 * @param parallelism       {@code -p}; 0 = the job's own
 * @param restoreFrom       {@code -s}: a savepoint or retained checkpoint to start from; null = fresh
 */
public record JobSubmission(Path jar, String entryClass, List<String> programArgs, int parallelism, String restoreFrom) {
    public static final String DEFAULT_ENTRY_CLASS = "io.dexposure.job.ExposureMonitorJob";
    /** The program arguments that come before the job's flags with the default entry class. */
    public static final List<String> DEFAULT_ARGS_PREFIX = List.of();
    /** Where the build tells the tests the jar is (failsafe sets it). */
    public static final String JOB_JAR_PROPERTY = "dexposure.cluster.jobJar";
    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");

    public JobSubmission {
        programArgs = List.copyOf(programArgs);
    }

    /** The default jar and entry class, with the job's flags after {@link #DEFAULT_ARGS_PREFIX}. */
    public static JobSubmission ofJobFlags(List<String> jobFlags) {
        List<String> args = new ArrayList<>(DEFAULT_ARGS_PREFIX);
        args.addAll(jobFlags);
        return new JobSubmission(defaultJar(), DEFAULT_ENTRY_CLASS, args, 0, null);
    }

    public JobSubmission withParallelism(int p) {
        return new JobSubmission(jar, entryClass, programArgs, p, restoreFrom);
    }

    public JobSubmission restoringFrom(String savepointOrCheckpoint) {
        return new JobSubmission(jar, entryClass, programArgs, parallelism, savepointOrCheckpoint);
    }

    /**
     * The job jar: the system property {@value #JOB_JAR_PROPERTY} if set, else the one
     * {@code flink-jobs/target/dexposure-flink-jobs-*-job.jar} under {@code dexposure.home} (bin/dexposure sets it)
     * or the working directory.
     */
    public static Path defaultJar() {
        String property = System.getProperty(JOB_JAR_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        Path home = Path.of(System.getProperty("dexposure.home", "."));
        for (Path target : List.of(home.resolve("flink-jobs/target"), home.resolve("target"))) {
            Optional<Path> jar = findJobJar(target);
            if (jar.isPresent()) {
                return jar.get();
            }
        }
        throw new IllegalStateException("no job jar: build it with `mvn -Pdist -DskipTests package` "
                + "(flink-jobs/target/dexposure-flink-jobs-<version>-job.jar) or pass --jar");
    }

    private static Optional<Path> findJobJar(Path dir) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().matches("dexposure-flink-jobs-.*-job\\.jar")).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code flink run} command line after {@code run}. */
    List<String> cliArguments(String restAddress) {
        List<String> args = new ArrayList<>(List.of("run", "-d", "-m", restAddress));
        if (parallelism > 0) {
            args.addAll(List.of("-p", Integer.toString(parallelism)));
        }
        if (restoreFrom != null) {
            args.addAll(List.of("-s", restoreFrom));
        }
        args.addAll(List.of("-c", entryClass, jar.toAbsolutePath().toString()));
        args.addAll(programArgs);
        return args;
    }

    /** Runs {@code flink run -d ...} against the cluster; returns the job id; a failed submission fails with the client's output. */
    String submitTo(LocalFlinkCluster cluster) {
        return submit(cluster.restAddress(), cluster.clientConfDir(), cluster.classpath(), cluster.workDir());
    }

    /**
     * Runs {@code flink run -d ...} against the cluster at {@code restAddress} with the client configuration in
     * {@code clientConfDir}; returns the job id.
     */
    String submit(String restAddress, Path clientConfDir, String classpath, Path clusterDir) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("job jar " + jar + " does not exist");
        }
        Path clientDir = clientConfDir.getParent();
        Path log;
        try {
            Files.createDirectories(clientDir);
            log = Files.createTempFile(clientDir, "flink-run-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(LocalFlinkCluster.javaExecutable(), "-Xmx512m", "-XX:+UseSerialGC"));
        command.addAll(LocalFlinkCluster.JAVA17_OPENS);
        command.add("-Dlog.file=" + clientDir.resolve("flink-client.log"));
        command.add("-Dlog4j.configurationFile=" + clientConfDir.resolve("log4j-cli.properties").toUri());
        command.add(LocalFlinkCluster.PROCESS_MARKER + clusterDir);
        command.add("-Dai.djl.offline=true");
        command.addAll(List.of("-cp", classpath, LocalFlinkCluster.CLI_MAIN));
        command.addAll(cliArguments(restAddress));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            builder.environment().put("FLINK_CONF_DIR", clientConfDir.toString());
            builder.environment().put("DJL_OFFLINE", "true");
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("flink run did not return within 180 s; output in " + log);
            }
            String output = Files.readString(log);
            Matcher id = JOB_ID.matcher(output);
            if (process.exitValue() != 0 || !id.find()) {
                throw new IllegalStateException("flink run failed (exit code " + process.exitValue() + "); output ("
                        + log + "):\n" + LocalFlinkCluster.tail(log));
            }
            return id.group(1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run flink run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while submitting", e);
        }
    }
}
