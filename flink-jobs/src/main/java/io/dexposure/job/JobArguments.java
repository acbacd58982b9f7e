package io.dexposure.job;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the job's flags without picocli, for {@link ExposureMonitorJob#main} on a cluster (the job jar
 * leaves picocli out). A flag is the kebab-case name of an option group's public field
 * ({@code checkpointIntervalMs} -> {@code --checkpoint-interval-ms}; {@code pageRankDamping} ->
 * {@code --pagerank-damping}), which is how the groups' picocli annotations name them too:
 * {@code JobArgumentsTest} (tools) checks that both parsers accept every flag and agree. Booleans take
 * {@code --flag}, {@code --no-flag} or {@code --flag=true|false}; arrays take comma-separated values;
 * {@code --topic STREAM=TOPIC} repeats.
 */
public final class JobArguments {
    private JobArguments() {
    }

    /** The flag name of a field: camelCase to kebab-case, "pageRank" written as one word as the CLI always has. */
    public static String flagOf(Field field) {
        String name = field.getName();
        if (name.equals("topics")) {
            return "--topic";
        }
        if (name.equals("alertThresholdsFile")) {
            return "--alert-thresholds";
        }
        String kebab = name.replace("pageRank", "pagerank").replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
        return "--" + kebab;
    }

    /** Every (flag, field, group) the job accepts. */
    public static Map<String, Field> flags(JobOptions options) {
        Map<String, Field> flags = new LinkedHashMap<>();
        for (Object group : groups(options)) {
            for (Field f : group.getClass().getFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    flags.put(flagOf(f), f);
                }
            }
        }
        return flags;
    }

    static List<Object> groups(JobOptions o) {
        return List.of(o.kafka, o.execution, o.analysis, o.alerts, o.market, o.roland, o.store);
    }

    /** Sets the options from the arguments; an unknown flag or a bad value throws with a one-line message. */
    public static void apply(String[] args, JobOptions options) {
        Map<String, Field> flags = flags(options);
        Map<Field, Object> owner = new LinkedHashMap<>();
        for (Object group : groups(options)) {
            for (Field f : group.getClass().getFields()) {
                owner.put(f, group);
            }
        }
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        if (!rest.isEmpty() && rest.get(0).equals("job")) {
            rest.remove(0); // the umbrella CLI's subcommand name, tolerated so old submit scripts keep working
        }
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "' (flags: docs/cli.md, section job)");
            }
            String flag = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                flag = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            Field field = flags.get(flag);
            boolean negated = false;
            if (field == null && flag.startsWith("--no-")) {
                field = flags.get("--" + flag.substring(5));
                negated = field != null && field.getType() == boolean.class;
                if (!negated) {
                    field = null;
                }
            }
            if (field == null) {
                throw new IllegalArgumentException("unknown flag " + flag + " (flags: docs/cli.md, section job)");
            }
            if (field.getType() == boolean.class) {
                set(field, owner.get(field), value == null ? !negated : Boolean.parseBoolean(value));
                continue;
            }
            if (value == null) {
                if (i + 1 >= rest.size()) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                value = rest.get(++i);
            }
            try {
                set(field, owner.get(field), convert(field, owner.get(field), value));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("bad value '" + value + "' for " + flag + ": " + e.getMessage());
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object convert(Field field, Object group, String value) {
        Class<?> type = field.getType();
        if (type == String.class) {
            return value;
        }
        if (type == int.class) {
            return Integer.parseInt(value);
        }
        if (type == long.class) {
            return Long.parseLong(value);
        }
        if (type == double.class) {
            return Double.parseDouble(value);
        }
        if (type == int[].class) {
            return Arrays.stream(value.split(",")).mapToInt(v -> Integer.parseInt(v.trim())).toArray();
        }
        if (type.isEnum()) {
            return Enum.valueOf((Class<Enum>) type, value.toUpperCase(Locale.ROOT));
        }
        if (Map.class.isAssignableFrom(type)) {
            int eq = value.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("expected KEY=VALUE");
            }
            Map<String, String> map;
            try {
                map = new LinkedHashMap<>((Map<String, String>) field.get(group));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            map.put(value.substring(0, eq), value.substring(eq + 1));
            return map;
        }
        throw new IllegalStateException("no conversion to " + type.getSimpleName());
    }

    private static void set(Field field, Object group, Object value) {
        try {
            field.set(group, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
