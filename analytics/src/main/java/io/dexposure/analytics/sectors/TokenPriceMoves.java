package io.dexposure.analytics.sectors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Token prices by week, for splitting a TVL change into price move and flow. Read from a CSV
 * {@code week,token,price_usd} (header line optional); a token missing in either week has no known
 * move, and its part of the TVL change counts as flow.
 */
public final class TokenPriceMoves {
    private static final TokenPriceMoves NONE = new TokenPriceMoves(Map.of());
    private final Map<LocalDate, Map<String, Double>> priceByWeek;

    private TokenPriceMoves(Map<LocalDate, Map<String, Double>> priceByWeek) {
        this.priceByWeek = priceByWeek;
    }

    /** No price information: every TVL change is flow. */
    public static TokenPriceMoves none() {
        return NONE;
    }

    public static TokenPriceMoves of(Map<LocalDate, Map<String, Double>> priceByWeek) {
        return new TokenPriceMoves(priceByWeek);
    }

    public boolean isEmpty() {
        return priceByWeek.isEmpty();
    }

    /** price(to) / price(from), when both weeks price the token and the earlier price is positive. */
    public OptionalDouble ratio(String token, LocalDate from, LocalDate to) {
        Map<String, Double> a = priceByWeek.get(from);
        Map<String, Double> b = priceByWeek.get(to);
        if (a == null || b == null) {
            return OptionalDouble.empty();
        }
        Double pa = a.get(token);
        Double pb = b.get(token);
        if (pa == null || pb == null || !(pa > 0)) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(pb / pa);
    }

    public static TokenPriceMoves read(Path csv) throws IOException {
        Map<LocalDate, Map<String, Double>> prices = new HashMap<>();
        List<String> lines = Files.readAllLines(csv);
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n).trim();
            if (line.isEmpty() || (n == 0 && line.toLowerCase(java.util.Locale.ROOT).startsWith("week"))) {
                continue;
            }
            String[] cells = line.split(",");
            if (cells.length != 3) {
                throw new IllegalArgumentException(csv + " line " + (n + 1) + ": expected week,token,price_usd, got '" + line + "'");
            }
            try {
                prices.computeIfAbsent(LocalDate.parse(cells[0].trim()), w -> new HashMap<>())
                        .put(cells[1].trim(), Double.parseDouble(cells[2].trim()));
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new IllegalArgumentException(csv + " line " + (n + 1) + ": " + e.getMessage());
            }
        }
        return new TokenPriceMoves(prices);
    }
}
