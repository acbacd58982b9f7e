package io.dexposure.replayer.pull;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * DefiLlama's TVL API (docs: DefiLlama/docs {@code api.md}): the protocol list and each protocol's TVL history.
 * Histories are handed over as the cached response file, read later by {@link ProtocolHistoryReader} once per week.
 */
public final class DefiLlamaClient {
    public static final String API = "DefiLlama";
    public static final String DEFAULT_URL = "https://api.llama.fi";

    private final ApiHttpClient http;
    private final String base;

    /** @param baseUrl e.g. {@link #DEFAULT_URL}; may contain {@code {key}} (pro API) */
    public DefiLlamaClient(ApiHttpClient http, String baseUrl, Optional<String> key) {
        this.http = http;
        this.base = ApiUrls.base(API, baseUrl, key);
    }

    public ApiHttpClient http() {
        return http;
    }

    /** {@code GET /protocols}: every listed protocol; entries without an id are left out. */
    public List<ListedProtocol> protocols() throws IOException {
        URI uri = URI.create(base + "/protocols");
        Path body = http.get(uri, Map.of());
        JsonNode root = PullJson.MAPPER.readTree(body.toFile());
        if (!root.isArray()) {
            throw new ApiRequestException(API + " GET " + http.redact(uri.toString())
                    + ": expected a JSON array of protocols, got " + root.getNodeType(), null);
        }
        List<ListedProtocol> protocols = new ArrayList<>(root.size());
        for (JsonNode p : root) {
            String id = text(p, "id");
            if (id == null) {
                continue;
            }
            String name = text(p, "name");
            String slug = text(p, "slug");
            if (slug == null && name != null) {
                slug = Sluggify.slug(name);
            }
            List<String> chains = new ArrayList<>();
            p.path("chains").forEach(c -> {
                if (c.isTextual()) {
                    chains.add(c.asText());
                }
            });
            protocols.add(new ListedProtocol(id, name, slug, text(p, "category"), text(p, "symbol"),
                    text(p, "address"), text(p, "gecko_id"), chains, p.path("misrepresentedTokens").asBoolean(false),
                    p.path("doublecounted").asBoolean(false), p.path("tvl").asDouble(0), text(p, "parentProtocol")));
        }
        return protocols;
    }

    /** {@code GET /protocol/{slug}}: the cached history file, or empty when DefiLlama answers 404. */
    public Optional<Path> protocolHistory(String slug) throws IOException {
        return http.getUnlessNotFound(URI.create(base + "/protocol/" + ApiUrls.pathSegment(slug)), Map.of());
    }

    /** How messages name a protocol's history. */
    public static String describeHistory(String slug) {
        return API + " /protocol/" + slug;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isEmpty() ? null : text;
    }
}
