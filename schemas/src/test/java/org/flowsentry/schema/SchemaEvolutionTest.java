package org.flowsentry.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The evolution rules for the wire contracts: against every released version, the current
 * schema reads old data (backward), old readers read new data (forward), and every field that
 * was added has a default.
 */
class SchemaEvolutionTest {

    static List<Object[]> cases() {
        List<Object[]> out = new ArrayList<>();
        for (String version : ReleasedSchemas.versions()) {
            for (Map.Entry<String, Schema> e : ReleasedSchemas.version(version).entrySet()) {
                out.add(new Object[] {version, e.getKey(), e.getValue()});
            }
        }
        return out;
    }

    /** The schema of the generated class, i.e. what producers write today. */
    private static Schema current(String record) {
        try {
            return SpecificData.get().getSchema(Class.forName("org.flowsentry.schema." + record));
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no generated class for released record " + record, e);
        }
    }

    @ParameterizedTest(name = "{1} reads data written with {0}")
    @MethodSource("cases")
    void currentSchemaReadsEveryReleasedVersion(String version, String record, Schema released) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(current(record), released);
        assertThat(result.getType()).as(result.getDescription()).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @ParameterizedTest(name = "{1} of {0} reads data written now")
    @MethodSource("cases")
    void releasedReadersReadCurrentData(String version, String record, Schema released) {
        var result = SchemaCompatibility.checkReaderWriterCompatibility(released, current(record));
        assertThat(result.getType()).as(result.getDescription()).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @ParameterizedTest(name = "fields added to {1} since {0} have defaults")
    @MethodSource("cases")
    void everyAddedFieldHasADefault(String version, String record, Schema released) {
        List<String> missingDefaults = new ArrayList<>();
        collectAddedFieldsWithoutDefault(current(record), released, record, missingDefaults);
        assertThat(missingDefaults).as("fields added without a default").isEmpty();
    }

    private static void collectAddedFieldsWithoutDefault(Schema now, Schema then, String path, List<String> out) {
        if (now.getType() == Schema.Type.UNION) {
            for (Schema branch : now.getTypes()) {
                Schema old = then == null ? null : sameNamedBranch(then, branch);
                if (old != null) collectAddedFieldsWithoutDefault(branch, old, path, out);
            }
            return;
        }
        if (now.getType() == Schema.Type.ARRAY && then.getType() == Schema.Type.ARRAY) {
            collectAddedFieldsWithoutDefault(now.getElementType(), then.getElementType(), path + "[]", out);
            return;
        }
        if (now.getType() != Schema.Type.RECORD || then.getType() != Schema.Type.RECORD) return;
        for (Schema.Field f : now.getFields()) {
            Schema.Field old = then.getField(f.name());
            if (old == null) {
                if (!f.hasDefaultValue()) out.add(path + "." + f.name());
            } else {
                collectAddedFieldsWithoutDefault(f.schema(), old.schema(), path + "." + f.name(), out);
            }
        }
    }

    private static Schema sameNamedBranch(Schema union, Schema branch) {
        if (union.getType() != Schema.Type.UNION) return union.getType() == branch.getType() ? union : null;
        for (Schema t : union.getTypes()) {
            if (t.getType() == branch.getType() && (t.getType() != Schema.Type.RECORD || t.getFullName().equals(branch.getFullName()))) {
                return t;
            }
        }
        return null;
    }

    @ParameterizedTest(name = "{1} of {0} is frozen")
    @MethodSource("cases")
    void releasedSnapshotsDifferFromCurrentOnlyByAdditions(String version, String record, Schema released) {
        for (Schema.Field old : released.getFields()) {
            Schema.Field now = current(record).getField(old.name());
            assertThat(now).as("field %s.%s was released in %s and must not be removed or renamed", record, old.name(), version)
                    .isNotNull();
        }
    }
}
