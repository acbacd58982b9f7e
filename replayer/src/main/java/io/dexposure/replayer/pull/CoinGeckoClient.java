package io.dexposure.replayer.pull;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * USD prices from CoinGecko (API v3) at a week's timestamp, paced by the {@link ApiHttpClient}'s minimum interval
 * (DefiLlama's own price fetcher waits 2 s between CoinGecko calls; that is the pull's default).
 *
 * <p>CoinGecko has no batched historical endpoint, so there are two paths, as in DefiLlama's TVL computation ("now or
 * at a timestamp"):
 * <ul>
 *   <li>timestamp within {@code freshWindow} of now (the usual weekly run): {@code /simple/price}, many ids per call
 *       (batches of {@code batchSize}); a price last updated more than {@code freshWindow} away from the timestamp
 *       is dropped, like DefiLlama drops prices older than 24 h;</li>
 *   <li>older timestamps (catching up past weeks): {@code /coins/{id}/market_chart/range} per id over the 12 h either
 *       side, the point nearest the timestamp.</li>
 * </ul>
 * Ids CoinGecko does not know are left out of the answer, not an error.
 */
public final class CoinGeckoClient {
    public static final String API = "CoinGecko";
    public static final String DEFAULT_URL = "https://api.coingecko.com/api/v3";
    /** CoinGecko's demo-plan key header; pro plans use x-cg-pro-api-key with https://pro-api.coingecko.com/api/v3. */
    public static final String DEFAULT_KEY_HEADER = "x-cg-demo-api-key";
    static final Duration HISTORY_WINDOW = Duration.ofHours(12);

    private final ApiHttpClient http;
    private final String base;
    private final Map<String, String> headers;
    private final int batchSize;
    private final Duration freshWindow;
    private final Clock clock;

    public CoinGeckoClient(ApiHttpClient http, String baseUrl, Optional<String> key, String keyHeader, int batchSize,
                           Duration freshWindow, Clock clock) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1: " + batchSize);
        }
        this.http = http;
        this.base = ApiUrls.base(API, baseUrl, key);
        this.headers = key.isPresent() && !ApiUrls.needsKey(baseUrl) ? Map.of(keyHeader, key.get()) : Map.of();
        this.batchSize = batchSize;
        this.freshWindow = freshWindow;
        this.clock = clock;
    }

    public ApiHttpClient http() {
        return http;
    }

    /** CoinGecko id -> USD price at {@code at}, for the ids it has a price for. */
    public Map<String, Double> usdPricesAt(java.util.Collection<String> geckoIds, Instant at) throws IOException {
        List<String> ids = new ArrayList<>(new TreeSet<>(geckoIds)); // sorted: the same request, the same cache entry
        Map<String, Double> prices = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return prices;
        }
        boolean fresh = Duration.between(at, clock.instant()).abs().compareTo(freshWindow) <= 0;
        if (fresh) {
            for (int from = 0; from < ids.size(); from += batchSize) {
                currentPrices(ids.subList(from, Math.min(ids.size(), from + batchSize)), at, prices);
            }
        } else {
            for (String id : ids) {
                historicalPrice(id, at).ifPresent(price -> prices.put(id, price));
            }
        }
        return prices;
    }

    private void currentPrices(List<String> ids, Instant at, Map<String, Double> prices) throws IOException {
        URI uri = URI.create(base + "/simple/price?ids=" + ApiUrls.queryValue(String.join(",", ids))
                + "&vs_currencies=usd&include_last_updated_at=true");
        JsonNode root = PullJson.MAPPER.readTree(http.get(uri, headers).toFile());
        if (!root.isObject()) {
            throw new ApiRequestException(API + " GET " + http.redact(uri.toString())
                    + ": expected an object of id -> {usd}, got " + root.getNodeType(), null);
        }
        for (String id : ids) {
            JsonNode entry = root.path(id);
            JsonNode usd = entry.path("usd");
            if (!usd.isNumber()) {
                continue;
            }
            JsonNode updated = entry.path("last_updated_at");
            if (updated.isNumber()) {
                Duration age = Duration.between(Instant.ofEpochSecond(updated.asLong()), at).abs();
                if (age.compareTo(freshWindow) > 0) {
                    continue; // stale: as good as no price
                }
            }
            prices.put(id, usd.asDouble());
        }
    }

    private Optional<Double> historicalPrice(String id, Instant at) throws IOException {
        URI uri = URI.create(base + "/coins/" + ApiUrls.pathSegment(id) + "/market_chart/range?vs_currency=usd&from="
                + at.minus(HISTORY_WINDOW).getEpochSecond() + "&to=" + at.plus(HISTORY_WINDOW).getEpochSecond());
        Optional<Path> body = http.getUnlessNotFound(uri, headers);
        if (body.isEmpty()) {
            return Optional.empty();
        }
        JsonNode prices = PullJson.MAPPER.readTree(body.get().toFile()).path("prices");
        if (!prices.isArray()) {
            throw new ApiRequestException(API + " GET " + http.redact(uri.toString())
                    + ": expected {\"prices\": [[ms, price], ...]}", null);
        }
        long target = at.toEpochMilli();
        Double nearest = null;
        long nearestDistance = Long.MAX_VALUE;
        for (JsonNode point : prices) {
            if (point.size() < 2 || !point.get(0).isNumber() || !point.get(1).isNumber()) {
                continue;
            }
            long distance = Math.abs(point.get(0).asLong() - target);
            if (distance < nearestDistance) {
                nearestDistance = distance;
                nearest = point.get(1).asDouble();
            }
        }
        return Optional.ofNullable(nearest);
    }
}
