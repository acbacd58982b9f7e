package io.dexposure.job.sources;

import io.dexposure.events.SnapshotEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Flink type information for {@link SnapshotEvent}: a POJO whose composition map is declared as a
 * MapTypeInfo, so no field falls back to Kryo.
 */
public final class SnapshotEventTypes {
    public static final TypeInformation<SnapshotEvent> EVENT = pojo();

    private SnapshotEventTypes() {
    }

    /**
     * Every public field of the record, typed by its Java type: a field added to {@link SnapshotEvent} travels
     * between operators without a second list to keep in step (the quirk counts once did not).
     */
    private static TypeInformation<SnapshotEvent> pojo() {
        Map<String, TypeInformation<?>> fields = new LinkedHashMap<>();
        for (Field f : SnapshotEvent.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers())) {
                fields.put(f.getName(), typeOf(f));
            }
        }
        return Types.POJO(SnapshotEvent.class, fields);
    }

    private static TypeInformation<?> typeOf(Field f) {
        Class<?> t = f.getType();
        if (t == String.class) {
            return Types.STRING;
        }
        if (t == Integer.class) {
            return Types.INT;
        }
        if (t == Double.class) {
            return Types.DOUBLE;
        }
        if (t == Boolean.class) {
            return Types.BOOLEAN;
        }
        if (Map.class.isAssignableFrom(t)) { // the composition: token -> USD
            return Types.MAP(Types.STRING, Types.DOUBLE);
        }
        throw new IllegalStateException("SnapshotEvent." + f.getName() + ": no Flink type for " + t.getSimpleName());
    }
}
