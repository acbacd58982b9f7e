package io.dexposure.replayer.snapshot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.dexposure.events.UnresolvedNode;
import io.dexposure.events.WeekDates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Streams the weeks of a DeXposure snapshot file,
 * {@code {"data": {"YYYY-MM-DD": {"nodes": [...], "links": [...]}, ...}}}, one week at a time: memory is
 * bounded by the largest week, not by the file (the full dataset is 1.1 GB). A name ending in {@code .gz}
 * is read through gzip.
 *
 * <p>Each week is read completely and validated before {@link #hasNext()} reports it, so a caller that
 * publishes week by week never publishes part of a malformed week; weeks already returned stay valid.
 * Malformed input throws {@link SnapshotFormatException} naming the file, week, field and parser
 * position; after that the reader stays failed and rethrows the same exception.
 *
 * <p><b>Non-positive links.</b> A link with {@code size <= 0} is counted in
 * {@link WeekSnapshot#nonPositiveLinks()}. Under {@link NonPositiveLinkPolicy#DROP} (the default, as the
 * authors' loaders do) it is left out and counted in {@link WeekSnapshot#droppedLinks()}. Under
 * {@link NonPositiveLinkPolicy#FLIP} a negative one is read as the reverse link with the magnitude: a
 * negative net exposure of A to B is an exposure of B to A. So {@code {source: A, target: B, size: -5}}
 * becomes B &rarr; A for 5 with {@link SnapshotLink#flipped()} set and is counted in
 * {@link WeekSnapshot#flippedLinks()}; its composition values are negated with it so they still add up
 * to the link's size; a link of size 0 is kept.
 *
 * <p><b>Null ids.</b> A node whose id is JSON null or the string "None", and a link endpoint that is
 * null or "None", become the one {@link UnresolvedNode} (id "None"): several such nodes in a week are
 * merged into one (sizes and compositions added), and when a week has links to a null endpoint but no
 * such node, the node is added at the end of the week's nodes with the sum of the links into it as size
 * (as a token node's size is what its holders hold). Counted in {@link WeekSnapshot#nullIdNodes()} and
 * {@link WeekSnapshot#nullIdLinks()}; never a whole-file failure. A link from the unresolved node to
 * itself says nothing about exposure and is dropped.
 *
 * <p><b>Mondays.</b> Week keys must be Mondays (the job's weekly windows are Monday-aligned, and every
 * real snapshot date is a Monday); any other date is an error naming the weekday.
 *
 * <p>Accepted quirks: ids written as JSON numbers (read as their text, {@code 1599} &rarr; "1599");
 * {@code composition} missing or null (empty map); unknown fields anywhere (skipped, e.g. networkx's
 * {@code directed}/{@code multigraph}/{@code graph}); {@code nodes} and {@code links} in either order;
 * dropped, merged and attached counts are logged once per week. A node with a negative {@code size} is
 * an error unless {@link NegativeTvlPolicy#CLAMP_TO_ZERO} is chosen. NaN and infinite numbers (which
 * Python's json writes) are parsed, then rejected with a field-level message.
 *
 * <p>Returned weeks are unmodifiable: lists in file order, compositions as unmodifiable token -&gt; USD
 * maps in file order (small ones as a {@link CompactComposition}); when a week lists its nodes before its
 * links (networkx's order), each node id is one String shared by the node and the links that name it.
 *
 * <p>Weeks outside {@link Options#from()}..{@link Options#to()} are skipped without building objects.
 * Weeks must be strictly ascending, which is also what lets the reader stop at the first week after
 * {@code to} instead of scanning the rest of the file; a range that matches no week is an error,
 * reported at the end of the file with the file's first and last week.
 *
 * <p>Not thread-safe, except {@link #bytesRead()}, which a progress reporter may poll from another
 * thread.
 */
public final class SnapshotReader implements Iterator<WeekSnapshot>, Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotReader.class);

    /** Shared: the factory's symbol table lets token names ("USDT", ...) be one String instance each. */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private static final String TOP_LEVEL = "(top level)";
    private static final String DATA = "data";
    private static final int GZIP_BUFFER_BYTES = 1 << 16;

    /**
     * Which weeks to read and how strict to be.
     *
     * @param from        first week to read, inclusive; null = from the start
     * @param to          last week to read, inclusive; null = to the end
     * @param negativeTvl what to do with a node of negative size
     * @param nonPositiveLinks what to do with a link of size &lt;= 0
     */
    public record Options(LocalDate from, LocalDate to, NegativeTvlPolicy negativeTvl,
                          NonPositiveLinkPolicy nonPositiveLinks) {
        public Options {
            Objects.requireNonNull(negativeTvl, "negativeTvl");
            Objects.requireNonNull(nonPositiveLinks, "nonPositiveLinks");
            if (from != null && to != null && from.isAfter(to)) {
                throw new IllegalArgumentException("from " + from + " is after to " + to);
            }
        }

        /** Non-positive links dropped (the default). */
        public Options(LocalDate from, LocalDate to, NegativeTvlPolicy negativeTvl) {
            this(from, to, negativeTvl, NonPositiveLinkPolicy.DROP);
        }

        /** Every week, negative TVL rejected, non-positive links dropped. */
        public static Options all() {
            return new Options(null, null, NegativeTvlPolicy.REJECT);
        }

        boolean includes(LocalDate week) {
            return (from == null || !week.isBefore(from)) && (to == null || !week.isAfter(to));
        }

        boolean filters() {
            return from != null || to != null;
        }

        String describeRange() {
            if (from == null) {
                return "on or before " + to;
            }
            if (to == null) {
                return "on or after " + from;
            }
            return "from " + from + " to " + to + " (inclusive)";
        }
    }

    private enum State { BEFORE_DATA, IN_DATA, DONE, FAILED, CLOSED }

    private final Path file;
    private final Options options;
    private final CountingInputStream fileBytes;
    private final JsonParser parser;
    private final Consumer<String> warningListener;

    private State state = State.BEFORE_DATA;
    private WeekSnapshot ready;
    private RuntimeException failure;

    /** Key of the week being read or skipped, for error messages; null between weeks. */
    private String weekKey;
    private LocalDate previousWeek;
    private String previousWeekKey;
    private String firstWeekKey;
    private int weeksMatched;

    // Sizes of the last week read: the next one is usually close, so collections start at that size.
    private int expectedNodes = 64;
    private int expectedLinks = 64;

    /** The current week's node ids; one instance reused, as its table is as large as the largest week's. */
    private final NodeIdIndex nodeIndex = new NodeIdIndex(1024);
    /** Set by {@link #readEndpoint}: whether the id it returned is one of the nodes read so far. */
    private boolean endpointKnown;

    // Scratch space for one composition object, so the final map is built at its exact size.
    private String[] compositionTokens = new String[32];
    private double[] compositionUsd = new double[32];

    private SnapshotReader(Path file, Options options, CountingInputStream fileBytes, JsonParser parser,
                           Consumer<String> warningListener) {
        this.file = file;
        this.options = options;
        this.fileBytes = fileBytes;
        this.parser = parser;
        this.warningListener = warningListener;
    }

    public static SnapshotReader open(Path file, Options options) throws IOException {
        return open(file, options, warning -> { });
    }

    /** As {@link #open(Path, Options)}; every WARN also goes to {@code warningListener} (tests use it). */
    static SnapshotReader open(Path file, Options options, Consumer<String> warningListener) throws IOException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(warningListener, "warningListener");
        InputStream raw = Files.newInputStream(file);
        try {
            CountingInputStream counted = new CountingInputStream(raw);
            InputStream json = counted;
            if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
                try {
                    json = new GZIPInputStream(counted, GZIP_BUFFER_BYTES);
                } catch (ZipException | EOFException e) {
                    throw new SnapshotFormatException(file, null, TOP_LEVEL,
                            "not a gzip file (" + e.getMessage() + ")", -1, -1, e);
                }
            }
            return new SnapshotReader(file, options, counted, JSON.createParser(json), warningListener);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    /** Bytes read from the file so far (compressed bytes for .gz), comparable with its size on disk. */
    public long bytesRead() {
        return fileBytes.count();
    }

    /**
     * Reads (and validates) the next week in range, if any.
     *
     * @throws SnapshotFormatException when the input is malformed
     * @throws UncheckedIOException    when the file cannot be read
     */
    @Override
    public boolean hasNext() {
        if (ready != null) {
            return true;
        }
        switch (state) {
            case DONE:
                return false;
            case FAILED:
                throw failure;
            case CLOSED:
                throw new IllegalStateException("reader of " + file + " is closed");
            default:
                break;
        }
        try {
            ready = readNextWeek();
            return ready != null;
        } catch (SnapshotFormatException e) {
            throw fail(e);
        } catch (JsonProcessingException e) {
            throw fail(formatError(e, endsTheInput(e)
                    ? "the file ends in the middle of the JSON (truncated?): " + e.getOriginalMessage()
                    : "invalid JSON: " + e.getOriginalMessage()));
        } catch (EOFException | ZipException e) {
            // Only GZIPInputStream throws these here; Jackson reports its own errors as JsonProcessingException.
            throw fail(formatError(null, "truncated or corrupt gzip data: " + e.getMessage()));
        } catch (IOException e) {
            throw fail(new UncheckedIOException("cannot read " + file, e));
        }
    }

    @Override
    public WeekSnapshot next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more weeks in " + file);
        }
        WeekSnapshot week = ready;
        ready = null;
        return week;
    }

    @Override
    public void close() {
        if (state != State.FAILED && state != State.DONE) {
            state = State.CLOSED;
        }
        ready = null;
        try {
            parser.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close " + file, e);
        }
    }

    /** Jackson reports a premature end as JsonEOFException in some states, a plain parse error in others. */
    private static boolean endsTheInput(JsonProcessingException e) {
        return e instanceof JsonEOFException || String.valueOf(e.getOriginalMessage()).contains("end-of-input");
    }

    private RuntimeException fail(RuntimeException e) {
        failure = e;
        state = State.FAILED;
        try {
            parser.close();
        } catch (IOException closeFailure) {
            e.addSuppressed(closeFailure);
        }
        return e;
    }

    /** Returns the next week in range, or null (and state DONE) when there is none. */
    private WeekSnapshot readNextWeek() throws IOException {
        if (state == State.BEFORE_DATA) {
            enterData();
        }
        while (true) {
            if (parser.nextToken() == JsonToken.END_OBJECT) {
                finishFile();
                return null;
            }
            String key = parser.currentName();
            weekKey = key;
            LocalDate week = WeekDates.parseOrNull(key);
            if (week == null) {
                throw error(DATA, "week key is not an ISO date (YYYY-MM-DD): " + quote(key));
            }
            if (week.getDayOfWeek() != DayOfWeek.MONDAY) {
                throw error(DATA, "week " + key + " is a " + week.getDayOfWeek().getDisplayName(
                        java.time.format.TextStyle.FULL, Locale.ENGLISH) + "; weeks must be Mondays (the job's windows"
                        + " are Monday-aligned), e.g. " + week.with(java.time.temporal.TemporalAdjusters.previous(
                        DayOfWeek.MONDAY)));
            }
            checkAscending(key, week);
            JsonToken value = parser.nextToken();
            if (value != JsonToken.START_OBJECT) {
                throw error(DATA, "expected an object with nodes and links, got " + describe(value));
            }
            if (options.to() != null && week.isAfter(options.to()) && weeksMatched > 0) {
                // Weeks ascend, so nothing later can match; the rest of the file is not read.
                weekKey = null;
                state = State.DONE;
                parser.close();
                return null;
            }
            if (options.includes(week)) {
                weeksMatched++;
                WeekSnapshot snapshot = readWeek(week);
                weekKey = null;
                return snapshot;
            }
            parser.skipChildren();
            weekKey = null;
        }
    }

    /** Positions the parser just inside the top-level "data" object, skipping any other field before it. */
    private void enterData() throws IOException {
        JsonToken first = parser.nextToken();
        if (first != JsonToken.START_OBJECT) {
            throw error(TOP_LEVEL, "expected a JSON object with a \"data\" field, got " + describe(first));
        }
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            JsonToken value = parser.nextToken();
            if (DATA.equals(name)) {
                if (value != JsonToken.START_OBJECT) {
                    throw error(DATA, "expected an object of week -> snapshot, got " + describe(value));
                }
                state = State.IN_DATA;
                return;
            }
            parser.skipChildren();
        }
        throw error(DATA, "no top-level \"data\" object");
    }

    /** After "data" closed: the rest of the file must be well-formed, and a from/to range must have matched. */
    private void finishFile() throws IOException {
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            parser.nextToken();
            if (DATA.equals(name)) {
                throw error(DATA, "a second top-level \"data\" object");
            }
            parser.skipChildren();
        }
        JsonToken after = parser.nextToken();
        if (after != null) {
            throw error(TOP_LEVEL, "unexpected content after the top-level object: " + describe(after));
        }
        if (options.filters() && weeksMatched == 0) {
            String weeks = firstWeekKey == null ? "the file has no weeks"
                    : "the file's weeks run from " + firstWeekKey + " to " + previousWeekKey;
            throw error(DATA, "no week " + options.describeRange() + "; " + weeks);
        }
        state = State.DONE;
        parser.close();
    }

    private void checkAscending(String key, LocalDate week) {
        if (previousWeek == null) {
            firstWeekKey = key;
        } else if (week.equals(previousWeek)) {
            throw error(DATA, "duplicate week " + key + " (the previous entry is also " + previousWeekKey
                    + "); weeks must be strictly ascending");
        } else if (week.isBefore(previousWeek)) {
            throw error(DATA, "week " + key + " comes after week " + previousWeekKey
                    + "; weeks must be strictly ascending");
        }
        previousWeek = week;
        previousWeekKey = key;
    }

    // ---------------------------------------------------------------------------------------------
    // One week

    /** A link endpoint read before the week's nodes: checked once the whole week is read. */
    private record PendingEndpoint(String id, int linkIndex, String field, int line, int column) {
    }

    /** What one week accumulates while it is parsed; it becomes a {@link WeekSnapshot} only when valid. */
    private final class WeekInProgress {
        final List<SnapshotNode> nodes = new ArrayList<>(expectedNodes);
        final List<SnapshotLink> links = new ArrayList<>(expectedLinks);
        final List<PendingEndpoint> pending = new ArrayList<>();
        boolean nodesRead;
        boolean linksRead;
        int droppedLinks;
        int flippedLinks;
        int clampedNodes;
        int nullIdNodes;
        int nullIdLinks;
        int nonPositiveLinks;
        /** Position of the unresolved node in {@link #nodes}, or -1. */
        int unresolvedNode = -1;
        /** Sum of the kept links into the unresolved node, its size if the file has no such node. */
        double intoUnresolvedUsd;
        /** Whether a kept link names the unresolved node (so the week needs that node). */
        boolean keptUnresolvedLink;
    }

    private WeekSnapshot readWeek(LocalDate week) throws IOException {
        WeekInProgress w = new WeekInProgress();
        nodeIndex.clear(expectedNodes);
        for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
            JsonToken value = parser.nextToken();
            switch (name) {
                case "nodes" -> {
                    if (w.nodesRead) {
                        throw error("nodes", "a second \"nodes\" array in the week");
                    }
                    readNodes(w, value);
                    w.nodesRead = true;
                }
                case "links" -> {
                    if (w.linksRead) {
                        throw error("links", "a second \"links\" array in the week");
                    }
                    readLinks(w, value);
                    w.linksRead = true;
                }
                default -> parser.skipChildren();
            }
        }
        if (!w.nodesRead) {
            throw error("nodes", "missing (every week needs a \"nodes\" array)");
        }
        if (!w.linksRead) {
            throw error("links", "missing (every week needs a \"links\" array)");
        }
        for (PendingEndpoint endpoint : w.pending) {
            if (nodeIndex.positionOf(endpoint.id()) < 0) {
                throw unknownNode(endpoint);
            }
        }
        if (w.keptUnresolvedLink && w.unresolvedNode < 0) {
            // Links name a null issuer the file lists no node for: the node they attach to, sized like a token node.
            w.nodes.add(new SnapshotNode(UnresolvedNode.ID, w.intoUnresolvedUsd + 0.0, Map.of()));
        }
        if (w.droppedLinks > 0 || w.nullIdNodes > 0 || w.nullIdLinks > 0) {
            warn(file + ", week " + weekKey + ": dropped " + w.droppedLinks + " link(s) ("
                    + w.nonPositiveLinks + " with size <= 0 in the file); " + w.nullIdNodes + " node(s) and "
                    + w.nullIdLinks + " link endpoint(s) with a null id read as the node \"" + UnresolvedNode.ID + "\"");
        }
        if (w.clampedNodes > 0) {
            warn(file + ", week " + weekKey + ": clamped " + w.clampedNodes
                    + " node(s) with a negative size (TVL) to 0");
        }
        expectedNodes = Math.max(16, w.nodes.size());
        expectedLinks = Math.max(16, w.links.size());
        return new WeekSnapshot(week, Collections.unmodifiableList(w.nodes), Collections.unmodifiableList(w.links),
                w.droppedLinks, w.flippedLinks, w.nullIdNodes, w.nullIdLinks, w.nonPositiveLinks);
    }

    private void readNodes(WeekInProgress w, JsonToken start) throws IOException {
        if (start != JsonToken.START_ARRAY) {
            throw valueError("expected an array of nodes, got " + describe(start));
        }
        int index = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken(), index++) {
            if (token != JsonToken.START_OBJECT) {
                throw valueError("expected a node object, got " + describe(token));
            }
            String id = null;
            boolean hasId = false;
            double size = 0;
            boolean hasSize = false;
            Map<String, Double> composition = Map.of();
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "id" -> {
                        if (hasId) {
                            throw valueError("a second id in the same node");
                        }
                        id = readId(value);
                        if (UnresolvedNode.isUnresolved(id)) {
                            id = UnresolvedNode.ID;
                            hasId = true;
                            continue;
                        }
                        hasId = true;
                        int earlier = nodeIndex.putIfAbsent(id, w.nodes.size());
                        if (earlier >= 0) {
                            throw valueError("duplicate node id " + quote(id) + " (also nodes[" + earlier + "])");
                        }
                    }
                    case "size" -> {
                        size = readNumber(value);
                        hasSize = true;
                        if (size < 0) {
                            if (options.negativeTvl() == NegativeTvlPolicy.REJECT) {
                                throw valueError("negative size (TVL) " + parser.getText()
                                        + " (allowed only with negative TVL policy CLAMP_TO_ZERO)");
                            }
                            size = 0;
                            w.clampedNodes++;
                        }
                    }
                    case "composition" -> composition = readComposition(value);
                    default -> parser.skipChildren();
                }
            }
            if (!hasId) {
                throw error("nodes[" + index + "].id", "missing");
            }
            if (!hasSize) {
                throw error("nodes[" + index + "].size", "missing");
            }
            if (UnresolvedNode.ID.equals(id)) {
                w.nullIdNodes++;
                if (w.unresolvedNode >= 0) {
                    SnapshotNode earlier = w.nodes.get(w.unresolvedNode);
                    w.nodes.set(w.unresolvedNode, new SnapshotNode(UnresolvedNode.ID, earlier.tvlUsd() + size,
                            summed(earlier.composition(), composition)));
                    continue;
                }
                w.unresolvedNode = w.nodes.size();
                nodeIndex.putIfAbsent(UnresolvedNode.ID, w.unresolvedNode);
            }
            w.nodes.add(new SnapshotNode(id, size + 0.0, composition));
        }
    }

    private void readLinks(WeekInProgress w, JsonToken start) throws IOException {
        if (start != JsonToken.START_ARRAY) {
            throw valueError("expected an array of links, got " + describe(start));
        }
        int index = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken(), index++) {
            if (token != JsonToken.START_OBJECT) {
                throw valueError("expected a link object, got " + describe(token));
            }
            String source = null;
            String target = null;
            boolean hasSource = false;
            boolean hasTarget = false;
            PendingEndpoint pendingSource = null;
            PendingEndpoint pendingTarget = null;
            double size = 0;
            boolean hasSize = false;
            Map<String, Double> composition = Map.of();
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                JsonToken value = parser.nextToken();
                switch (name) {
                    case "source" -> {
                        hasSource = true;
                        source = readEndpoint(w, value);
                        pendingSource = source == null || endpointKnown ? null : unresolved(source, index, "source");
                    }
                    case "target" -> {
                        hasTarget = true;
                        target = readEndpoint(w, value);
                        pendingTarget = target == null || endpointKnown ? null : unresolved(target, index, "target");
                    }
                    case "size" -> {
                        size = readNumber(value);
                        hasSize = true;
                    }
                    case "composition" -> composition = readComposition(value);
                    default -> parser.skipChildren();
                }
            }
            if (!hasSource) {
                throw error("links[" + index + "].source", "missing");
            }
            if (!hasTarget) {
                throw error("links[" + index + "].target", "missing");
            }
            if (!hasSize) {
                throw error("links[" + index + "].size", "missing");
            }
            boolean nullEndpoint = source == null || target == null;
            if (nullEndpoint) {
                w.nullIdLinks++;
                source = source == null ? UnresolvedNode.ID : source;
                target = target == null ? UnresolvedNode.ID : target;
            }
            if (size <= 0) {
                w.nonPositiveLinks++;
            }
            if ((size <= 0 && options.nonPositiveLinks() == NonPositiveLinkPolicy.DROP)
                    || (source == UnresolvedNode.ID && target == UnresolvedNode.ID)) {
                w.droppedLinks++;
                continue;
            }
            checkLater(w, pendingSource);
            checkLater(w, pendingTarget);
            boolean flipped = size < 0;
            if (flipped) {
                String formerSource = source;
                source = target;
                target = formerSource;
                size = -size;
                composition = negated(composition);
                w.flippedLinks++;
            }
            if (target == UnresolvedNode.ID) {
                w.intoUnresolvedUsd += size;
            }
            w.keptUnresolvedLink |= nullEndpoint;
            w.links.add(new SnapshotLink(source, target, size + 0.0, composition, flipped));
        }
    }

    /** An endpoint not among the nodes read so far, with its position, in case the link is kept. */
    private PendingEndpoint unresolved(String id, int linkIndex, String field) {
        JsonLocation at = parser.currentTokenLocation();
        return new PendingEndpoint(id, linkIndex, field, at.getLineNr(), at.getColumnNr());
    }

    /**
     * Unknown endpoints of a kept link: an error at once when the week's nodes are all read, otherwise
     * checked at the end of the week (links may come before nodes). Dropped links are not checked.
     */
    private void checkLater(WeekInProgress w, PendingEndpoint endpoint) {
        if (endpoint == null) {
            return;
        }
        if (w.nodesRead) {
            throw unknownNode(endpoint);
        }
        w.pending.add(endpoint);
    }

    private SnapshotFormatException unknownNode(PendingEndpoint endpoint) {
        return new SnapshotFormatException(file, weekKey, "links[" + endpoint.linkIndex() + "]." + endpoint.field(),
                "no node " + quote(endpoint.id()) + " in this week", endpoint.line(), endpoint.column(), null);
    }

    // ---------------------------------------------------------------------------------------------
    // Values

    /**
     * A link endpoint: the node's own id String when the node is already read (so a week holds one
     * String per id, and most endpoints cost no allocation), else the id as read; null for JSON null.
     */
    private String readEndpoint(WeekInProgress w, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT) {
            int position = nodeIndex.positionOf(parser.getTextCharacters(), parser.getTextOffset(),
                    parser.getTextLength());
            endpointKnown = position >= 0;
            if (endpointKnown) {
                String id = w.nodes.get(position).id();
                // The unresolved node is named "None" in the file as well as null: both count as a null endpoint.
                return id.equals(UnresolvedNode.ID) ? null : id;
            }
            String id = parser.getText();
            if (UnresolvedNode.ID.equals(id)) {
                endpointKnown = true;
                return null;
            }
            return id;
        }
        String id = readId(value);
        // A null endpoint needs no node in the file: the reader supplies the unresolved node.
        endpointKnown = id == null;
        return id;
    }

    /** A string or integer id as text; null for JSON null. */
    private String readId(JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT) {
            return parser.getText();
        }
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        throw valueError("expected a string or integer id, got " + describe(value));
    }

    private double readNumber(JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_FLOAT || value == JsonToken.VALUE_NUMBER_INT) {
            double number = parser.getDoubleValue();
            if (!Double.isFinite(number)) {
                throw valueError("expected a finite number, got " + parser.getText());
            }
            return number;
        }
        throw valueError("expected a number, got " + describe(value));
    }

    /** A token -> USD object in file order; missing or null is empty. The result is unmodifiable. */
    private Map<String, Double> readComposition(JsonToken start) throws IOException {
        if (start == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        if (start != JsonToken.START_OBJECT) {
            throw valueError("expected an object of token -> USD, got " + describe(start));
        }
        int count = 0;
        for (String token = parser.nextFieldName(); token != null; token = parser.nextFieldName()) {
            double usd = readNumber(parser.nextToken());
            if (count == compositionTokens.length) {
                compositionTokens = Arrays.copyOf(compositionTokens, count * 2);
                compositionUsd = Arrays.copyOf(compositionUsd, count * 2);
            }
            compositionTokens[count] = token;
            compositionUsd[count] = usd;
            count++;
        }
        if (count == 0) {
            return Map.of();
        }
        if (count <= CompactComposition.MAX_SIZE) {
            return compactComposition(count);
        }
        Map<String, Double> composition = new LinkedHashMap<>(capacityFor(count));
        for (int i = 0; i < count; i++) {
            if (composition.put(compositionTokens[i], compositionUsd[i]) != null) {
                throw duplicateToken(compositionTokens[i]);
            }
        }
        return Collections.unmodifiableMap(composition);
    }

    private Map<String, Double> compactComposition(int count) {
        String[] tokens = Arrays.copyOf(compositionTokens, count);
        for (int i = 1; i < count; i++) {
            for (int j = 0; j < i; j++) {
                if (tokens[i].equals(tokens[j])) {
                    throw duplicateToken(tokens[i]);
                }
            }
        }
        return new CompactComposition(tokens, Arrays.copyOf(compositionUsd, count));
    }

    private SnapshotFormatException duplicateToken(String token) {
        return error(fieldPath(parser.getParsingContext()) + "." + token,
                "token " + quote(token) + " appears twice in the composition");
    }

    /** Two compositions added token by token (merging the unresolved nodes of a week), first's order first. */
    private static Map<String, Double> summed(Map<String, Double> first, Map<String, Double> second) {
        if (second.isEmpty()) {
            return first;
        }
        Map<String, Double> result = new LinkedHashMap<>(capacityFor(first.size() + second.size()));
        result.putAll(first);
        second.forEach((token, usd) -> result.merge(token, usd, Double::sum));
        return Collections.unmodifiableMap(result);
    }

    private static Map<String, Double> negated(Map<String, Double> composition) {
        if (composition.isEmpty()) {
            return composition;
        }
        String[] tokens = new String[composition.size()];
        double[] usd = new double[tokens.length];
        int i = 0;
        for (Map.Entry<String, Double> entry : composition.entrySet()) {
            tokens[i] = entry.getKey();
            usd[i++] = -entry.getValue() + 0.0;
        }
        if (tokens.length <= CompactComposition.MAX_SIZE) {
            return new CompactComposition(tokens, usd);
        }
        Map<String, Double> result = new LinkedHashMap<>(capacityFor(tokens.length));
        for (int j = 0; j < tokens.length; j++) {
            result.put(tokens[j], usd[j]);
        }
        return Collections.unmodifiableMap(result);
    }

    private static int capacityFor(int entries) {
        return (int) (entries / 0.75f) + 1;
    }

    private void warn(String message) {
        LOG.warn("{}", message);
        warningListener.accept(message);
    }

    // ---------------------------------------------------------------------------------------------
    // Errors

    /** An error about the current token, whose field path the parser's context gives. */
    private SnapshotFormatException valueError(String problem) {
        return error(fieldPath(parser.getParsingContext()), problem);
    }

    private SnapshotFormatException error(String field, String problem) {
        JsonLocation at = parser.currentTokenLocation();
        return new SnapshotFormatException(file, weekKey, field, problem, at.getLineNr(), at.getColumnNr(), null);
    }

    private SnapshotFormatException formatError(JsonProcessingException cause, String problem) {
        JsonLocation at = cause != null && cause.getLocation() != null ? cause.getLocation() : parser.currentLocation();
        return new SnapshotFormatException(file, weekKey, fieldPath(parser.getParsingContext()), problem,
                at.getLineNr(), at.getColumnNr(), cause);
    }

    /**
     * The path of the parser's position relative to the week, e.g. {@code links[17].size}; {@code data}
     * for the week entry itself, {@code (top level)} outside "data".
     */
    private static String fieldPath(JsonStreamContext context) {
        Deque<Object> segments = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                segments.addFirst(c.getCurrentName());
            } else if (c.inArray() && c.hasCurrentIndex()) {
                segments.addFirst(c.getCurrentIndex());
            }
        }
        if (segments.isEmpty()) {
            return TOP_LEVEL;
        }
        if (DATA.equals(segments.peekFirst())) {
            segments.removeFirst();
            if (segments.size() <= 1) {
                return DATA;
            }
            segments.removeFirst(); // the week key, reported as the week
        }
        StringBuilder path = new StringBuilder();
        for (Object segment : segments) {
            if (segment instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(segment);
            }
        }
        return path.toString();
    }

    private String describe(JsonToken token) {
        if (token == null) {
            return "the end of the file";
        }
        try {
            return switch (token) {
                case VALUE_STRING -> quote(parser.getText());
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> parser.getText();
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                default -> token.toString();
            };
        } catch (IOException e) {
            return token.toString();
        }
    }

    private static String quote(String text) {
        return '"' + (text.length() > 60 ? text.substring(0, 60) + "..." : text) + '"';
    }

    /** Counts the bytes taken from the file, before any gzip inflation. */
    private static final class CountingInputStream extends FilterInputStream {
        private volatile long count;

        CountingInputStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count = count + 1;
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count = count + n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(n);
            count = count + skipped;
            return skipped;
        }
    }
}
