package io.dexposure.replayer.pull;

import com.fasterxml.jackson.databind.JsonNode;
import io.dexposure.snapshot.ProtocolDirectory;
import io.dexposure.snapshot.ProtocolInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * A fresh pull from DefiLlama, built week by week into exposure networks.
 *
 * <ol>
 *   <li>{@link #fetch()}: the protocol list and every listed protocol's TVL history, on a few threads, paced by the
 *       DefiLlama client's rate limit. Everything lands in the response cache, so a pull that fails or is stopped
 *       here resumes where it was: the responses it has are not asked for again.</li>
 *   <li>{@link #buildWeek}: for one week, each history is read at the week's timestamp (UTC midnight of its Monday),
 *       the holdings become the network ({@link ExposureNetworkBuilder}), and the tokens held most are checked
 *       against their supply ({@link HoldingsSupplyCheck}). One week in memory at a time: histories are re-read
 *       from disk per week.</li>
 * </ol>
 */
public final class FreshTvlPull {
    private static final Logger LOG = LoggerFactory.getLogger(FreshTvlPull.class);
    /** How long a failed fetch waits for the other requests under way before abandoning them. */
    private static final Duration IN_FLIGHT_GRACE = Duration.ofSeconds(60);

    /**
     * @param maxPointAge      how old a history's last data point before the week may be and still count for it
     * @param parallelRequests histories fetched at once (the rate limit still applies to all together)
     * @param minCurrentTvlUsd protocols listed with less TVL today are not pulled (0 = all)
     */
    public record Settings(Duration maxPointAge, int parallelRequests, double minCurrentTvlUsd) {
        public Settings {
            if (maxPointAge.isNegative() || maxPointAge.isZero()) {
                throw new IllegalArgumentException("maximum data point age must be positive: " + maxPointAge);
            }
            if (parallelRequests < 1) {
                throw new IllegalArgumentException("parallel requests must be >= 1: " + parallelRequests);
            }
        }

        public static Settings defaults() {
            return new Settings(Duration.ofHours(48), 4, 0);
        }
    }

    private final DefiLlamaClient defiLlama;
    private final HoldingsSupplyCheck supplyCheck;
    private final Path mappingDir;
    private final Settings settings;
    private final Consumer<String> progress;

    private List<ListedProtocol> protocols;
    private final Map<String, Path> histories = new LinkedHashMap<>();
    private int historiesNotFound;
    private TokenIssuerMapping mapping;
    private List<SupplyCheckedToken> supplyCandidates;

    /**
     * @param mappingDir folder with the dataset's mapping files (token_to_protocol.json, rev_map.json,
     *                   id_to_info.json; each optional), or null
     * @param progress   progress lines for a person
     */
    public FreshTvlPull(DefiLlamaClient defiLlama, HoldingsSupplyCheck supplyCheck, Path mappingDir, Settings settings,
                        Consumer<String> progress) {
        this.defiLlama = defiLlama;
        this.supplyCheck = supplyCheck;
        this.mappingDir = mappingDir;
        this.settings = settings;
        this.progress = progress;
    }

    /** Pulls the protocol list and every history (from the cache where already there). */
    public void fetch() throws IOException {
        List<ListedProtocol> listed = defiLlama.protocols();
        protocols = listed.stream()
                .filter(p -> p.slug() != null && p.currentTvlUsd() >= settings.minCurrentTvlUsd())
                .toList();
        progress.accept(String.format(Locale.US, "%s: %,d protocols listed%s; fetching their TVL histories",
                DefiLlamaClient.API, listed.size(), protocols.size() == listed.size() ? ""
                        : String.format(Locale.US, ", %,d with a current TVL of at least $%,.0f", protocols.size(),
                        settings.minCurrentTvlUsd())));
        fetchHistories();
        mapping = TokenIssuerMapping.load(mappingDir, protocols);
        supplyCandidates = SupplyCheckedToken.candidates(protocols);
        if (mapping.datasetTokens() > 0) {
            LOG.info("token -> issuer mapping: {} tokens from the dataset's mapping files, then the protocol list",
                    mapping.datasetTokens());
        }
    }

    private void fetchHistories() throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(settings.parallelRequests(), runnable -> {
            Thread t = new Thread(runnable, "pull-" + DefiLlamaClient.API.toLowerCase(Locale.ROOT));
            t.setDaemon(true);
            return t;
        });
        List<Future<Optional<Path>>> pending = new ArrayList<>(protocols.size());
        long hitsBefore = defiLlama.http().cacheHits();
        try {
            for (ListedProtocol p : protocols) {
                pending.add(pool.submit(() -> defiLlama.protocolHistory(p.slug())));
            }
            int step = Math.max(1, protocols.size() / 10);
            for (int i = 0; i < pending.size(); i++) {
                ListedProtocol p = protocols.get(i);
                Optional<Path> history = await(pending.get(i));
                if (history.isPresent()) {
                    histories.put(p.id(), history.get());
                } else {
                    historiesNotFound++;
                    LOG.warn("{}: no history (404) for protocol {} ({}); left out", DefiLlamaClient.API, p.id(),
                            p.slug());
                }
                if ((i + 1) % step == 0 || i + 1 == pending.size()) {
                    progress.accept(String.format(Locale.US, "%s: %,d of %,d histories (%,d from the cache, %,d not found)",
                            DefiLlamaClient.API, i + 1, pending.size(), defiLlama.http().cacheHits() - hitsBefore,
                            historiesNotFound));
                }
            }
        } finally {
            // On a failure, requests already under way are let finish (their responses land in the cache for the
            // rerun) and the ones not started are dropped.
            pending.forEach(f -> f.cancel(false));
            pool.shutdown();
            try {
                if (!pool.awaitTermination(IN_FLIGHT_GRACE.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    pool.shutdownNow();
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static Optional<Path> await(Future<Optional<Path>> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while fetching protocol histories");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IOException(e.getCause());
        }
    }

    public List<ListedProtocol> protocols() {
        requireFetched();
        return protocols;
    }

    /** One week's network from the fetched histories, with its supply check. */
    public PulledWeek buildWeek(LocalDate week) throws IOException {
        requireFetched();
        Instant at = week.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<ProtocolAtWeek> atWeek = new ArrayList<>(histories.size());
        int withoutData = 0;
        for (ListedProtocol p : protocols) {
            Path history = histories.get(p.id());
            if (history == null) {
                continue;
            }
            ProtocolHoldings holdings = ProtocolHistoryReader.read(history, at, settings.maxPointAge(),
                    DefiLlamaClient.describeHistory(p.slug()));
            if (holdings.hasData()) {
                atWeek.add(new ProtocolAtWeek(p, holdings));
            } else {
                withoutData++;
            }
        }
        ExposureNetwork network = new ExposureNetworkBuilder(mapping).build(week, atWeek);
        HoldingsSupplyCheck.Result supply = supplyCheck.check(week, heldOnEthereum(atWeek), supplyCandidates);
        WeekPullReport report = new WeekPullReport(week, network.stats(), protocols.size(), historiesNotFound,
                withoutData, supply);
        return new PulledWeek(network.snapshot(), report);
    }

    /** Weeks built one at a time as the iterator is advanced (so only one is in memory). */
    public Iterator<PulledWeek> buildWeeks(List<LocalDate> weeks) {
        Iterator<LocalDate> dates = weeks.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return dates.hasNext();
            }

            @Override
            public PulledWeek next() {
                try {
                    return buildWeek(dates.next());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        };
    }

    /** Symbol -> USD held on Ethereum by protocols whose breakdown is trusted. */
    static Map<String, Double> heldOnEthereum(List<ProtocolAtWeek> protocols) {
        Map<String, Double> held = new HashMap<>();
        for (ProtocolAtWeek p : protocols) {
            if (p.misrepresentedTokens()) {
                continue;
            }
            p.holdings().tokensUsdByChain().forEach((chain, tokens) -> {
                if (chain.equalsIgnoreCase("Ethereum")) {
                    tokens.forEach((symbol, usd) -> {
                        if (usd > 0) {
                            held.merge(symbol, usd, Double::sum);
                        }
                    });
                }
            });
        }
        return held;
    }

    /**
     * Names and categories for node records: the dataset's id_to_info.json where it knows the id (its broad sector
     * categories keep pulled weeks comparable with the history), else DefiLlama's list.
     */
    public ProtocolDirectory directory() throws IOException {
        requireFetched();
        Map<String, ProtocolInfo> byId = new HashMap<>();
        for (ListedProtocol p : protocols) {
            byId.put(p.id(), new ProtocolInfo(p.name(), p.category()));
        }
        Path idToInfo = mappingDir == null ? null : mappingDir.resolve(TokenIssuerMapping.ID_TO_INFO_FILE);
        if (idToInfo != null && Files.isRegularFile(idToInfo)) {
            JsonNode root = PullJson.MAPPER.readTree(idToInfo.toFile());
            root.fields().forEachRemaining(e -> byId.put(e.getKey(), new ProtocolInfo(
                    e.getValue().path("name").isTextual() ? e.getValue().path("name").asText() : null,
                    e.getValue().path("category").isTextual() ? e.getValue().path("category").asText() : null)));
        }
        return ProtocolDirectory.of(byId);
    }

    private void requireFetched() {
        if (protocols == null) {
            throw new IllegalStateException("fetch() first");
        }
    }

    /** For tests: how many histories were usable. */
    int historiesFetched() {
        return histories.size();
    }
}
