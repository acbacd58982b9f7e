package io.dexposure.job.types;

import io.dexposure.analytics.metrics.ProtocolMetrics;
import io.dexposure.analytics.metrics.RankedNode;
import io.dexposure.analytics.metrics.WeekMetrics;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.api.java.typeutils.TypeExtractor;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;

/** Flink type information for the result records, with lists declared so that nothing falls back to Kryo. */
public final class MetricsTypes {
    public static final TypeInformation<RankedNode> RANKED_NODE = TypeInformation.of(RankedNode.class);
    public static final TypeInformation<WeekMetrics> WEEK_METRICS = weekMetrics();
    public static final TypeInformation<ProtocolMetrics> PROTOCOL_METRICS = TypeInformation.of(ProtocolMetrics.class);

    private MetricsTypes() {
    }

    private static TypeInformation<WeekMetrics> weekMetrics() {
        Map<String, TypeInformation<?>> fields = new LinkedHashMap<>();
        for (Field f : WeekMetrics.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            fields.put(f.getName(), java.util.List.class.equals(f.getType())
                    ? Types.LIST(TypeInformation.of((Class<?>) ((java.lang.reflect.ParameterizedType) f.getGenericType())
                            .getActualTypeArguments()[0]))
                    : TypeExtractor.createTypeInfo(f.getType()));
        }
        TypeInformation<WeekMetrics> info = Types.POJO(WeekMetrics.class, fields);
        if (!(info instanceof PojoTypeInfo)) {
            throw new IllegalStateException("WeekMetrics is no longer a Flink POJO");
        }
        return info;
    }
}
