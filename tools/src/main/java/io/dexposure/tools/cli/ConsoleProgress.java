package io.dexposure.tools.cli;

import java.io.PrintStream;

/**
 * One progress line that rewrites itself on a terminal, with result rows printed above it. Without a
 * terminal (CI logs, pipes) every progress line is printed once, as plain text.
 */
final class ConsoleProgress {
    private final PrintStream out;
    private final boolean terminal;
    private String current = "";

    ConsoleProgress(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    synchronized void progress(String line) {
        current = line;
        if (terminal) {
            out.print("\r\033[K" + line);
            out.flush();
        } else {
            out.println("  .. " + line);
        }
    }

    /** Prints a line above the progress line. */
    synchronized void println(String line) {
        if (terminal) {
            out.print("\r\033[K" + line + "\n" + current);
            out.flush();
        } else {
            out.println(line);
        }
    }

    synchronized void finish() {
        if (terminal && !current.isEmpty()) {
            out.print("\r\033[K");
            out.flush();
        }
        current = "";
    }
}
