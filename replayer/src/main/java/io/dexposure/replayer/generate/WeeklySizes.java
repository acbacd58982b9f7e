package io.dexposure.replayer.generate;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How many nodes and links each generated week has: read from a CSV with the columns of the
 * dataset's {@code weekly_node_link_counts.csv} ({@code date,num_nodes,num_links,density}, density
 * ignored) times a scale factor, or fixed. Counts are raised to small minimums so that the anchors,
 * the seven token buckets and one link per protocol always fit.
 */
public final class WeeklySizes {
    /** Anchors (29) + token buckets (7) + room for ordinary protocols. */
    public static final int MIN_NODES = 50;
    public static final int MIN_LINKS = 100;
    /** Every protocol holds at least one token and at most this many kinds (real hubs hold a few hundred). */
    public static final int MAX_LINKS_PER_PROTOCOL = 300;

    /** One generated week's requested size. */
    public record WeekSize(LocalDate week, int nodes, int links) {
        /** Nodes minus the token-bucket nodes. */
        public int protocols() {
            return nodes - TokenBucket.COUNT;
        }
    }

    private final List<WeekSize> weeks;

    private WeeklySizes(List<WeekSize> weeks) {
        this.weeks = List.copyOf(weeks);
        for (int i = 0; i < this.weeks.size(); i++) {
            WeekSize w = this.weeks.get(i);
            if (i > 0 && !w.week().isAfter(this.weeks.get(i - 1).week())) {
                throw new IllegalArgumentException("weeks must be strictly increasing: " + this.weeks.get(i - 1).week()
                        + " then " + w.week());
            }
            if (w.nodes() < MIN_NODES) {
                throw new IllegalArgumentException(w.week() + ": " + w.nodes() + " nodes, at least " + MIN_NODES
                        + " are needed");
            }
            if (w.links() < minLinks(w.nodes())) {
                throw new IllegalArgumentException(w.week() + ": " + w.links() + " links, at least "
                        + minLinks(w.nodes()) + " are needed (" + MIN_LINKS + ", and one per protocol node plus the "
                        + AnchorRole.designatedHoldings() + " designated crisis holdings)");
            }
            if ((long) w.links() > (long) w.protocols() * Math.min(MAX_LINKS_PER_PROTOCOL, w.nodes() / 4)) {
                throw new IllegalArgumentException(w.week() + ": " + w.links() + " links is too dense for "
                        + w.nodes() + " nodes (at most " + (long) w.protocols() * Math.min(MAX_LINKS_PER_PROTOCOL,
                        w.nodes() / 4) + ")");
            }
        }
    }

    /**
     * The fewest links a week of {@code nodes} nodes can have: every protocol node holds at least one
     * token, and the crisis cast holds its designated positions.
     */
    public static int minLinks(int nodes) {
        return Math.max(MIN_LINKS, nodes - TokenBucket.COUNT + AnchorRole.designatedHoldings());
    }

    public static WeeklySizes of(List<WeekSize> weeks) {
        return new WeeklySizes(weeks);
    }

    /**
     * {@code count} consecutive weeks, 7 days apart from {@code firstWeek} (a Monday, as in the dataset),
     * all with the same size.
     */
    public static WeeklySizes fixed(LocalDate firstWeek, int count, int nodes, int links) {
        if (firstWeek.getDayOfWeek() != DayOfWeek.MONDAY) {
            throw new IllegalArgumentException("weeks start on Mondays; " + firstWeek + " is a "
                    + firstWeek.getDayOfWeek().toString().toLowerCase(Locale.ROOT));
        }
        if (count < 1) {
            throw new IllegalArgumentException("at least one week is needed, got " + count);
        }
        List<WeekSize> weeks = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            weeks.add(new WeekSize(firstWeek.plusWeeks(i), nodes, links));
        }
        return new WeeklySizes(weeks);
    }

    /**
     * Reads the CSV and scales its counts: nodes = max(MIN_NODES, round(num_nodes * scale)), links =
     * max(minLinks(nodes), round(num_links * scale)).
     */
    public static WeeklySizes fromCsv(Path csv, double scale) throws IOException {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be a positive number, got " + scale);
        }
        List<WeekSize> weeks = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            if (header == null) {
                throw new IOException(csv + ": empty file, expected a header date,num_nodes,num_links,...");
            }
            List<String> columns = Arrays.asList(header.strip().split(","));
            int dateColumn = columns.indexOf("date");
            int nodesColumn = columns.indexOf("num_nodes");
            int linksColumn = columns.indexOf("num_links");
            if (dateColumn < 0 || nodesColumn < 0 || linksColumn < 0) {
                throw new IOException(csv + ": header must name the columns date, num_nodes and num_links; got '"
                        + header.strip() + "'");
            }
            String line;
            int lineNumber = 1;
            while ((line = in.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.strip().split(",", -1);
                try {
                    LocalDate week = LocalDate.parse(cells[dateColumn].strip());
                    long nodes = Long.parseLong(cells[nodesColumn].strip());
                    long links = Long.parseLong(cells[linksColumn].strip());
                    int scaledNodes = (int) Math.max(MIN_NODES, Math.round(nodes * scale));
                    int scaledLinks = (int) Math.max(minLinks(scaledNodes), Math.round(links * scale));
                    weeks.add(new WeekSize(week, scaledNodes, scaledLinks));
                } catch (ArrayIndexOutOfBoundsException | NumberFormatException | DateTimeParseException e) {
                    throw new IOException(csv + ":" + lineNumber + ": cannot read '" + line.strip() + "': " + e.getMessage(), e);
                }
            }
        }
        if (weeks.isEmpty()) {
            throw new IOException(csv + ": no rows");
        }
        try {
            return new WeeklySizes(weeks);
        } catch (IllegalArgumentException e) {
            throw new IOException(csv + ": " + e.getMessage(), e);
        }
    }

    /** The weeks in [from, to]; either bound may be null (open). */
    public WeeklySizes between(LocalDate from, LocalDate to) {
        List<WeekSize> kept = new ArrayList<>();
        for (WeekSize w : weeks) {
            if ((from == null || !w.week().isBefore(from)) && (to == null || !w.week().isAfter(to))) {
                kept.add(w);
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no week between " + (from == null ? "the start" : from) + " and "
                    + (to == null ? "the end" : to) + " (the sizes cover " + weeks.get(0).week() + " .. "
                    + weeks.get(weeks.size() - 1).week() + ")");
        }
        return new WeeklySizes(kept);
    }

    /** The first {@code count} weeks (all when there are fewer). */
    public WeeklySizes firstWeeks(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("at least one week is needed, got " + count);
        }
        return new WeeklySizes(weeks.subList(0, Math.min(count, weeks.size())));
    }

    public List<WeekSize> weeks() {
        return weeks;
    }

    public int size() {
        return weeks.size();
    }

    public int indexOf(LocalDate week) {
        for (int i = 0; i < weeks.size(); i++) {
            if (weeks.get(i).week().equals(week)) {
                return i;
            }
        }
        return -1;
    }
}
