package org.flowsentry.core.ingest.own;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.flowsentry.core.flow.FlowRecords;
import org.flowsentry.core.ingest.MalformedRowException;
import org.flowsentry.schema.FlowRecord;

/**
 * FlowSentry's own CSV and JSON forms of a FlowRecord, derived from the Avro schema so that a
 * field added to the schema appears in both without code changes. Column and key names are the
 * schema's field names; null values are empty cells (CSV) or absent keys (JSON).
 */
public final class FlowRecordFields {
    /** The features map has no fixed columns, so CSV leaves it out; Avro and JSON keep it. */
    public static final String FEATURES = "features";

    private static final List<Schema.Field> SCALAR_FIELDS = new ArrayList<>();

    static {
        for (Schema.Field f : FlowRecord.getClassSchema().getFields()) {
            if (!f.name().equals(FEATURES)) SCALAR_FIELDS.add(f);
        }
    }

    private FlowRecordFields() {}

    /** The CSV columns, in schema order. */
    public static List<String> csvColumns() {
        return SCALAR_FIELDS.stream().map(Schema.Field::name).toList();
    }

    /** Cell texts for one record, in {@link #csvColumns()} order. */
    public static String[] toCsv(FlowRecord r) {
        String[] cells = new String[SCALAR_FIELDS.size()];
        for (int i = 0; i < cells.length; i++) {
            Object v = r.get(SCALAR_FIELDS.get(i).pos());
            cells[i] = v == null ? "" : v.toString();
        }
        return cells;
    }

    /** Sets one field from its CSV text; "" means null (or the schema default for non-null fields). */
    public static void setFromText(FlowRecord r, Schema.Field field, String text) throws MalformedRowException {
        Schema.Type type = valueType(field.schema());
        if (text.isEmpty()) {
            if (isNullable(field.schema())) r.put(field.pos(), null);
            return; // non-null fields keep the default FlowRecords.blank() set
        }
        try {
            switch (type) {
                case LONG -> r.put(field.pos(), Long.parseLong(text));
                case INT -> r.put(field.pos(), Integer.parseInt(text));
                case DOUBLE -> r.put(field.pos(), Double.parseDouble(text));
                case BOOLEAN -> r.put(field.pos(), Boolean.parseBoolean(text));
                case STRING -> r.put(field.pos(), text);
                default -> throw new IllegalStateException("no text form for " + field.name() + " of type " + type);
            }
        } catch (NumberFormatException e) {
            throw new MalformedRowException(field.name() + ": not a " + type.getName() + ": '" + text + "'");
        }
    }

    public static Schema.Field field(String name) {
        return FlowRecord.getClassSchema().getField(name);
    }

    public static List<Schema.Field> scalarFields() {
        return SCALAR_FIELDS;
    }

    /** The record as a JSON object with the schema's field names; nulls are left out. */
    public static ObjectNode toJson(FlowRecord r) {
        ObjectNode obj = JsonNodeFactory.instance.objectNode();
        for (Schema.Field f : FlowRecord.getClassSchema().getFields()) {
            Object v = r.get(f.pos());
            if (v == null) continue;
            if (v instanceof Long l) obj.put(f.name(), l);
            else if (v instanceof Integer i) obj.put(f.name(), i);
            else if (v instanceof Double d) obj.put(f.name(), d);
            else if (v instanceof Boolean b) obj.put(f.name(), b);
            else if (v instanceof Map<?, ?> m) {
                ObjectNode features = obj.putObject(f.name());
                for (Map.Entry<?, ?> e : m.entrySet()) features.put(e.getKey().toString(), (Double) e.getValue());
            } else obj.put(f.name(), v.toString());
        }
        return obj;
    }

    /** Reads a JSON object written by {@link #toJson}; unknown keys are an error, so typos do not pass. */
    public static FlowRecord fromJson(JsonNode obj) throws MalformedRowException {
        FlowRecord r = FlowRecords.blank();
        Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            Schema.Field f = FlowRecord.getClassSchema().getField(e.getKey());
            if (f == null) throw new MalformedRowException("unknown field '" + e.getKey() + "'");
            JsonNode v = e.getValue();
            if (v.isNull()) {
                if (!isNullable(f.schema())) throw new MalformedRowException(f.name() + " must not be null");
                r.put(f.pos(), null);
                continue;
            }
            Schema.Type type = valueType(f.schema());
            switch (type) {
                case LONG -> {
                    if (!v.isIntegralNumber() || !v.canConvertToLong()) throw wrongType(f, v);
                    r.put(f.pos(), v.longValue());
                }
                case INT -> {
                    if (!v.isIntegralNumber() || !v.canConvertToInt()) throw wrongType(f, v);
                    r.put(f.pos(), v.intValue());
                }
                case STRING -> {
                    if (!v.isTextual()) throw wrongType(f, v);
                    r.put(f.pos(), v.textValue());
                }
                case MAP -> {
                    if (!v.isObject()) throw wrongType(f, v);
                    Map<String, Double> m = new LinkedHashMap<>();
                    Iterator<Map.Entry<String, JsonNode>> fi = v.fields();
                    while (fi.hasNext()) {
                        Map.Entry<String, JsonNode> fe = fi.next();
                        if (!fe.getValue().isNumber()) {
                            throw new MalformedRowException("features." + fe.getKey() + ": not a number: " + fe.getValue());
                        }
                        m.put(fe.getKey(), fe.getValue().doubleValue());
                    }
                    r.put(f.pos(), m);
                }
                default -> throw new IllegalStateException("no JSON form for " + f.name() + " of type " + type);
            }
        }
        return r;
    }

    private static MalformedRowException wrongType(Schema.Field f, JsonNode v) {
        return new MalformedRowException(f.name() + ": expected " + valueType(f.schema()).getName()
                + ", found " + v.getNodeType().name().toLowerCase() + " " + abbreviate(v.toString()));
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    private static boolean isNullable(Schema s) {
        return s.getType() == Schema.Type.UNION && s.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL);
    }

    private static Schema.Type valueType(Schema s) {
        if (s.getType() != Schema.Type.UNION) return s.getType();
        for (Schema t : s.getTypes()) {
            if (t.getType() != Schema.Type.NULL) return t.getType();
        }
        return Schema.Type.NULL;
    }
}
