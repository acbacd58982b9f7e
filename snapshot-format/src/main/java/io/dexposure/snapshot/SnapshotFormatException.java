package io.dexposure.snapshot;

import java.nio.file.Path;

/**
 * The snapshot file is not in the expected format. The message names the file, the week (when the
 * problem is inside one), the field and the parser position, e.g.
 * {@code sample.json, week 2022-05-09, links[17].size: expected a number, got "abc" (line 12, column 40)}.
 */
public class SnapshotFormatException extends RuntimeException {
    private final transient Path file;
    private final String week;
    private final String field;
    private final long line;
    private final long column;

    public SnapshotFormatException(Path file, String week, String field, String problem, long line, long column,
                                   Throwable cause) {
        super(describe(file, week, field, problem, line, column), cause);
        this.file = file;
        this.week = week;
        this.field = field;
        this.line = line;
        this.column = column;
    }

    private static String describe(Path file, String week, String field, String problem, long line, long column) {
        StringBuilder message = new StringBuilder().append(file);
        if (week != null) {
            message.append(", week ").append(week);
        }
        if (field != null && !field.isEmpty()) {
            message.append(", ").append(field);
        }
        message.append(": ").append(problem);
        if (line > 0) {
            message.append(" (line ").append(line).append(", column ").append(column).append(')');
        }
        return message.toString();
    }

    public Path file() {
        return file;
    }

    /** The week key as written in the file, or null when the problem is outside any week. */
    public String week() {
        return week;
    }

    /**
     * Where in the week (or file) the problem is: a path such as {@code links[17].size} or
     * {@code nodes[3].composition.USDT}; {@code data} for a problem with a week entry itself (its key,
     * order or value type) or with the data object; {@code (top level)} outside it.
     */
    public String field() {
        return field;
    }

    /** 1-based line of the parser position, or -1 when unknown. */
    public long line() {
        return line;
    }

    /** 1-based column of the parser position, or -1 when unknown. */
    public long column() {
        return column;
    }
}
