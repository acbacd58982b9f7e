package io.dexposure.tools.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** No JobManager outlives the JVM that started it, even when that JVM is SIGKILLed (no shutdown hook runs). */
class LocalFlinkClusterLifecycleIT {

    @Test
    @Timeout(240)
    void theJobManagerStopsWhenItsParentJvmIsKilled() throws Exception {
        Files.createDirectories(Path.of("target"));
        Path dir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "cluster-parent-");
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process parent = new ProcessBuilder(LocalFlinkCluster.javaExecutable(), "-Xmx256m", "-cp", classpath,
                ClusterParentMain.class.getName(), dir.toString()).redirectErrorStream(true).start();
        long jobManagerPid;
        try {
            jobManagerPid = awaitJobManagerLine(parent);
            assertThat(ProcessHandle.of(jobManagerPid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid))
                    .contains(parent.pid());
        } finally {
            parent.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
        }
        assertThat(parent.waitFor(10, TimeUnit.SECONDS)).isTrue();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Optional<ProcessHandle> jobManager = ProcessHandle.of(jobManagerPid);
        while (jobManager.map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        boolean stillAlive = jobManager.map(ProcessHandle::isAlive).orElse(false);
        jobManager.filter(ProcessHandle::isAlive).ifPresent(ProcessHandle::destroyForcibly); // never leave it behind
        assertThat(stillAlive).as("JobManager pid %d still alive 30 s after its parent was killed", jobManagerPid).isFalse();
        assertThat(Files.readString(dir.resolve("jobmanager/jobmanager.out"), StandardCharsets.ISO_8859_1))
                .contains("stdin closed");
        assertThat(LocalFlinkClusterIT.clusterProcesses(dir)).isEmpty();
    }

    private static long awaitJobManagerLine(Process parent) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
        List<String> seen = new ArrayList<>();
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("JOBMANAGER ")) {
                return Long.parseLong(line.split(" ")[1]);
            }
            seen.add(line);
        }
        throw new AssertionError("parent JVM ended without starting a JobManager:\n" + String.join("\n", seen));
    }
}
