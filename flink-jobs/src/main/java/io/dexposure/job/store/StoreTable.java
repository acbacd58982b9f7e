package io.dexposure.job.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dexposure.events.WeekDates;
import org.apache.flink.connector.jdbc.JdbcStatementBuilder;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One result record type as one table of the event-time store: the record's public fields are the
 * columns (camelCase -> snake_case), {@code week} and {@code madeAt} are dates, lists and nested records
 * are jsonb. Builds the upsert (INSERT ... ON CONFLICT (key) DO UPDATE), binds a record to it, and reads
 * rows back into records (the report). The tables themselves are created by the versioned SQL in
 * dashboards/sql; a test checks that every field here has its column there.
 */
public final class StoreTable<T> implements Serializable {
    private static final long serialVersionUID = 1L;
    static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final Set<String> DATE_FIELDS = Set.of("week", "madeAt");

    /** How a field is stored. */
    enum Kind { TEXT, DATE, INTEGER, BIGINT, DOUBLE, BOOLEAN, JSONB }

    /** A column: the field it comes from, its name and kind. */
    record Column(String field, String name, Kind kind) implements Serializable {
    }

    private final String name;
    private final Class<T> type;
    private final List<String> key;
    private final List<Column> columns;
    private transient Field[] fields;

    public StoreTable(String name, Class<T> type, String... keyColumns) {
        this.name = name;
        this.type = type;
        this.key = List.of(keyColumns);
        this.columns = Arrays.stream(type.getFields())
                .filter(f -> !Modifier.isStatic(f.getModifiers()))
                .map(f -> new Column(f.getName(), snakeCase(f.getName()), kindOf(f)))
                .toList();
        List<String> names = columnNames();
        if (!names.containsAll(key)) {
            throw new IllegalArgumentException(name + ": key " + key + " is not among the columns " + names);
        }
    }

    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    public List<String> key() {
        return key;
    }

    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    List<Column> columns() {
        return columns;
    }

    /** The idempotent write: a row per key, rewritten (and its updated_at set) when the key comes again. */
    public String upsertSql() {
        String values = columns.stream().map(c -> switch (c.kind()) {
            case DATE -> "CAST(? AS date)";
            case JSONB -> "CAST(? AS jsonb)";
            default -> "?";
        }).collect(Collectors.joining(", "));
        String updates = columns.stream().filter(c -> !key.contains(c.name()))
                .map(c -> c.name() + " = EXCLUDED." + c.name()).collect(Collectors.joining(", "));
        return "INSERT INTO " + name + " (" + String.join(", ", columnNames()) + ") VALUES (" + values + ")"
                + " ON CONFLICT (" + String.join(", ", key) + ") DO UPDATE SET " + updates + ", updated_at = now()";
    }

    /** Binds a record to {@link #upsertSql()}; for the Flink JDBC sink. */
    public JdbcStatementBuilder<T> statementBuilder() {
        StoreTable<T> table = this;
        return table::bind;
    }

    public void bind(PreparedStatement statement, T record) throws SQLException {
        Field[] f = fields();
        for (int i = 0; i < f.length; i++) {
            Object value;
            try {
                value = f[i].get(record);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
            Column column = columns.get(i);
            int p = i + 1;
            if (value == null) {
                statement.setNull(p, sqlType(column.kind()));
                continue;
            }
            switch (column.kind()) {
                case DATE -> {
                    // Not every week field is a date: an unreadable record is reported under week "unknown".
                    String text = value.toString();
                    if (WeekDates.parseOrNull(text) == null) {
                        statement.setNull(p, Types.VARCHAR);
                    } else {
                        statement.setString(p, text);
                    }
                }
                case JSONB -> statement.setString(p, toJson(value));
                case TEXT -> statement.setString(p, value.toString());
                default -> statement.setObject(p, value);
            }
        }
    }

    /** The row the result set is on, as a record (inverse of {@link #bind}). */
    public T read(ResultSet row) throws SQLException {
        try {
            T record = type.getDeclaredConstructor().newInstance();
            Field[] f = fields();
            for (int i = 0; i < f.length; i++) {
                Column column = columns.get(i);
                Object value = switch (column.kind()) {
                    case TEXT, DATE -> row.getString(column.name());
                    case JSONB -> fromJson(row.getString(column.name()), f[i]);
                    case INTEGER -> nullIfWasNull(row, row.getInt(column.name()));
                    case BIGINT -> nullIfWasNull(row, row.getLong(column.name()));
                    case DOUBLE -> nullIfWasNull(row, row.getDouble(column.name()));
                    case BOOLEAN -> nullIfWasNull(row, row.getBoolean(column.name()));
                };
                if (value != null || !f[i].getType().isPrimitive()) {
                    f[i].set(record, value);
                }
            }
            return record;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " cannot be read from " + name, e);
        }
    }

    @Override
    public String toString() {
        return name + key;
    }

    private static Object nullIfWasNull(ResultSet row, Object value) throws SQLException {
        return row.wasNull() ? null : value;
    }

    private Field[] fields() {
        if (fields == null) {
            Field[] resolved = new Field[columns.size()];
            for (int i = 0; i < resolved.length; i++) {
                try {
                    resolved[i] = type.getField(columns.get(i).field());
                } catch (NoSuchFieldException e) {
                    throw new IllegalStateException(e);
                }
            }
            fields = resolved;
        }
        return fields;
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object fromJson(String text, Field field) {
        if (text == null) {
            return null;
        }
        try {
            JavaType javaType = JSON.getTypeFactory().constructType(field.getGenericType());
            return JSON.readValue(text, javaType);
        } catch (IOException e) {
            throw new UncheckedIOException("column of " + field + " is not its JSON", e);
        }
    }

    static String snakeCase(String camel) {
        return camel.replaceAll("(?<=[a-z0-9])([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }

    private static Kind kindOf(Field f) {
        Class<?> t = f.getType();
        if (DATE_FIELDS.contains(f.getName()) && t == String.class) {
            return Kind.DATE;
        }
        if (t == String.class) {
            return Kind.TEXT;
        }
        if (t == int.class || t == Integer.class || t == short.class || t == Short.class) {
            return Kind.INTEGER;
        }
        if (t == long.class || t == Long.class) {
            return Kind.BIGINT;
        }
        if (t == double.class || t == Double.class || t == float.class || t == Float.class) {
            return Kind.DOUBLE;
        }
        if (t == boolean.class || t == Boolean.class) {
            return Kind.BOOLEAN;
        }
        return Kind.JSONB;
    }

    private static int sqlType(Kind kind) {
        return switch (kind) {
            case TEXT, DATE, JSONB -> Types.VARCHAR;
            case INTEGER -> Types.INTEGER;
            case BIGINT -> Types.BIGINT;
            case DOUBLE -> Types.DOUBLE;
            case BOOLEAN -> Types.BOOLEAN;
        };
    }

    /** The SQL type names information_schema reports for each kind (the schema test compares them). */
    static String informationSchemaType(Kind kind) {
        return switch (kind) {
            case TEXT -> "text";
            case DATE -> "date";
            case INTEGER -> "integer";
            case BIGINT -> "bigint";
            case DOUBLE -> "double precision";
            case BOOLEAN -> "boolean";
            case JSONB -> "jsonb";
        };
    }

    /** Every column with its information_schema type, for the schema test. */
    List<String> expectedColumnTypes() {
        List<String> out = new ArrayList<>();
        for (Column c : columns) {
            out.add(c.name() + " " + informationSchemaType(c.kind()));
        }
        return out;
    }
}
