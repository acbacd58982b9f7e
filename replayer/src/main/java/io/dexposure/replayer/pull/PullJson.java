package io.dexposure.replayer.pull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * How pulled responses are parsed, in one place so that the check made before a response is cached and the parsing
 * after it agree on what valid JSON is. Source text is kept out of parser locations: a DefiLlama response is
 * megabytes on one line.
 */
final class PullJson {
    static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    private PullJson() {
    }
}
