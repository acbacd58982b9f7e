package io.dexposure.replayer.cli;

import picocli.CommandLine.Command;

/** The replayer on its own (for example as the replayer container): {@code replay} and {@code generate}. */
@Command(name = "dexposure-replayer", mixinStandardHelpOptions = true,
        subcommands = {ReplayCommand.class, GenerateCommand.class, PullCommand.class},
        description = "Replays or generates weekly DeFi exposure snapshots.")
public class ReplayerCli {
    public static void main(String[] args) {
        System.exit(CliErrors.commandLine(new ReplayerCli()).execute(args));
    }
}
