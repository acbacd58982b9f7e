package io.dexposure.tools.cli;

import io.dexposure.job.JobArguments;
import io.dexposure.job.JobOptions;
import io.dexposure.job.streams.ResultStreams;
import io.dexposure.replayer.cli.CliErrors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The job jar's flag parser (JobArguments, no picocli) and the CLI's picocli definitions name the same
 * flags and set the same fields, so `flink run job.jar FLAGS` and `bin/dexposure job FLAGS` mean the same.
 */
class JobArgumentsTest {

    @Test
    void bothParsersKnowTheSameFlags() {
        CommandLine job = CliErrors.commandLine(new DexposureCli()).getSubcommands().get("job");
        Set<String> picocli = new TreeSet<>();
        for (OptionSpec o : job.getCommandSpec().options()) {
            if (!o.usageHelp() && !o.versionHelp()) {
                picocli.add(o.longestName());
            }
        }
        assertThat(new TreeSet<>(JobArguments.flags(new JobOptions()).keySet())).isEqualTo(picocli);
    }

    @Test
    void bothParsersSetTheSameValues() throws Exception {
        String[] args = {"--bootstrap-servers", "broker:9093", "--parallelism", "4", "--pagerank-engine", "GELLY",
                "--no-roland", "--roland-gnn-sizes", "16,8", "--topic", "alerts=risk.alerts", "--topic", "week-risk=risk.week",
                "--checkpoint-interval-ms=500", "--jdbc-url", "jdbc:postgresql://db/x", "--no-jdbc-migrate",
                "--alert-thresholds", "/tmp/t.properties", "--roland-learning-rate", "0.003", "--bounded",
                "--no-anomalies", "--sector-var-window", "26", "--sector-token-sector", "tokens"};
        JobOptions plain = new JobOptions();
        JobArguments.apply(args, plain);
        RunJobCommand command = new RunJobCommand();
        CliErrors.commandLine(command).parseArgs(args);
        JobOptions viaPicocli = command.options;
        for (Map.Entry<String, Field> e : JobArguments.flags(plain).entrySet()) {
            Field f = e.getValue();
            Object a = f.get(groupOf(plain, f));
            Object b = f.get(groupOf(viaPicocli, f));
            if (a instanceof int[] ia) {
                assertThat(ia).as(e.getKey()).isEqualTo((int[]) b);
            } else {
                assertThat(a).as(e.getKey()).isEqualTo(b);
            }
        }
        assertThat(plain.kafka.topic(ResultStreams.ALERTS)).isEqualTo("risk.alerts");
        assertThat(plain.kafka.topic(ResultStreams.NETWORK_METRICS)).isEqualTo("dexposure.network-metrics");
        assertThat(plain.roland.roland).isFalse();
        assertThat(plain.roland.rolandGnnSizes).containsExactly(16, 8);
        assertThat(plain.execution.parallelism).isEqualTo(4);
        assertThat(plain.market.anomalies).isFalse();
        assertThat(plain.market.sectorVarWindow).isEqualTo(26);
    }

    @Test
    void aBadFlagIsOneClearMessage() {
        assertThatThrownBy(() -> JobArguments.apply(new String[] {"--parallelism", "many"}, new JobOptions()))
                .hasMessage("bad value 'many' for --parallelism: For input string: \"many\"");
        assertThatThrownBy(() -> JobArguments.apply(new String[] {"--no-such-flag"}, new JobOptions()))
                .hasMessageStartingWith("unknown flag --no-such-flag");
    }

    private static Object groupOf(JobOptions o, Field f) {
        for (Object g : new Object[] {o.kafka, o.execution, o.analysis, o.alerts, o.market, o.roland, o.store}) {
            if (f.getDeclaringClass().isInstance(g)) {
                return g;
            }
        }
        throw new IllegalStateException(f.getName());
    }
}
