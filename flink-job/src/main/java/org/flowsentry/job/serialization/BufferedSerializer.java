package org.flowsentry.job.serialization;

import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * A serializer that owns a write buffer, so an instance serves one thread: {@link #duplicate()}
 * returns a new instance, as Flink expects of serializers with state. Instances are equal when
 * their classes are (the buffer is not configuration); subclasses with configuration override.
 */
abstract class BufferedSerializer<T> extends TypeSerializer<T> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass();
    }

    @Override
    public int hashCode() {
        return getClass().hashCode();
    }
}
