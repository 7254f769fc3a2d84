package org.flowsentry.job.serialization;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Snapshot of a hand-written serializer whose binary format has a version number. Flink writes
 * {@link #getCurrentVersion()} into every checkpoint next to this class's name, so a later format
 * can recognise state written in an older one; until a format changes, state of another version
 * is refused on restore with a readable error instead of misread. Subclasses are public with a
 * public no-argument constructor: Flink instantiates them by name.
 */
public abstract class FormatSnapshot<T> implements TypeSerializerSnapshot<T> {
    private final int format;

    protected FormatSnapshot(int format) {
        this.format = format;
    }

    @Override
    public int getCurrentVersion() {
        return format;
    }

    @Override
    public void writeSnapshot(DataOutputView out) throws IOException {
        // Nothing besides the version, which Flink writes.
    }

    @Override
    public void readSnapshot(int readVersion, DataInputView in, ClassLoader classLoader) throws IOException {
        if (readVersion != format) {
            throw new IOException(getClass().getName() + ": state was written in format " + readVersion
                    + ", this build reads format " + format);
        }
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSnapshot) {
        // An old snapshot of this class was read in this format: readSnapshot refuses any other.
        return oldSnapshot.getClass() == getClass()
                ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                : TypeSerializerSchemaCompatibility.incompatible();
    }
}
