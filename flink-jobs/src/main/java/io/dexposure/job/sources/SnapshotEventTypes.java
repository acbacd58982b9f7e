package io.dexposure.job.sources;

import io.dexposure.events.SnapshotEvent;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

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

    private static TypeInformation<SnapshotEvent> pojo() {
        Map<String, TypeInformation<?>> fields = new LinkedHashMap<>();
        for (String s : new String[]{"type", "week", "id", "kind", "name", "category", "source", "target", "origin"}) {
            fields.put(s, Types.STRING);
        }
        for (String i : new String[]{"seq", "nodes", "links", "droppedLinks", "flippedLinks", "nullIdNodes", "nullIdLinks",
                "nonPositiveLinks"}) {
            fields.put(i, Types.INT);
        }
        fields.put("tvlUsd", Types.DOUBLE);
        fields.put("exposureUsd", Types.DOUBLE);
        fields.put("flipped", Types.BOOLEAN);
        fields.put("composition", Types.MAP(Types.STRING, Types.DOUBLE));
        return Types.POJO(SnapshotEvent.class, fields);
    }
}
