package io.dexposure.replayer.pull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * ERC-20 {@code totalSupply()} and {@code decimals()} over Ethereum JSON-RPC (Infura by default) with {@code eth_call}
 * (selectors 0x18160ddd and 0x313ce567), several calls per HTTP request as a JSON-RPC batch.
 *
 * <p>Calls are made at block {@code latest}: supplies move slowly, and finding the block of a past week would cost a
 * binary search over blocks. A contract that answers nothing (not a contract, or not ERC-20) or a per-call error
 * leaves the token out of the answer, logged.
 */
public final class EthereumRpcClient {
    public static final String API = "Ethereum RPC";
    public static final String DEFAULT_URL = "https://mainnet.infura.io/v3/{key}";
    static final String TOTAL_SUPPLY = "0x18160ddd";
    static final String DECIMALS = "0x313ce567";
    private static final Pattern ADDRESS = Pattern.compile("0x[0-9a-f]{40}");
    private static final Logger LOG = LoggerFactory.getLogger(EthereumRpcClient.class);

    private final ApiHttpClient http;
    private final URI uri;
    private final int tokensPerRequest;

    /** @param url e.g. {@link #DEFAULT_URL}; {@code {key}} is replaced by the key */
    public EthereumRpcClient(ApiHttpClient http, String url, Optional<String> key, int tokensPerRequest) {
        if (tokensPerRequest < 1) {
            throw new IllegalArgumentException("tokens per request must be >= 1: " + tokensPerRequest);
        }
        this.http = http;
        this.uri = URI.create(ApiUrls.base(API, url, key));
        this.tokensPerRequest = tokensPerRequest;
    }

    public ApiHttpClient http() {
        return http;
    }

    /** Address (lower case) -> supply, for the addresses that answered both calls. */
    public Map<String, TokenSupply> erc20Supplies(Collection<String> addresses) throws IOException {
        List<String> sorted = new ArrayList<>();
        for (String address : new TreeSet<>(addresses.stream().map(a -> a.toLowerCase(Locale.ROOT)).toList())) {
            if (ADDRESS.matcher(address).matches()) {
                sorted.add(address);
            } else {
                LOG.warn("{}: '{}' is not an Ethereum address; its supply is not checked", API, address);
            }
        }
        Map<String, TokenSupply> supplies = new LinkedHashMap<>();
        for (int from = 0; from < sorted.size(); from += tokensPerRequest) {
            batch(sorted.subList(from, Math.min(sorted.size(), from + tokensPerRequest)), supplies);
        }
        return supplies;
    }

    private void batch(List<String> addresses, Map<String, TokenSupply> supplies) throws IOException {
        ArrayNode calls = PullJson.MAPPER.createArrayNode();
        for (int i = 0; i < addresses.size(); i++) {
            calls.add(call(2 * i, addresses.get(i), TOTAL_SUPPLY));
            calls.add(call(2 * i + 1, addresses.get(i), DECIMALS));
        }
        String body = PullJson.MAPPER.writeValueAsString(calls);
        JsonNode root = PullJson.MAPPER.readTree(http.postJson(uri, Map.of(), body).toFile());
        String where = API + " POST " + http.redact(uri.toString());
        if (!root.isArray()) {
            // A batch the node rejects as a whole comes back as one error object.
            String error = root.path("error").path("message").asText(root.toString());
            throw new ApiRequestException(where + ": the JSON-RPC batch was rejected: " + http.redact(error), null);
        }
        Map<Integer, String> results = new LinkedHashMap<>();
        for (JsonNode answer : root) {
            int id = answer.path("id").asInt(-1);
            if (answer.has("error")) {
                LOG.warn("{}: eth_call {} failed: {}", where, describeCall(id, addresses),
                        http.redact(answer.path("error").path("message").asText(answer.path("error").toString())));
            } else if (answer.path("result").isTextual()) {
                results.put(id, answer.path("result").asText());
            }
        }
        for (int i = 0; i < addresses.size(); i++) {
            Optional<BigInteger> supply = uint256(results.get(2 * i));
            Optional<BigInteger> decimals = uint256(results.get(2 * i + 1));
            if (supply.isEmpty() || decimals.isEmpty() || decimals.get().compareTo(BigInteger.valueOf(255)) > 0) {
                LOG.warn("{}: no ERC-20 totalSupply/decimals from {}; its supply is not checked", API, addresses.get(i));
                continue;
            }
            supplies.put(addresses.get(i), new TokenSupply(addresses.get(i), supply.get(), decimals.get().intValue()));
        }
    }

    private static ObjectNode call(int id, String to, String data) {
        ObjectNode call = PullJson.MAPPER.createObjectNode();
        call.put("jsonrpc", "2.0");
        call.put("id", id);
        call.put("method", "eth_call");
        ArrayNode params = call.putArray("params");
        params.addObject().put("to", to).put("data", data);
        params.add("latest");
        return call;
    }

    private static String describeCall(int id, List<String> addresses) {
        if (id < 0 || id / 2 >= addresses.size()) {
            return "#" + id;
        }
        return (id % 2 == 0 ? "totalSupply()" : "decimals()") + " on " + addresses.get(id / 2);
    }

    /** A 32-byte word as returned by eth_call; empty for "0x" (no code, or a revert some nodes report that way). */
    static Optional<BigInteger> uint256(String hex) {
        if (hex == null || !hex.startsWith("0x") || hex.length() <= 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigInteger(hex.substring(2), 16));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
