package io.dexposure.replayer.pull;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Base URLs as configured: a URL may carry the API key in its path as {@code {key}} (DefiLlama's pro API
 * {@code https://pro-api.llama.fi/{key}/api}, Infura's {@code https://mainnet.infura.io/v3/{key}}), so the key stays
 * out of command lines and config files that hold URLs.
 */
final class ApiUrls {
    static final String KEY_PLACEHOLDER = "{key}";

    private ApiUrls() {
    }

    static boolean needsKey(String baseUrl) {
        return baseUrl.contains(KEY_PLACEHOLDER);
    }

    /** The base URL with the key filled in and no trailing slash. */
    static String base(String api, String baseUrl, Optional<String> key) {
        String url = baseUrl;
        if (needsKey(url)) {
            if (key.isEmpty()) {
                throw new IllegalArgumentException(api + " URL " + baseUrl + " needs an API key for " + KEY_PLACEHOLDER
                        + ", and none is set");
            }
            url = url.replace(KEY_PLACEHOLDER, pathSegment(key.get()));
        }
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        URI.create(url); // fail early on a malformed URL (the message shows the configured text, never the key)
        return url;
    }

    static String pathSegment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String queryValue(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
