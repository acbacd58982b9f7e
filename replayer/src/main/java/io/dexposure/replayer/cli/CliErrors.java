package io.dexposure.replayer.cli;

import io.dexposure.replayer.publish.PublishFailedException;
import io.dexposure.snapshot.SnapshotFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns the failures a user can act on (bad input file, unreachable Kafka, missing file) into one
 * clear line and exit code 1; the stack trace goes to the log. Anything else is a bug and keeps its
 * stack trace on the console.
 */
public final class CliErrors implements CommandLine.IExecutionExceptionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CliErrors.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
        if (e instanceof SnapshotFormatException || e instanceof PublishFailedException || e instanceof IOException
                || e instanceof UncheckedIOException || e instanceof IllegalArgumentException) {
            LOG.error("{} failed", command.getCommandName(), e);
            command.getErr().println(command.getCommandName() + ": " + describe(e));
            return 1;
        }
        throw e;
    }

    private static String describe(Exception e) {
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file: " + e.getMessage();
        }
        return e.getMessage();
    }

    /** A command line with this handler installed. */
    public static CommandLine commandLine(Object command) {
        return new CommandLine(command).setExecutionExceptionHandler(new CliErrors());
    }
}
