package io.dexposure.replayer.pull;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The API keys of the pull, from a keys file and the environment; never logged or printed ({@link #toString()} says
 * only which keys are set).
 *
 * <p>Keys file: Java properties, {@code defillama.api-key}, {@code coingecko.api-key}, {@code infura.api-key}.
 * Environment: {@code DEFILLAMA_API_KEY}, {@code COINGECKO_API_KEY}, {@code INFURA_API_KEY}. A key in the file named
 * on the command line wins over the environment (it was asked for explicitly). All keys are optional: DefiLlama's
 * open API and CoinGecko's public API need none; without an Infura key the supply check is skipped.
 */
public final class ApiKeys {
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeys.class);

    public enum Api {
        DEFILLAMA("defillama.api-key", "DEFILLAMA_API_KEY"),
        COINGECKO("coingecko.api-key", "COINGECKO_API_KEY"),
        INFURA("infura.api-key", "INFURA_API_KEY");

        final String property;
        final String environmentVariable;

        Api(String property, String environmentVariable) {
            this.property = property;
            this.environmentVariable = environmentVariable;
        }

        public String property() {
            return property;
        }

        public String environmentVariable() {
            return environmentVariable;
        }
    }

    private final Map<Api, String> keys;

    private ApiKeys(Map<Api, String> keys) {
        this.keys = keys;
    }

    public static ApiKeys none() {
        return new ApiKeys(Map.of());
    }

    /**
     * @param keysFile    properties file, or null
     * @param environment usually {@code System.getenv()}
     */
    public static ApiKeys load(Path keysFile, Map<String, String> environment) throws IOException {
        Map<Api, String> keys = new LinkedHashMap<>();
        for (Api api : Api.values()) {
            String value = environment.get(api.environmentVariable);
            if (value != null && !value.isBlank()) {
                keys.put(api, value.trim());
            }
        }
        if (keysFile != null) {
            Properties file = new Properties();
            try (Reader in = Files.newBufferedReader(keysFile, StandardCharsets.UTF_8)) {
                file.load(in);
            }
            for (Api api : Api.values()) {
                String value = file.getProperty(api.property);
                if (value != null && !value.isBlank()) {
                    keys.put(api, value.trim());
                }
            }
            for (String name : file.stringPropertyNames()) {
                if (java.util.Arrays.stream(Api.values()).noneMatch(a -> a.property.equals(name))) {
                    // The value is not shown: it may be a key under a misspelt name.
                    LOG.warn("keys file {}: unknown entry '{}' ignored (known: defillama.api-key, coingecko.api-key, "
                            + "infura.api-key)", keysFile, name);
                }
            }
            warnIfReadableByOthers(keysFile);
        }
        return new ApiKeys(keys);
    }

    public Optional<String> get(Api api) {
        return Optional.ofNullable(keys.get(api));
    }

    /** Every key, for redaction. */
    public List<String> secrets() {
        return new ArrayList<>(keys.values());
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("ApiKeys[");
        for (Api api : Api.values()) {
            s.append(api.name().toLowerCase(java.util.Locale.ROOT)).append(keys.containsKey(api) ? "=set" : "=unset");
            s.append(api.ordinal() < Api.values().length - 1 ? ", " : "]");
        }
        return s.toString();
    }

    private static void warnIfReadableByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ)
                    || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("keys file {} is readable by other users; chmod 600 it", file);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: nothing to check
        }
    }
}
