package org.flowsentry.job.serialization;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Snapshot of a hand-written serializer whose binary format has a version number. Flink writes
 * {@link #getCurrentVersion()} into every checkpoint next to this class's name, so a later format
 * can recognise state written in an older one. A serializer reads the formats from {@code oldest}
 * to {@code current}: state in an older one restores with a serializer for that format
 * ({@link #format()}) and is migrated (Flink reads it with that serializer and writes it again
 * with the current one); state of any other format is refused on restore with a readable error
 * instead of misread. Subclasses are public with a public no-argument constructor: Flink
 * instantiates them by name.
 */
public abstract class FormatSnapshot<T> implements TypeSerializerSnapshot<T> {
    private final int current;
    private final int oldest;
    /** The format of the state this snapshot describes: current, or the one read from a checkpoint. */
    private int format;

    /** For a serializer that reads only the format it writes. */
    protected FormatSnapshot(int current) {
        this(current, current, current);
    }

    /**
     * @param current the format this build writes
     * @param oldest the oldest format it still reads
     * @param format the format of the state described (a serializer restored from older state has its)
     */
    protected FormatSnapshot(int current, int oldest, int format) {
        this.current = current;
        this.oldest = oldest;
        this.format = format;
    }

    /** The format of the state this snapshot describes. */
    protected int format() {
        return format;
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
        if (readVersion < oldest || readVersion > current) {
            throw new IOException(getClass().getName() + ": state was written in format " + readVersion + ", this build reads "
                    + (oldest == current ? "format " + current : "formats " + oldest + " to " + current));
        }
        format = readVersion;
    }

    /** As is for state in the current format, after migration for state in an older one this build reads. */
    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> oldSnapshot) {
        // An old snapshot of this class was read in a format readSnapshot accepts.
        if (oldSnapshot.getClass() != getClass()) return TypeSerializerSchemaCompatibility.incompatible();
        return ((FormatSnapshot<T>) oldSnapshot).format == current
                ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                : TypeSerializerSchemaCompatibility.compatibleAfterMigration();
    }
}
