package io.dexposure.replayer.pull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dexposure.replayer.pull.FixtureServer.Reply;

import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fixture APIs (src/test/resources/pull/README.md): DefiLlama from the resource files, CoinGecko and Ethereum
 * JSON-RPC as handlers answering in their documented shapes from the tables below.
 */
final class PullFixtures {
    static final List<String> SLUGS = List.of("lendo", "stako", "vaulty", "bridgy", "tiny", "oldie", "later");

    /** CoinGecko id -> USD price at every week's timestamp. */
    static final Map<String, Double> PRICES = Map.of("weth", 3000.0, "tether", 1.0, "stako", 2000.0, "lendo", 0.5,
            "usd-coin", 1.0);

    /** Ethereum address -> {totalSupply, decimals}. */
    static final Map<String, BigInteger[]> SUPPLIES = Map.of(
            "0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2", supply("2000000000000000000", 18),      // 2 WETH
            "0xdac17f958d2ee523a2206206994597c13d831ec7", supply("5000000000", 6),                 // 5,000 USDT
            "0x2222222222222222222222222222222222222222", supply("250000000000000000", 18),       // 0.25 stTKN
            "0x1111111111111111111111111111111111111111", supply("1000000000000000000000", 18));  // 1,000 LND

    /** protocols.json as the client reads it. */
    static final List<ListedProtocol> LISTED = List.of(
            new ListedProtocol("100", "Lendo", "lendo", "Lending", "LND", "0x1111111111111111111111111111111111111111",
                    "lendo", List.of("Ethereum", "Arbitrum"), false, false, 2100.5, null),
            new ListedProtocol("200", "Stako", "stako", "Liquid Staking", "stTKN",
                    "ethereum:0x2222222222222222222222222222222222222222", "stako", List.of("Ethereum"), false, false,
                    4100, null),
            new ListedProtocol("300", "Vaulty", "vaulty", "Yield", "-", null, null, List.of("Ethereum", "Polygon"),
                    false, true, 1200, null),
            new ListedProtocol("400", "Bridgy", "bridgy", "Bridge", "BRG", "bsc:0x4444444444444444444444444444444444444444",
                    null, List.of("Ethereum"), true, false, 5000, null),
            new ListedProtocol("500", "Tiny", "tiny", "Dexes", "-", null, null, List.of("Ethereum"), false, false, 700,
                    null),
            new ListedProtocol("600", "Oldie", "oldie", "Dexes", "OLD", null, null, List.of("Ethereum"), false, false, 0,
                    null),
            new ListedProtocol("700", "Later", "later", "Dexes", "LTR", null, null, List.of("Ethereum"), false, false, 10,
                    null),
            new ListedProtocol("800", "Gone", "gone", "Dexes", "-", null, null, List.of("Ethereum"), false, false, 1,
                    null));

    private PullFixtures() {
    }

    /** The fixture protocols with data at {@code at}, read from the resource files (no server). */
    static List<ProtocolAtWeek> protocolsAt(java.time.Instant at) throws Exception {
        List<ProtocolAtWeek> week = new java.util.ArrayList<>();
        for (ListedProtocol p : LISTED) {
            java.net.URL resource = PullFixtures.class.getResource("/pull/protocol-" + p.slug() + ".json");
            if (resource == null) {
                continue; // "gone"
            }
            ProtocolHoldings holdings = ProtocolHistoryReader.read(java.nio.file.Path.of(resource.toURI()), at,
                    java.time.Duration.ofHours(48), p.slug());
            if (holdings.hasData()) {
                week.add(new ProtocolAtWeek(p, holdings));
            }
        }
        return week;
    }

    private static BigInteger[] supply(String raw, int decimals) {
        return new BigInteger[]{new BigInteger(raw), BigInteger.valueOf(decimals)};
    }

    /** /protocols, /protocol/{slug} for the fixture protocols, 404 for "gone". */
    static FixtureServer defiLlama(FixtureServer server) {
        server.resource("/protocols", "protocols.json");
        for (String slug : SLUGS) {
            server.resource("/protocol/" + slug, "protocol-" + slug + ".json");
        }
        server.script("/protocol/gone", Reply.status(404, "{\"message\":\"Protocol not found\"}"));
        return server;
    }

    /**
     * CoinGecko under {@code prefix}: /simple/price (prices last updated at {@code lastUpdatedAt}) and
     * /coins/{id}/market_chart/range (a point at the middle of the range, one hour either side a little off).
     */
    static FixtureServer coinGecko(FixtureServer server, String prefix, long lastUpdatedAt) {
        server.route(prefix + "/simple/price", request -> {
            String ids = URLDecoder.decode(query(request.pathAndQuery()).get("ids"), StandardCharsets.UTF_8);
            ObjectNode answer = PullJson.MAPPER.createObjectNode();
            for (String id : ids.split(",")) {
                if (PRICES.containsKey(id)) {
                    answer.putObject(id).put("usd", PRICES.get(id)).put("last_updated_at", lastUpdatedAt);
                }
            }
            return Reply.json(answer.toString());
        });
        server.route(prefix + "/coins/", request -> {
            String path = request.pathAndQuery().substring((prefix + "/coins/").length());
            String id = path.substring(0, path.indexOf('/'));
            Map<String, String> query = query(request.pathAndQuery());
            if (!PRICES.containsKey(id)) {
                return Reply.status(404, "{\"error\":\"coin not found\"}");
            }
            long middle = (Long.parseLong(query.get("from")) + Long.parseLong(query.get("to"))) / 2 * 1000;
            double price = PRICES.get(id);
            return Reply.json("{\"prices\": [[" + (middle - 3_600_000) + ", " + price * 1.1 + "], [" + middle + ", "
                    + price + "], [" + (middle + 3_600_000) + ", " + price * 0.9 + "]], \"market_caps\": [], "
                    + "\"total_volumes\": []}");
        });
        return server;
    }

    /** Ethereum JSON-RPC at {@code pathPrefix}: eth_call batches answered from {@link #SUPPLIES}, "0x" otherwise. */
    static FixtureServer ethereumRpc(FixtureServer server, String pathPrefix) {
        server.route(pathPrefix, request -> {
            try {
                JsonNode calls = PullJson.MAPPER.readTree(request.body());
                ArrayNode answers = PullJson.MAPPER.createArrayNode();
                for (JsonNode call : calls) {
                    ObjectNode answer = answers.addObject().put("jsonrpc", "2.0");
                    answer.set("id", call.get("id"));
                    if (!"eth_call".equals(call.path("method").asText())) {
                        answer.putObject("error").put("code", -32601).put("message", "method not found");
                        continue;
                    }
                    String to = call.path("params").path(0).path("to").asText();
                    String data = call.path("params").path(0).path("data").asText();
                    BigInteger[] supply = SUPPLIES.get(to);
                    if (supply == null) {
                        answer.put("result", "0x");
                    } else if (data.equals(EthereumRpcClient.TOTAL_SUPPLY)) {
                        answer.put("result", word(supply[0]));
                    } else if (data.equals(EthereumRpcClient.DECIMALS)) {
                        answer.put("result", word(supply[1]));
                    } else {
                        answer.putObject("error").put("code", 3).put("message", "execution reverted");
                    }
                }
                return Reply.json(answers.toString());
            } catch (Exception e) {
                return Reply.status(400, "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"parse error\"}}");
            }
        });
        return server;
    }

    /** A 32-byte ABI word, as eth_call returns it. */
    static String word(BigInteger value) {
        String hex = value.toString(16);
        return "0x" + "0".repeat(64 - hex.length()) + hex;
    }

    static Map<String, String> query(String pathAndQuery) {
        Map<String, String> query = new LinkedHashMap<>();
        int q = pathAndQuery.indexOf('?');
        if (q >= 0) {
            for (String pair : pathAndQuery.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                query.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return query;
    }
}
