package io.dexposure.analytics.alerts;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The alert rules' thresholds, read from one documented properties file: the shipped
 * {@code alert-thresholds.properties} (every key, with what it means), optionally overridden key by key
 * by a user's file. An unknown key or a value that is not a number is an error naming the file and key.
 */
public final class AlertThresholds implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final String DEFAULTS = "alert-thresholds.properties";

    private final Properties values;
    private final String source;

    private AlertThresholds(Properties values, String source) {
        this.values = values;
        this.source = source;
    }

    public static AlertThresholds defaults() {
        try (InputStream in = AlertThresholds.class.getResourceAsStream(DEFAULTS)) {
            Properties p = new Properties();
            p.load(in);
            return new AlertThresholds(p, DEFAULTS);
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the shipped " + DEFAULTS + " cannot be read", e);
        }
    }

    /** The defaults with the keys of {@code file} replacing theirs. */
    public static AlertThresholds load(Path file) throws IOException {
        AlertThresholds defaults = defaults();
        Properties user = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            user.load(in);
        }
        Properties merged = new Properties();
        merged.putAll(defaults.values);
        for (String key : user.stringPropertyNames()) {
            if (!defaults.values.containsKey(key)) {
                throw new IllegalArgumentException(file + ": unknown key '" + key + "' (the keys are those of the shipped "
                        + DEFAULTS + ")");
            }
            merged.setProperty(key, user.getProperty(key).trim());
        }
        AlertThresholds loaded = new AlertThresholds(merged, file.toString());
        for (String key : merged.stringPropertyNames()) {
            if (!key.equals("regime-change.metrics")) {
                loaded.number(key);
            }
        }
        return loaded;
    }

    public double number(String key) {
        String value = values.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException(source + ": missing key '" + key + "'");
        }
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(source + ": '" + key + "' must be a number, not '" + value.trim() + "'");
        }
    }

    public int integer(String key) {
        return (int) Math.round(number(key));
    }

    public List<String> list(String key) {
        return Arrays.stream(values.getProperty(key, "").split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** A copy with one key changed (tests, and tools that sweep a threshold). */
    public AlertThresholds with(String key, String value) {
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException("unknown key '" + key + "'");
        }
        Properties copy = new Properties();
        copy.putAll(values);
        copy.setProperty(key, value);
        return new AlertThresholds(copy, source);
    }

    @Override
    public String toString() {
        return source;
    }
}
