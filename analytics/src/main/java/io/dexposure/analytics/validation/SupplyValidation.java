package io.dexposure.analytics.validation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The seed's fourth notebook (data validation) on what a pull's supply check records: for each checked token
 * and week, the USD the network's protocols hold of it on Ethereum against its market cap there (ERC-20
 * totalSupply x CoinGecko price), and, across weeks, the correlation of the token's weekly net inflow into
 * the network with the change of its supply. Both in USD at the later week's price, so price moves cancel:
 * net inflow = (held_t / p_t - held_(t-1) / p_(t-1)) x p_t, supply change = (S_t - S_(t-1)) x p_t. A wrapped
 * or bridged token minted to be deposited should show a strong positive correlation; held above supply is
 * double counting or a misnamed token.
 *
 * <p>Input: the CSV {@code pull --supply-csv} writes, header {@code week,symbol,held_usd,supply_tokens,price_usd}.
 */
public final class SupplyValidation {
    public static final String HEADER = "week,symbol,held_usd,supply_tokens,price_usd";

    /** One token in one week, as the pull checked it. */
    public record Row(String week, String symbol, double heldUsd, double supplyTokens, double priceUsd) {
        public double marketCapUsd() {
            return supplyTokens * priceUsd;
        }

        public double heldShare() {
            return marketCapUsd() > 0 ? heldUsd / marketCapUsd() : Double.NaN;
        }
    }

    /**
     * One token's summary.
     *
     * @param latest       its last checked week
     * @param meanShare    mean over weeks of held / market cap
     * @param weeks        checked weeks
     * @param pairs        consecutive week pairs with both figures (the correlation's sample)
     * @param correlation  Pearson correlation of net inflow with supply change; NaN under 3 pairs or no variation
     */
    public record Token(String symbol, Row latest, double meanShare, int weeks, int pairs, double correlation) {
    }

    /** Tokens by latest USD held, largest first, and the pooled correlation over every token's pairs. */
    public record Summary(List<Token> tokens, int pooledPairs, double pooledCorrelation) {
    }

    private SupplyValidation() {
    }

    public static List<Row> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !lines.get(0).trim().equals(HEADER)) {
            throw new IllegalArgumentException(csv + ": line 1 must be the header '" + HEADER + "'");
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            try {
                if (f.length != 5) {
                    throw new NumberFormatException(f.length + " fields, expected 5");
                }
                rows.add(new Row(f[0], f[1], Double.parseDouble(f[2]), Double.parseDouble(f[3]), Double.parseDouble(f[4])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(csv + ": line " + (i + 1) + ": " + e.getMessage() + ": '" + line + "'");
            }
        }
        return rows;
    }

    /** The {@code top} tokens by latest USD held. */
    public static Summary summarise(List<Row> rows, int top) {
        Map<String, TreeMap<String, Row>> bySymbol = new TreeMap<>();
        for (Row r : rows) {
            bySymbol.computeIfAbsent(r.symbol().toUpperCase(Locale.ROOT), s -> new TreeMap<>()).put(r.week(), r);
        }
        List<Token> tokens = new ArrayList<>();
        List<double[]> pooled = new ArrayList<>();
        for (Map.Entry<String, TreeMap<String, Row>> e : bySymbol.entrySet()) {
            List<Row> weeks = new ArrayList<>(e.getValue().values());
            double share = 0;
            int shares = 0;
            for (Row r : weeks) {
                if (!Double.isNaN(r.heldShare())) {
                    share += r.heldShare();
                    shares++;
                }
            }
            List<double[]> pairs = new ArrayList<>();
            for (int k = 1; k < weeks.size(); k++) {
                Row a = weeks.get(k - 1);
                Row b = weeks.get(k);
                if (a.priceUsd() > 0 && b.priceUsd() > 0) {
                    double inflow = (b.heldUsd() / b.priceUsd() - a.heldUsd() / a.priceUsd()) * b.priceUsd();
                    double supplyChange = (b.supplyTokens() - a.supplyTokens()) * b.priceUsd();
                    pairs.add(new double[]{inflow, supplyChange});
                }
            }
            pooled.addAll(pairs);
            tokens.add(new Token(e.getKey(), weeks.get(weeks.size() - 1), shares == 0 ? Double.NaN : share / shares,
                    weeks.size(), pairs.size(), pearson(pairs)));
        }
        tokens.sort(Comparator.comparingDouble((Token t) -> -t.latest().heldUsd()).thenComparing(Token::symbol));
        return new Summary(tokens.subList(0, Math.min(top, tokens.size())), pooled.size(), pearson(pooled));
    }

    /** Pearson correlation of the pairs' two columns; NaN under 3 pairs or when a column does not vary. */
    static double pearson(List<double[]> pairs) {
        int n = pairs.size();
        if (n < 3) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (double[] p : pairs) {
            mx += p[0] / n;
            my += p[1] / n;
        }
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (double[] p : pairs) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
            syy += (p[1] - my) * (p[1] - my);
        }
        return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Double.NaN;
    }
}
