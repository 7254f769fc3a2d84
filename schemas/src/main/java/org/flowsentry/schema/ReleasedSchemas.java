package org.flowsentry.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * The schema versions already released to users, kept as .avsc snapshots under
 * {@code org/flowsentry/schema/released/<version>/}. Decoders register them so that messages
 * from older producers still decode; a test checks every current schema against them.
 */
public final class ReleasedSchemas {
    private static final String ROOT = "org/flowsentry/schema/released/";
    /** Parse order: later files refer to types defined by earlier ones. */
    public static final List<String> RECORDS = List.of("FlowRecord", "Alert", "ModelBundle", "Feedback", "DeadLetter");

    private ReleasedSchemas() {}

    /** Released versions, oldest first. */
    public static List<String> versions() {
        String text = resource(ROOT + "versions.txt");
        List<String> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String v = line.strip();
            if (!v.isEmpty() && !v.startsWith("#")) out.add(v);
        }
        return out;
    }

    /** The record schemas of one released version, by record name. */
    public static Map<String, Schema> version(String version) {
        Schema.Parser parser = new Schema.Parser();
        Map<String, Schema> out = new LinkedHashMap<>();
        for (String name : RECORDS) {
            out.put(name, parser.parse(resource(ROOT + version + "/" + name + ".avsc")));
        }
        return out;
    }

    /** Every released form of one record, oldest first. */
    public static List<Schema> history(String recordName) {
        List<Schema> out = new ArrayList<>();
        for (String v : versions()) out.add(version(v).get(recordName));
        return out;
    }

    private static String resource(String path) {
        try (InputStream in = ReleasedSchemas.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("missing schema resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
