package org.flowsentry.job.serialization;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.flowsentry.job.data.FlowEvent;

/** Named by {@code @TypeInfo} on FlowEvent: every stream and state of FlowEvent uses {@link FlowEventSerializer}. */
public final class FlowEventTypeInfoFactory extends TypeInfoFactory<FlowEvent> {
    @Override
    public TypeInformation<FlowEvent> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
        return new SerializerTypeInfo<>(FlowEvent.class, new FlowEventSerializer());
    }
}
