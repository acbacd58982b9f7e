package io.dexposure.tools.cli;

import io.dexposure.replayer.cli.GenerateCommand;
import io.dexposure.replayer.cli.PullCommand;
import io.dexposure.replayer.cli.ReplayCommand;
import io.dexposure.replayer.cli.CliErrors;
import picocli.CommandLine.Command;

/** {@code bin/dexposure}: the one launcher, with a subcommand per task. */
@Command(name = "dexposure", mixinStandardHelpOptions = true,
        subcommands = {DemoCommand.class, RunJobCommand.class, ReplayCommand.class, PullCommand.class, GenerateCommand.class,
                BenchCommand.class, CompareCommand.class, AlertEvalCommand.class, DetectCommand.class, AlertsCommand.class,
                ReportCommand.class, StatsCommand.class, SectorsCommand.class, AnomaliesCommand.class,
                io.dexposure.tools.cluster.ClusterCommand.class},
        description = "DeXposure Monitor: weekly DeFi credit-exposure networks through Kafka and Flink.")
public class DexposureCli {
    public static void main(String[] args) {
        System.exit(CliErrors.commandLine(new DexposureCli()).execute(args));
    }
}
