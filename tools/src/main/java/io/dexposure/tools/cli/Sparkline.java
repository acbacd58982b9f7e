package io.dexposure.tools.cli;

/** A one-line chart of a series for the terminal: eight block heights between its min and max. */
public final class Sparkline {
    private static final char[] BLOCKS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};

    private Sparkline() {
    }

    public static String of(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        StringBuilder line = new StringBuilder(values.length);
        for (double v : values) {
            int level = max > min ? (int) Math.round((v - min) / (max - min) * (BLOCKS.length - 1)) : BLOCKS.length / 2;
            line.append(BLOCKS[level]);
        }
        return line.toString();
    }
}
