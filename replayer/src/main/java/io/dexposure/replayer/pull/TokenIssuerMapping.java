package io.dexposure.replayer.pull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.dexposure.events.NodeKind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Token symbol (as DefiLlama's {@code tokensInUsd} names it) -> the node its holders are exposed to: the issuing
 * protocol's id, or a token bucket. First match wins:
 * <ol>
 *   <li>the dataset's {@code token_to_protocol.json} (categories MAP, PRIMARY, LP, UNKNOWN, OTHER; exact symbol), so
 *       every token the dataset knew goes where it went there;</li>
 *   <li>the dataset's {@code rev_map.json} (exact symbol -> protocol id);</li>
 *   <li>the protocol list: a protocol's own token symbol (case-insensitive; on a clash the protocol with the larger
 *       current TVL), {@code coingecko:<id>} keys by the protocol's gecko_id, and {@code UNKNOWN (chain:0x...)} keys
 *       by the protocol's token address;</li>
 *   <li>the rules the dataset's ETL used to sort new tokens ({@code dthinkr/defi-tvl etl_network.py}): a symbol
 *       containing "LP" goes to bucket {@code LP}, containing "UNKNOWN" to {@code UNKNOWN}, containing "-" to
 *       {@code OTHER}; any other is a PRIMARY token, its own bucket named by the symbol (USDT, WETH, ...).</li>
 * </ol>
 * Two differences from the ETL, both for new tokens only: it dropped tokens missing from its files (the source of the
 * dataset's links with a null target), this applies its sorting rules to them instead; and a PRIMARY symbol that
 * would read as a protocol id (all digits) goes to {@code OTHER}, since node ids of that form mean protocols.
 */
public final class TokenIssuerMapping {
    public static final String TOKEN_TO_PROTOCOL_FILE = "token_to_protocol.json";
    public static final String REV_MAP_FILE = "rev_map.json";
    public static final String ID_TO_INFO_FILE = "id_to_info.json";
    public static final String LP = "LP";
    public static final String UNKNOWN = "UNKNOWN";
    public static final String OTHER = "OTHER";

    private static final Pattern CHAIN_ADDRESS = Pattern.compile("([A-Za-z0-9_]+):(0x[0-9A-Fa-f]{40})");

    /** Where a token's issuer came from (tests and logs). */
    public enum Source { DATASET_MAPPING, DATASET_REV_MAP, PROTOCOL_SYMBOL, PROTOCOL_GECKO_ID, PROTOCOL_ADDRESS, RULE }

    public record Issuer(String nodeId, Source source) {
        public boolean isProtocol() {
            return NodeKind.classify(nodeId) == NodeKind.PROTOCOL;
        }
    }

    private final Map<String, String> datasetMapping;
    private final Map<String, String> revMap;
    private final Map<String, String> symbols;
    private final Map<String, String> geckoIds;
    private final Map<String, String> addresses;
    private final Map<String, Issuer> resolved = new HashMap<>();

    private TokenIssuerMapping(Map<String, String> datasetMapping, Map<String, String> revMap,
                               Map<String, String> symbols, Map<String, String> geckoIds, Map<String, String> addresses) {
        this.datasetMapping = datasetMapping;
        this.revMap = revMap;
        this.symbols = symbols;
        this.geckoIds = geckoIds;
        this.addresses = addresses;
    }

    /**
     * @param mappingDir folder holding the dataset's {@code token_to_protocol.json} and/or {@code rev_map.json}, or
     *                   null; a file that is not there is skipped
     */
    public static TokenIssuerMapping load(Path mappingDir, List<ListedProtocol> protocols) throws IOException {
        Map<String, String> dataset = new HashMap<>();
        Map<String, String> rev = new HashMap<>();
        if (mappingDir != null) {
            Path categories = mappingDir.resolve(TOKEN_TO_PROTOCOL_FILE);
            if (Files.isRegularFile(categories)) {
                dataset = readCategories(categories);
            }
            Path revMap = mappingDir.resolve(REV_MAP_FILE);
            if (Files.isRegularFile(revMap)) {
                rev = readFlatMap(revMap);
            }
        }
        return of(dataset, rev, protocols);
    }

    /** From maps already read: dataset token -> id, rev_map symbol -> id, and the protocol list. */
    public static TokenIssuerMapping of(Map<String, String> datasetMapping, Map<String, String> revMap,
                                        List<ListedProtocol> protocols) {
        Map<String, String> symbols = new HashMap<>();
        Map<String, String> gecko = new HashMap<>();
        Map<String, String> addresses = new HashMap<>();
        List<ListedProtocol> byTvl = protocols.stream()
                .sorted(Comparator.comparingDouble(ListedProtocol::currentTvlUsd).reversed()
                        .thenComparing(ListedProtocol::id))
                .toList();
        for (ListedProtocol p : byTvl) {
            if (p.symbol() != null && !p.symbol().isBlank() && !p.symbol().equals("-")) {
                symbols.putIfAbsent(p.symbol().toUpperCase(Locale.ROOT), p.id());
            }
            if (p.geckoId() != null && !p.geckoId().isBlank()) {
                gecko.putIfAbsent(p.geckoId().toLowerCase(Locale.ROOT), p.id());
            }
            String address = normalizedAddress(p.address());
            if (address != null) {
                addresses.putIfAbsent(address, p.id());
            }
        }
        return new TokenIssuerMapping(Map.copyOf(datasetMapping), Map.copyOf(revMap), symbols, gecko, addresses);
    }

    public Issuer issuerOf(String token) {
        return resolved.computeIfAbsent(token, this::resolve);
    }

    public int datasetTokens() {
        return datasetMapping.size();
    }

    private Issuer resolve(String token) {
        String id = datasetMapping.get(token);
        if (id != null) {
            return new Issuer(id, Source.DATASET_MAPPING);
        }
        id = revMap.get(token);
        if (id != null) {
            return new Issuer(id, Source.DATASET_REV_MAP);
        }
        id = symbols.get(token.toUpperCase(Locale.ROOT));
        if (id != null) {
            return new Issuer(id, Source.PROTOCOL_SYMBOL);
        }
        if (token.regionMatches(true, 0, "coingecko:", 0, "coingecko:".length())) {
            id = geckoIds.get(token.substring("coingecko:".length()).toLowerCase(Locale.ROOT));
            if (id != null) {
                return new Issuer(id, Source.PROTOCOL_GECKO_ID);
            }
        }
        Matcher address = CHAIN_ADDRESS.matcher(token);
        if (address.find()) {
            id = addresses.get(address.group(1).toLowerCase(Locale.ROOT) + ":" + address.group(2).toLowerCase(Locale.ROOT));
            if (id != null) {
                return new Issuer(id, Source.PROTOCOL_ADDRESS);
            }
        }
        return new Issuer(bucketByRule(token), Source.RULE);
    }

    /** The ETL's sorting of a token it had no mapping for. */
    static String bucketByRule(String token) {
        if (token.contains("LP")) {
            return LP;
        }
        if (token.contains("UNKNOWN")) {
            return UNKNOWN;
        }
        if (token.contains("-")) {
            return OTHER;
        }
        return NodeKind.classify(token) == NodeKind.PROTOCOL || token.isBlank() ? OTHER : token;
    }

    /** "chain:0xabc..." lower case; a bare 0x address is Ethereum's (DefiLlama's convention in /protocols). */
    static String normalizedAddress(String address) {
        if (address == null || address.isBlank() || address.equals("-")) {
            return null;
        }
        String a = address.trim();
        if (a.startsWith("0x") || a.startsWith("0X")) {
            a = "ethereum:" + a;
        }
        Matcher m = CHAIN_ADDRESS.matcher(a);
        if (!m.matches()) {
            return null; // non-EVM addresses (Solana, ...) are not matched
        }
        return m.group(1).toLowerCase(Locale.ROOT) + ":" + m.group(2).toLowerCase(Locale.ROOT);
    }

    /** token_to_protocol.json: {CATEGORY: {TOKEN: {"id": "...", "frequency": n}}}, merged over categories. */
    static Map<String, String> readCategories(Path file) throws IOException {
        Map<String, String> tokens = new HashMap<>();
        try (JsonParser p = PullJson.FACTORY.createParser(file.toFile())) {
            expect(p.nextToken(), JsonToken.START_OBJECT, file, "the top level");
            for (String category = p.nextFieldName(); category != null; category = p.nextFieldName()) {
                expect(p.nextToken(), JsonToken.START_OBJECT, file, "category " + category);
                for (String token = p.nextFieldName(); token != null; token = p.nextFieldName()) {
                    JsonToken entry = p.nextToken();
                    if (entry != JsonToken.START_OBJECT) {
                        p.skipChildren();
                        continue;
                    }
                    String id = null;
                    for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
                        JsonToken value = p.nextToken();
                        if (field.equals("id") && (value == JsonToken.VALUE_STRING || value.isNumeric())) {
                            id = p.getText();
                        } else {
                            p.skipChildren();
                        }
                    }
                    if (id != null) {
                        tokens.putIfAbsent(token, id);
                    }
                }
            }
        }
        return tokens;
    }

    /** rev_map.json: {SYMBOL: "id"}. */
    static Map<String, String> readFlatMap(Path file) throws IOException {
        Map<String, String> map = new HashMap<>();
        try (JsonParser p = PullJson.FACTORY.createParser(file.toFile())) {
            expect(p.nextToken(), JsonToken.START_OBJECT, file, "the top level");
            for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
                JsonToken value = p.nextToken();
                if (value == JsonToken.VALUE_STRING || value.isNumeric()) {
                    map.putIfAbsent(key, p.getText());
                } else {
                    p.skipChildren();
                }
            }
        }
        return map;
    }

    private static void expect(JsonToken actual, JsonToken expected, Path file, String what) throws IOException {
        if (actual != expected) {
            throw new IOException(file + ": " + what + " should be a JSON object but is " + actual);
        }
    }
}
