package io.dexposure.replayer.cli;

import io.dexposure.replayer.publish.PublishSummary;
import io.dexposure.replayer.publish.PublishedWeeks;
import io.dexposure.replayer.publish.PublisherConfig;
import io.dexposure.replayer.publish.WeekPublisher;
import io.dexposure.replayer.pull.ApiHttpClient;
import io.dexposure.replayer.pull.ApiKeys;
import io.dexposure.replayer.pull.CoinGeckoClient;
import io.dexposure.replayer.pull.DefiLlamaClient;
import io.dexposure.replayer.pull.EthereumRpcClient;
import io.dexposure.replayer.pull.FreshTvlPull;
import io.dexposure.replayer.pull.HoldingsSupplyCheck;
import io.dexposure.replayer.pull.HttpSettings;
import io.dexposure.replayer.pull.PulledWeek;
import io.dexposure.replayer.pull.ResponseCache;
import io.dexposure.replayer.pull.Sleeper;
import io.dexposure.snapshot.SnapshotWriter;
import io.dexposure.snapshot.WeekSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code pull}: the monitor on live data after the history ends. Pulls DefiLlama (protocol list and TVL histories),
 * CoinGecko and Ethereum RPC, builds each week's exposure network the way the dataset builds it, and publishes it
 * like a replayed week (one transaction per week, origin "pull") and/or writes it in the dataset's file format.
 */
@Command(name = "pull", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Pull fresh TVL from DefiLlama (+ CoinGecko prices and Ethereum RPC supplies for the supply check),"
                + " build each week's exposure network as the dataset does, and publish it to Kafka like a replay"
                + " (origin \"pull\") and/or write it in the dataset's format.",
                "Weeks are Mondays, read at 00:00 UTC. By default pulls from the week after the topic's last committed"
                        + " week to the latest complete week; a rerun publishes nothing twice, and a pull stopped part-way"
                        + " resumes from its response cache."})
public class PullCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--since", description = "First week (a Monday, YYYY-MM-DD) (default: the week after the topic's last committed week; the latest complete week when the topic has none or with --no-publish).")
    LocalDate since;

    @Option(names = "--to", description = "Last week (a Monday) (default: the latest complete week: the last Monday at least 1 h past).")
    LocalDate to;

    @Option(names = "--out", description = "Also write the pulled weeks to this file in the dataset's format (.json or .json.gz), replaced when the pull completes.")
    Path out;

    @Option(names = "--supply-csv", description = "Write every supply-checked token's held USD, ERC-20 supply and price per week to this CSV "
            + "(week,symbol,held_usd,supply_tokens,price_usd), for the report's data-validation section (default: supply-checks.csv "
            + "beside --out; none without --out). Nothing is checked without an Infura key, and the file then has only its header.")
    Path supplyCsv;

    @Option(names = "--no-publish", description = "Do not publish to Kafka (use with --out).")
    boolean noPublish;

    @Option(names = "--mapping-dir", description = "Folder with the dataset's mapping files (token_to_protocol.json, rev_map.json, id_to_info.json; each optional): tokens the dataset knew go where it put them, and names/categories follow it (default: none, the protocol list only).")
    Path mappingDir;

    @Mixin
    KafkaPublishOptions kafka = new KafkaPublishOptions();

    @Option(names = "--defillama-url", description = "DefiLlama API base URL; {key} is replaced by the DefiLlama key, e.g. https://pro-api.llama.fi/{key}/api (default: ${DEFAULT-VALUE}).")
    String defiLlamaUrl = DefiLlamaClient.DEFAULT_URL;

    @Option(names = "--coingecko-url", description = "CoinGecko API v3 base URL (default: ${DEFAULT-VALUE}).")
    String coinGeckoUrl = CoinGeckoClient.DEFAULT_URL;

    @Option(names = "--coingecko-key-header", description = "Header carrying the CoinGecko key; x-cg-pro-api-key for pro plans (default: ${DEFAULT-VALUE}).")
    String coinGeckoKeyHeader = CoinGeckoClient.DEFAULT_KEY_HEADER;

    @Option(names = "--infura-url", description = "Ethereum JSON-RPC URL; {key} is replaced by the Infura key; without a key the supply check is skipped (default: ${DEFAULT-VALUE}).")
    String infuraUrl = EthereumRpcClient.DEFAULT_URL;

    @Option(names = "--keys-file", description = "Properties file with defillama.api-key, coingecko.api-key, infura.api-key; wins over the environment (DEFILLAMA_API_KEY, COINGECKO_API_KEY, INFURA_API_KEY). Keys are never logged.")
    Path keysFile;

    @Option(names = "--cache-dir", description = "Raw API responses, one folder per --to week, so a stopped pull resumes without asking again (default: ${DEFAULT-VALUE}).")
    Path cacheDir = Path.of(System.getProperty("user.home"), ".cache", "dexposure", "pull");

    @Option(names = "--prune-cache", description = "After a successful pull, delete the cache folders of other --to weeks.")
    boolean pruneCache;

    @Option(names = "--http-timeout-seconds", description = "Longest wait for one whole response, body included (default: ${DEFAULT-VALUE}).")
    double httpTimeoutSeconds = 60;

    @Option(names = "--connect-timeout-seconds", description = "Longest wait for a connection (default: ${DEFAULT-VALUE}).")
    double connectTimeoutSeconds = 10;

    @Option(names = "--retries", description = "Retries per request after the first attempt, on 429, 5xx, time-outs, broken or invalid responses (default: ${DEFAULT-VALUE}).")
    int retries = 4;

    @Option(names = "--retry-delay-ms", description = "Backoff before the first retry, doubled for each further one (default: ${DEFAULT-VALUE}).")
    long retryDelayMs = 1000;

    @Option(names = "--max-retry-delay-ms", description = "Cap of the backoff (default: ${DEFAULT-VALUE}).")
    long maxRetryDelayMs = 60_000;

    @Option(names = "--max-retry-after-seconds", description = "Longest Retry-After honoured; a longer one fails the pull with a message (default: ${DEFAULT-VALUE}).")
    long maxRetryAfterSeconds = 300;

    @Option(names = "--defillama-min-interval-ms", description = "Minimum time between DefiLlama requests (open API: 10-200 requests/min) (default: ${DEFAULT-VALUE}).")
    long defiLlamaMinIntervalMs = 300;

    @Option(names = "--coingecko-min-interval-ms", description = "Minimum time between CoinGecko requests (default: ${DEFAULT-VALUE}).")
    long coinGeckoMinIntervalMs = 2000;

    @Option(names = "--infura-min-interval-ms", description = "Minimum time between Ethereum RPC requests (default: ${DEFAULT-VALUE}).")
    long infuraMinIntervalMs = 0;

    @Option(names = "--parallel-requests", description = "DefiLlama histories fetched at once, within the rate limit (default: ${DEFAULT-VALUE}).")
    int parallelRequests = 4;

    @Option(names = "--max-point-age-hours", description = "A protocol counts in a week if its history has a point at most this long before the week's 00:00 UTC (default: ${DEFAULT-VALUE}).")
    long maxPointAgeHours = 48;

    @Option(names = "--min-current-tvl-usd", description = "Skip protocols listed with a current TVL below this (default: ${DEFAULT-VALUE}: all).")
    double minCurrentTvlUsd = 0;

    @Option(names = "--supply-check-tokens", description = "Tokens checked against their supply per week, the most held first; 0 = no check (default: ${DEFAULT-VALUE}).")
    int supplyCheckTokens = 20;

    @Option(names = "--supply-check-min-usd", description = "Only tokens held on Ethereum for at least this much are checked (default: ${DEFAULT-VALUE}).")
    double supplyCheckMinUsd = 1_000_000;

    @Option(names = "--supply-tolerance", description = "Flag a token when holdings exceed its supply value by more than this fraction (default: ${DEFAULT-VALUE}).")
    double supplyTolerance = 0.05;

    @Option(names = "--coingecko-batch-size", description = "Ids per CoinGecko /simple/price call (default: ${DEFAULT-VALUE}).")
    int coinGeckoBatchSize = 50;

    @Mixin
    MetricsOptions metrics = new MetricsOptions();

    private final Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws Exception {
        try (AutoCloseable endpoint = metrics.start()) {
            return pull();
        } catch (UncheckedIOException e) {
            throw e.getCause(); // a week failed to build: its own message, not the wrapper's
        }
    }

    private Integer pull() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        boolean publish = !noPublish;
        if (!publish && out == null) {
            throw new IllegalArgumentException("--no-publish without --out would pull for nothing: give --out FILE");
        }
        requireMonday("--since", since);
        requireMonday("--to", to);
        LocalDate latest = latestCompleteWeek(clock.instant());
        LocalDate last = to != null ? to : latest;
        if (last.isAfter(latest)) {
            throw new IllegalArgumentException("--to " + last + " is not complete yet; the latest complete week is "
                    + latest);
        }
        ApiKeys keys = ApiKeys.load(keysFile, System.getenv());
        Duration kafkaTimeout = kafka.timeout();
        Optional<LocalDate> committed = Optional.empty();
        if (publish) {
            kafka.ensureTopic();
            committed = PublishedWeeks.lastCommittedWeek(kafka.bootstrapServers, kafka.topic, kafkaTimeout);
        }
        LocalDate first = since != null ? since
                : committed.map(w -> w.with(TemporalAdjusters.next(DayOfWeek.MONDAY))).orElse(last);
        if (first.isAfter(last)) {
            if (since != null) {
                throw new IllegalArgumentException("--since " + since + " is after the last week to pull, " + last);
            }
            err.println("pull: nothing to pull: topic " + kafka.topic + " already holds weeks up to " + committed.get()
                    + ", and the last week to pull is " + last + (to == null ? " (the latest complete week)" : ""));
            return 0;
        }
        List<LocalDate> weeks = new ArrayList<>();
        for (LocalDate w = first; !w.isAfter(last); w = w.plusWeeks(1)) {
            weeks.add(w);
        }

        ResponseCache cache = new ResponseCache(cacheDir.resolve(last.toString()));
        err.println(String.format(Locale.US, "pull: weeks %s .. %s (%d)%s; response cache %s", first, last,
                weeks.size(), committed.map(w -> ", topic " + kafka.topic + " holds weeks up to " + w).orElse(""),
                cache.dir()));
        HttpSettings http = new HttpSettings(seconds(connectTimeoutSeconds), seconds(httpTimeoutSeconds),
                retries + 1, Duration.ofMillis(retryDelayMs), Duration.ofMillis(maxRetryDelayMs),
                Duration.ofSeconds(maxRetryAfterSeconds), Duration.ZERO);
        HttpClient httpClient = ApiHttpClient.newHttpClient(http.connectTimeout());
        List<String> secrets = keys.secrets();
        DefiLlamaClient defiLlama = new DefiLlamaClient(
                api(DefiLlamaClient.API, httpClient, http, defiLlamaMinIntervalMs, cache, secrets), defiLlamaUrl,
                keys.get(ApiKeys.Api.DEFILLAMA));
        CoinGeckoClient coinGecko = new CoinGeckoClient(
                api(CoinGeckoClient.API, httpClient, http, coinGeckoMinIntervalMs, cache, secrets), coinGeckoUrl,
                keys.get(ApiKeys.Api.COINGECKO), coinGeckoKeyHeader, coinGeckoBatchSize, Duration.ofHours(24), clock);
        EthereumRpcClient ethereum = null;
        Optional<String> infuraKey = keys.get(ApiKeys.Api.INFURA);
        if (infuraKey.isPresent() || !infuraUrl.contains("{key}")) {
            ethereum = new EthereumRpcClient(api(EthereumRpcClient.API, httpClient, http, infuraMinIntervalMs, cache,
                    secrets), infuraUrl, infuraKey, 50);
        } else {
            err.println("pull: no Infura key (INFURA_API_KEY or infura.api-key in --keys-file): the supply check is skipped");
        }
        FreshTvlPull pull = new FreshTvlPull(defiLlama,
                new HoldingsSupplyCheck(coinGecko, ethereum,
                        new HoldingsSupplyCheck.Settings(supplyCheckTokens, supplyCheckMinUsd, supplyTolerance)),
                mappingDir,
                new FreshTvlPull.Settings(Duration.ofHours(maxPointAgeHours), parallelRequests, minCurrentTvlUsd),
                err::println);
        pull.fetch();

        Path partialOut = out == null ? null : out.toAbsolutePath().resolveSibling(out.getFileName() + ".partial");
        SnapshotWriter writer = partialOut == null ? null : SnapshotWriter.create(partialOut);
        boolean completed = false;
        Path supplyFile = supplyCsv != null ? supplyCsv : out == null ? null : out.toAbsolutePath().resolveSibling("supply-checks.csv");
        // The header analytics' SupplyValidation reads (the replayer does not depend on analytics).
        StringBuilder supplyRows = new StringBuilder("week,symbol,held_usd,supply_tokens,price_usd\n");
        try {
            Iterator<PulledWeek> pulled = pull.buildWeeks(weeks);
            Iterator<WeekSnapshot> snapshots = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return pulled.hasNext();
                }

                @Override
                public WeekSnapshot next() {
                    PulledWeek week = pulled.next();
                    err.println(week.report().describe());
                    for (var r : week.report().supply().rows()) {
                        supplyRows.append(String.format(Locale.US, "%s,%s,%s,%s,%s%n", r.week(), r.symbol(), r.heldUsd(),
                                r.supplyTokens(), r.priceUsd()));
                    }
                    if (writer != null) {
                        try {
                            writer.writeWeek(week.snapshot());
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                    return week.snapshot();
                }
            };
            String published = "";
            if (publish) {
                PublisherConfig config = kafka.publisherConfig().withDirectory(pull.directory());
                try (WeekPublisher publisher = new WeekPublisher(config)) {
                    PublishSummary s = publisher.publishAll(snapshots, "pull", p -> err.println(p.describe()));
                    published = String.format(Locale.US, "%,d published to %s, %,d already there%s", s.weeksPublished(),
                            kafka.topic, s.weeksSkipped(), s.resumedAfter().map(w -> " (up to " + w + ")").orElse(""));
                }
            } else {
                snapshots.forEachRemaining(week -> { });
            }
            if (writer != null) {
                writer.close();
                Files.move(partialOut, out, StandardCopyOption.REPLACE_EXISTING);
                published += (published.isEmpty() ? "" : ", ") + "written to " + out;
            }
            if (supplyFile != null) {
                Files.writeString(supplyFile, supplyRows.toString());
                published += ", supply checks written to " + supplyFile;
            }
            completed = true;
            err.println(String.format(Locale.US, "pulled %d weeks (%s .. %s): %s | requests: %s | cache %.1f MB",
                    weeks.size(), first, last, published, describeRequests(defiLlama, coinGecko, ethereum),
                    cache.sizeBytes() / 1e6));
        } finally {
            if (writer != null && !completed) {
                try {
                    writer.close();
                } catch (IOException | RuntimeException e) {
                    // the pull's own failure is what matters
                }
                Files.deleteIfExists(partialOut);
            }
        }
        if (pruneCache) {
            pruneOtherWeeks(cache.dir(), err);
        }
        return 0;
    }

    /** The last Monday whose 00:00 UTC is at least an hour past (DefiLlama's daily point for it has been written). */
    public static LocalDate latestCompleteWeek(Instant now) {
        LocalDate monday = now.atZone(ZoneOffset.UTC).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Instant ready = monday.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(1));
        return now.isBefore(ready) ? monday.minusWeeks(1) : monday;
    }

    private static void requireMonday(String flag, LocalDate week) {
        if (week != null && week.getDayOfWeek() != DayOfWeek.MONDAY) {
            throw new IllegalArgumentException(flag + " " + week + " is a "
                    + week.getDayOfWeek().toString().charAt(0) + week.getDayOfWeek().toString().substring(1)
                    .toLowerCase(Locale.ROOT) + "; weeks are Mondays (e.g. "
                    + week.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) + ")");
        }
    }

    private ApiHttpClient api(String name, HttpClient client, HttpSettings http, long minIntervalMs,
                              ResponseCache cache, List<String> secrets) {
        return new ApiHttpClient(name, client, http.withMinInterval(Duration.ofMillis(minIntervalMs)), cache, secrets,
                Sleeper.REAL, clock);
    }

    private static String describeRequests(DefiLlamaClient defiLlama, CoinGeckoClient coinGecko,
                                           EthereumRpcClient ethereum) {
        StringBuilder s = new StringBuilder();
        for (ApiHttpClient api : ethereum == null ? List.of(defiLlama.http(), coinGecko.http())
                : List.of(defiLlama.http(), coinGecko.http(), ethereum.http())) {
            if (s.length() > 0) {
                s.append(", ");
            }
            s.append(String.format(Locale.US, "%s %,d sent, %,d from the cache", api.api(), api.requestsSent(),
                    api.cacheHits()));
        }
        return s.toString();
    }

    private static void pruneOtherWeeks(Path keep, PrintWriter err) throws IOException {
        try (DirectoryStream<Path> scopes = Files.newDirectoryStream(keep.getParent(), Files::isDirectory)) {
            for (Path scope : scopes) {
                if (!scope.equals(keep) && scope.getFileName().toString().matches("\\d{4}-\\d{2}-\\d{2}")) {
                    try (Stream<Path> files = Files.walk(scope)) {
                        for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                            Files.deleteIfExists(f);
                        }
                    }
                    err.println("pull: deleted cache folder " + scope);
                }
            }
        }
    }

    private static Duration seconds(double value) {
        return Duration.ofMillis(Math.round(value * 1000));
    }
}
