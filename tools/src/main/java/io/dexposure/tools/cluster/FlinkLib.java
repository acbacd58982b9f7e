package io.dexposure.tools.cluster;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The local cluster's "lib/": the jars listed in the resource {@code flink-lib.classpath}, which the flink-jobs
 * build writes (maven-dependency-plugin, execution flink-lib-classpath): Flink's runtime, client, web UI,
 * RocksDB, the Prometheus reporter, log4j 2 and DJL; not the job's classes nor what the job jar carries.
 */
final class FlinkLib {
    static final String RESOURCE = "flink-lib.classpath";

    private FlinkLib() {
    }

    /** The jars of lib/, checked to exist. */
    static List<String> jars() {
        String listed = LocalFlinkCluster.readResource(FlinkLib.class, RESOURCE);
        if (listed == null) {
            throw new LocalFlinkCluster.StartFailedException("resource io/dexposure/tools/cluster/" + RESOURCE
                    + " is missing: build flink-jobs (mvn -pl flink-jobs -am package) so that it lists the cluster's jars");
        }
        List<String> jars = Stream.of(listed.trim().split(File.pathSeparator)).filter(j -> !j.isBlank())
                .collect(Collectors.toList());
        List<String> missing = jars.stream().filter(j -> !Files.exists(Path.of(j))).collect(Collectors.toList());
        if (!missing.isEmpty()) {
            throw new LocalFlinkCluster.StartFailedException(RESOURCE + " lists jars that do not exist (local Maven "
                    + "repository moved or cleaned?): " + missing);
        }
        return jars;
    }

    /**
     * The classpath of a cluster JVM: {@link ClusterProcessMain} alone, copied into {@code bootstrapDir} (so that
     * no other class of this module comes along), then the lib/ jars.
     */
    static String childClasspath(Path bootstrapDir) {
        String name = ClusterProcessMain.class.getName().replace('.', '/') + ".class";
        Path target = bootstrapDir.resolve(name);
        try (InputStream in = ClusterProcessMain.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new LocalFlinkCluster.StartFailedException("cannot find " + name + " on the classpath");
            }
            Files.createDirectories(target.getParent());
            Files.write(target, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + name + " to " + bootstrapDir, e);
        }
        return bootstrapDir + File.pathSeparator + String.join(File.pathSeparator, jars());
    }
}
