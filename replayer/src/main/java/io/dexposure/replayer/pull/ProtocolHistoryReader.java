package io.dexposure.replayer.pull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads what a protocol held at one instant out of its DefiLlama history ({@code /protocol/{slug}}), streaming: a
 * large protocol's history is tens of megabytes (every day since launch, per chain, per token), and the pull reads
 * thousands of them per week, so nothing but the chosen data points is ever built.
 *
 * <p>Shape read: {@code {"chainTvls": {"<chain key>": {"tvl": [{"date", "totalLiquidityUSD"}], "tokensInUsd":
 * [{"date", "tokens": {SYMBOL: usd}}], "tokens": [...]}}, "misrepresentedTokens": bool, "doublecounted": bool, ...}};
 * every other field is skipped. Only {@link TvlChainKeys#countsAsTvl TVL chain keys} are read.
 *
 * <p><b>Which data point.</b> Per chain and series, the last point dated at most {@link #LATE_SLACK} after the instant
 * and at most {@code maxAge} before it. The slack accepts daily points stamped a little after midnight; not taking
 * later points keeps a week's numbers the same whenever it is pulled. DefiLlama's early history is stamped at odd
 * hours (e.g. 22:00), hence "last before" rather than "exactly at".
 */
public final class ProtocolHistoryReader {
    /** How far after the week's timestamp a point may be dated and still count as the week's. */
    static final Duration LATE_SLACK = Duration.ofHours(1);

    private ProtocolHistoryReader() {
    }

    /** A chosen data point: its date and either a token map or a single value. */
    private static final class Point {
        long date = Long.MIN_VALUE;
        Map<String, Double> tokens;
        double value = Double.NaN;
    }

    /**
     * @param source how errors name the file (e.g. "DefiLlama /protocol/aave-v3")
     * @throws ApiRequestException when the history is not shaped as documented
     */
    public static ProtocolHoldings read(Path file, Instant at, Duration maxAge, String source) throws IOException {
        long latest = at.plus(LATE_SLACK).getEpochSecond();
        long earliest = at.minus(maxAge).getEpochSecond();
        Map<String, Point> tokenPoints = new LinkedHashMap<>();
        Map<String, Point> tvlPoints = new LinkedHashMap<>();
        TreeSet<String> excluded = new TreeSet<>();
        boolean misrepresented = false;
        boolean doublecounted = false;
        try (JsonParser p = PullJson.FACTORY.createParser(file.toFile())) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw shape(source, "expected a JSON object, got " + p.currentToken());
            }
            for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
                JsonToken value = p.nextToken();
                switch (field) {
                    case "chainTvls" -> {
                        if (value != JsonToken.START_OBJECT) {
                            if (value != JsonToken.VALUE_NULL) {
                                throw shape(source, "chainTvls: expected an object, got " + value);
                            }
                            continue;
                        }
                        for (String chain = p.nextFieldName(); chain != null; chain = p.nextFieldName()) {
                            JsonToken chainValue = p.nextToken();
                            if (!TvlChainKeys.countsAsTvl(chain) || chainValue != JsonToken.START_OBJECT) {
                                if (!TvlChainKeys.countsAsTvl(chain)) {
                                    excluded.add(chain);
                                }
                                p.skipChildren();
                                continue;
                            }
                            readChain(p, chain, earliest, latest, tokenPoints, tvlPoints, source);
                        }
                    }
                    case "misrepresentedTokens" -> misrepresented = value == JsonToken.VALUE_TRUE;
                    case "doublecounted" -> doublecounted = value == JsonToken.VALUE_TRUE;
                    default -> p.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            // The cache holds only bodies that parsed, so this is a file changed on disk.
            throw new ApiRequestException(source + ": cached history " + file + " is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
        return combine(tokenPoints, tvlPoints, excluded, misrepresented, doublecounted);
    }

    private static void readChain(JsonParser p, String chain, long earliest, long latest, Map<String, Point> tokenPoints,
                                  Map<String, Point> tvlPoints, String source) throws IOException {
        for (String series = p.nextFieldName(); series != null; series = p.nextFieldName()) {
            JsonToken start = p.nextToken();
            if (start != JsonToken.START_ARRAY || !("tokensInUsd".equals(series) || "tvl".equals(series))) {
                p.skipChildren(); // "tokens" holds amounts, not USD
                continue;
            }
            Point best = readSeries(p, series.equals("tokensInUsd"), earliest, latest, source + ", chain " + chain
                    + ", " + series);
            if (best != null) {
                (series.equals("tokensInUsd") ? tokenPoints : tvlPoints).put(chain, best);
            }
        }
    }

    /** The last point in [earliest, latest], or null. Points too old or too new have their token maps skipped. */
    private static Point readSeries(JsonParser p, boolean tokens, long earliest, long latest, String where)
            throws IOException {
        Point best = null;
        for (JsonToken element = p.nextToken(); element != JsonToken.END_ARRAY; element = p.nextToken()) {
            if (element != JsonToken.START_OBJECT) {
                throw shape(where, "expected {date, ...} objects, got " + element);
            }
            Point point = new Point();
            for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
                JsonToken value = p.nextToken();
                switch (field) {
                    case "date" -> point.date = readDate(p, value, where);
                    case "tokens" -> {
                        boolean outside = point.date != Long.MIN_VALUE && (point.date < earliest || point.date > latest);
                        if (!tokens || outside || value != JsonToken.START_OBJECT) {
                            p.skipChildren();
                        } else {
                            point.tokens = readTokenMap(p);
                        }
                    }
                    case "totalLiquidityUSD" -> point.value = value.isNumeric() ? p.getDoubleValue()
                            : value == JsonToken.VALUE_STRING ? parseOrNaN(p.getText()) : Double.NaN;
                    default -> p.skipChildren();
                }
            }
            boolean usable = tokens ? point.tokens != null : !Double.isNaN(point.value);
            if (usable && point.date >= earliest && point.date <= latest && (best == null || point.date >= best.date)) {
                best = point;
            }
        }
        return best;
    }

    private static Map<String, Double> readTokenMap(JsonParser p) throws IOException {
        Map<String, Double> map = new LinkedHashMap<>();
        for (String token = p.nextFieldName(); token != null; token = p.nextFieldName()) {
            JsonToken value = p.nextToken();
            if (value.isNumeric()) {
                double usd = p.getDoubleValue();
                if (usd != 0 && Double.isFinite(usd)) {
                    map.merge(token, usd, Double::sum);
                }
            } else {
                p.skipChildren(); // null or an odd value: no amount to count
            }
        }
        return map;
    }

    /** Unix seconds; milliseconds and numeric strings are accepted too. */
    private static long readDate(JsonParser p, JsonToken value, String where) throws IOException {
        long date;
        if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
            date = p.getValueAsLong();
        } else if (value == JsonToken.VALUE_STRING) {
            try {
                date = Long.parseLong(p.getText().trim());
            } catch (NumberFormatException e) {
                throw shape(where, "date is not a number: \"" + p.getText() + "\"");
            }
        } else {
            throw shape(where, "date is " + value);
        }
        return date > 100_000_000_000L ? date / 1000 : date;
    }

    private static double parseOrNaN(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static ProtocolHoldings combine(Map<String, Point> tokenPoints, Map<String, Point> tvlPoints,
                                            TreeSet<String> excluded, boolean misrepresented, boolean doublecounted) {
        Map<String, Double> tokens = new LinkedHashMap<>();
        Map<String, Map<String, Double>> byChain = new LinkedHashMap<>();
        List<String> withoutBreakdown = new ArrayList<>();
        double tvl = 0;
        double reported = 0;
        List<String> chains = new ArrayList<>(tokenPoints.keySet());
        tvlPoints.keySet().stream().filter(c -> !tokenPoints.containsKey(c)).forEach(chains::add);
        for (String chain : chains) {
            Point tokenPoint = tokenPoints.get(chain);
            Point tvlPoint = tvlPoints.get(chain);
            if (tvlPoint != null) {
                reported += tvlPoint.value;
            }
            if (tokenPoint != null) {
                byChain.put(chain, Collections.unmodifiableMap(tokenPoint.tokens));
                for (Map.Entry<String, Double> e : tokenPoint.tokens.entrySet()) {
                    tokens.merge(e.getKey(), e.getValue(), Double::sum);
                    tvl += e.getValue();
                }
            } else {
                withoutBreakdown.add(chain);
                tvl += tvlPoint.value;
            }
        }
        tokens.values().removeIf(v -> v == 0);
        return new ProtocolHoldings(!chains.isEmpty(), tvl, reported, Collections.unmodifiableMap(tokens),
                Collections.unmodifiableMap(byChain), List.copyOf(withoutBreakdown),
                Collections.unmodifiableSet(excluded), misrepresented, doublecounted);
    }

    private static ApiRequestException shape(String where, String problem) {
        return new ApiRequestException(where + ": " + problem + " (not the documented /protocol response shape)", null);
    }
}
