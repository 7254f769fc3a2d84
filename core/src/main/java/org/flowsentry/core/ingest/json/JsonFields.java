package org.flowsentry.core.ingest.json;

import com.fasterxml.jackson.databind.JsonNode;
import org.flowsentry.core.ingest.MalformedRowException;

/**
 * Typed access to JSON fields. Exporters disagree on types (pmacct writes some numbers as
 * strings), so numbers are accepted as JSON numbers or numeric text; anything else is an error
 * naming the field.
 */
public final class JsonFields {
    private JsonFields() {}

    /** The first of these fields present and not null, or null. */
    public static JsonNode find(JsonNode obj, String... names) {
        for (String n : names) {
            JsonNode v = obj.get(n);
            if (v != null && !v.isNull()) return v;
        }
        return null;
    }

    public static boolean has(JsonNode obj, String... names) {
        return find(obj, names) != null;
    }

    public static String text(JsonNode obj, String... names) {
        JsonNode v = find(obj, names);
        if (v == null) return null;
        String s = v.isTextual() ? v.textValue() : v.toString();
        return s.isEmpty() ? null : s;
    }

    public static String requiredText(JsonNode obj, String... names) throws MalformedRowException {
        String s = text(obj, names);
        if (s == null) throw new MalformedRowException("missing field " + String.join(" / ", names));
        return s;
    }

    public static Long optionalLong(JsonNode obj, String... names) throws MalformedRowException {
        JsonNode v = find(obj, names);
        if (v == null) return null;
        if (v.isIntegralNumber()) {
            if (!v.canConvertToLong()) throw new MalformedRowException("field " + names[0] + " too large: " + v);
            return v.longValue();
        }
        if (v.isNumber()) {
            double d = v.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 9.0e18) return (long) d;
            throw new MalformedRowException("field " + names[0] + ": not a whole number: " + v);
        }
        if (v.isTextual()) {
            String s = v.textValue().strip();
            if (s.isEmpty()) return null;
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new MalformedRowException("field " + names[0] + ": not a whole number: '" + s + "'");
            }
        }
        throw new MalformedRowException("field " + names[0] + ": expected a number, found " + v.getNodeType());
    }

    public static long longValue(JsonNode obj, long fallback, String... names) throws MalformedRowException {
        Long v = optionalLong(obj, names);
        return v == null ? fallback : v;
    }

    public static Integer optionalInt(JsonNode obj, String... names) throws MalformedRowException {
        Long v = optionalLong(obj, names);
        if (v == null) return null;
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new MalformedRowException("field " + names[0] + " out of range: " + v);
        }
        return v.intValue();
    }

    public static Double optionalDouble(JsonNode obj, String... names) throws MalformedRowException {
        JsonNode v = find(obj, names);
        if (v == null) return null;
        if (v.isNumber()) return v.doubleValue();
        if (v.isTextual()) {
            String s = v.textValue().strip();
            if (s.isEmpty()) return null;
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new MalformedRowException("field " + names[0] + ": not a number: '" + s + "'");
            }
        }
        throw new MalformedRowException("field " + names[0] + ": expected a number, found " + v.getNodeType());
    }
}
