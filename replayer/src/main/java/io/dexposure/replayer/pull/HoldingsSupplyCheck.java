package io.dexposure.replayer.pull;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Market-cap validation: what the week's protocols hold of a token on Ethereum must not exceed what exists of it there
 * (totalSupply x price). Checked for the tokens held most (at least {@code minHeldUsd}, at most {@code maxTokens}),
 * since each costs calls to two rate-limited APIs. A token over its supply by more than {@code tolerance} (prices
 * differ between DefiLlama and CoinGecko) is flagged; tokens without a price or a supply are counted as unchecked.
 * Without an Ethereum RPC client (no Infura key) nothing is checked.
 */
public final class HoldingsSupplyCheck {
    private static final Logger LOG = LoggerFactory.getLogger(HoldingsSupplyCheck.class);

    public record Settings(int maxTokens, double minHeldUsd, double tolerance) {
        public Settings {
            if (maxTokens < 0 || minHeldUsd < 0 || tolerance < 0) {
                throw new IllegalArgumentException("supply check settings must be >= 0: " + maxTokens + ", "
                        + minHeldUsd + ", " + tolerance);
            }
        }

        public static Settings defaults() {
            return new Settings(20, 1_000_000, 0.05);
        }
    }

    /** A checked token: USD held of it on Ethereum this week, its supply there in tokens, its price. */
    public record Checked(LocalDate week, String symbol, double heldUsd, double supplyTokens, double priceUsd) {
    }

    /**
     * @param skippedBecause why nothing was checked, when nothing was
     * @param rows           every checked token's held USD, supply and price (what {@code pull --supply-csv} writes
     *                       for the report's data-validation section)
     */
    public record Result(List<SupplyExcess> excesses, int checked, List<String> unchecked,
                         Optional<String> skippedBecause, List<Checked> rows) {
        public Result {
            excesses = List.copyOf(excesses);
            unchecked = List.copyOf(unchecked);
            rows = List.copyOf(rows);
        }

        public Result(List<SupplyExcess> excesses, int checked, List<String> unchecked, Optional<String> skippedBecause) {
            this(excesses, checked, unchecked, skippedBecause, List.of());
        }
    }

    private final CoinGeckoClient prices;
    private final EthereumRpcClient rpc;
    private final Settings settings;

    /** @param rpc null when no Ethereum RPC is configured: the check is skipped */
    public HoldingsSupplyCheck(CoinGeckoClient prices, EthereumRpcClient rpc, Settings settings) {
        this.prices = prices;
        this.rpc = rpc;
        this.settings = settings;
    }

    /**
     * @param heldOnEthereumUsd token symbol (any case) -> USD held on Ethereum this week
     * @param candidates        tokens that can be checked ({@link SupplyCheckedToken#candidates})
     */
    public Result check(LocalDate week, Map<String, Double> heldOnEthereumUsd, List<SupplyCheckedToken> candidates)
            throws IOException {
        if (rpc == null) {
            return new Result(List.of(), 0, List.of(), Optional.of("no Ethereum RPC configured (Infura key unset)"));
        }
        if (settings.maxTokens() == 0) {
            return new Result(List.of(), 0, List.of(), Optional.of("disabled"));
        }
        Map<String, Double> held = new java.util.HashMap<>();
        heldOnEthereumUsd.forEach((symbol, usd) -> held.merge(symbol.toUpperCase(Locale.ROOT), usd, Double::sum));
        List<SupplyCheckedToken> chosen = new ArrayList<>();
        for (SupplyCheckedToken token : candidates) {
            double usd = held.getOrDefault(token.symbol().toUpperCase(Locale.ROOT), 0.0);
            if (usd > 0 && usd >= settings.minHeldUsd()) {
                chosen.add(token);
            }
        }
        chosen.sort(Comparator.comparingDouble((SupplyCheckedToken t) -> -held.get(t.symbol().toUpperCase(Locale.ROOT)))
                .thenComparing(SupplyCheckedToken::symbol));
        if (chosen.size() > settings.maxTokens()) {
            chosen = chosen.subList(0, settings.maxTokens());
        }
        if (chosen.isEmpty()) {
            return new Result(List.of(), 0, List.of(), Optional.empty());
        }
        Instant at = week.atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, Double> price = prices.usdPricesAt(chosen.stream().map(SupplyCheckedToken::geckoId).toList(), at);
        Map<String, TokenSupply> supply = rpc.erc20Supplies(chosen.stream().map(SupplyCheckedToken::ethereumAddress).toList());
        List<SupplyExcess> excesses = new ArrayList<>();
        List<String> unchecked = new ArrayList<>();
        List<Checked> rows = new ArrayList<>();
        int checked = 0;
        for (SupplyCheckedToken token : chosen) {
            Double usdPrice = price.get(token.geckoId());
            TokenSupply tokenSupply = supply.get(token.ethereumAddress().toLowerCase(Locale.ROOT));
            if (usdPrice == null || tokenSupply == null) {
                unchecked.add(token.symbol());
                continue;
            }
            checked++;
            double tokens = tokenSupply.supply().doubleValue();
            double supplyUsd = tokens * usdPrice;
            double heldUsd = held.get(token.symbol().toUpperCase(Locale.ROOT));
            rows.add(new Checked(week, token.symbol(), heldUsd, tokens, usdPrice));
            if (heldUsd > supplyUsd * (1 + settings.tolerance())) {
                SupplyExcess excess = new SupplyExcess(token.symbol(), token.ethereumAddress(), heldUsd, supplyUsd,
                        tokens, usdPrice);
                LOG.warn("week {}: {}", week, excess.describe());
                excesses.add(excess);
            }
        }
        if (!unchecked.isEmpty()) {
            LOG.info("week {}: supply not checked for {} (no price or no ERC-20 supply)", week, unchecked);
        }
        return new Result(excesses, checked, unchecked, Optional.empty(), rows);
    }
}
