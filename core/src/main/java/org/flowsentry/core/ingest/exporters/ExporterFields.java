package org.flowsentry.core.ingest.exporters;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;
import org.flowsentry.core.flow.Addresses;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.ingest.FileSample;
import org.flowsentry.core.ingest.MalformedRowException;
import org.flowsentry.core.ingest.json.JsonFields;
import org.flowsentry.schema.FlowRecord;

/**
 * What the exporter mappers share: typed fields that name the field actually present (exporter
 * versions spell the same field differently), counters scaled by the sampling rate, event times in
 * microseconds, protocol by number or name, and detection on the first line.
 */
final class ExporterFields {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Year 9999 in seconds: anything later in an epoch timestamp is garbage, not a time. */
    private static final BigDecimal MAX_EPOCH_SECONDS = BigDecimal.valueOf(253_402_300_799L);

    private ExporterFields() {}

    /** A time field and the unit its numbers are in. */
    record Clock(String name, TimeUnit unit) {}

    /** The first non-blank line of the sample as a JSON object, or null when it is not one. */
    static JsonNode firstObject(FileSample sample) {
        String line = sample.firstLine().strip();
        if (!line.startsWith("{")) return null;
        try {
            JsonNode node = JSON.readTree(line);
            return node != null && node.isObject() ? node : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    static void requireObject(JsonNode node) throws MalformedRowException {
        if (node == null || !node.isObject()) throw new MalformedRowException("not a JSON object");
    }

    /** The first of these names the object carries with a non-null value, or null. */
    static String present(JsonNode obj, String... names) {
        for (String n : names) {
            JsonNode v = obj.get(n);
            if (v != null && !v.isNull()) return n;
        }
        return null;
    }

    static Long optionalLong(JsonNode obj, String... names) throws MalformedRowException {
        String name = present(obj, names);
        return name == null ? null : JsonFields.optionalLong(obj, name);
    }

    static Integer optionalInt(JsonNode obj, String... names) throws MalformedRowException {
        String name = present(obj, names);
        return name == null ? null : JsonFields.optionalInt(obj, name);
    }

    /** A value that fits in one header byte (TTL, ToS, ICMP type and code), or null when absent. */
    static Integer optionalByte(JsonNode obj, String... names) throws MalformedRowException {
        String name = present(obj, names);
        if (name == null) return null;
        Integer v = JsonFields.optionalInt(obj, name);
        if (v != null && (v < 0 || v > 255)) throw new MalformedRowException("field " + name + " out of range 0-255: " + v);
        return v;
    }

    /** A transport port 0-65535, or null when absent. */
    static Integer optionalPort(JsonNode obj, String... names) throws MalformedRowException {
        String name = present(obj, names);
        if (name == null) return null;
        Integer v = JsonFields.optionalInt(obj, name);
        if (v != null && (v < 0 || v > 65535)) throw new MalformedRowException("field " + name + " out of range 0-65535: " + v);
        return v;
    }

    /** Text of a field that must be a JSON string when present. */
    static String optionalText(JsonNode obj, String name) throws MalformedRowException {
        JsonNode v = obj.get(name);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw new MalformedRowException("field " + name + ": expected text, found " + v.getNodeType());
        String s = v.textValue().strip();
        return s.isEmpty() ? null : s;
    }

    /** A required, non-negative packet or byte count. */
    static long count(JsonNode obj, String... names) throws MalformedRowException {
        String name = present(obj, names);
        Long v = name == null ? null : JsonFields.optionalLong(obj, name);
        if (v == null) throw new MalformedRowException("missing field " + String.join(" / ", names));
        if (v < 0) throw new MalformedRowException("field " + name + ": negative count " + v);
        return v;
    }

    /** The 1-in-N sampling rate; exporters write 0 (or nothing) for "unsampled or unknown", meaning 1. */
    static long samplingRate(JsonNode obj, String... names) throws MalformedRowException {
        String name = present(obj, names);
        Long v = name == null ? null : JsonFields.optionalLong(obj, name);
        if (v == null || v == 0) return 1;
        if (v < 0) throw new MalformedRowException("field " + name + ": negative sampling rate " + v);
        return v;
    }

    /** Sets the forward counters scaled by the sampling rate; exporters send unidirectional flows, so dst stays 0. */
    static void setCounters(FlowRecord r, long packets, long bytes, long samplingRate) throws MalformedRowException {
        try {
            r.setSrcPackets(Math.multiplyExact(packets, samplingRate));
            r.setSrcBytes(Math.multiplyExact(bytes, samplingRate));
        } catch (ArithmeticException e) {
            throw new MalformedRowException("counters overflow when scaled by sampling rate " + samplingRate
                    + ": packets " + packets + ", bytes " + bytes);
        }
        r.setSamplingRate(samplingRate);
    }

    /**
     * The first of these clocks with a non-zero value, in epoch microseconds, or null. Exporters
     * write 0 for a time they do not have, so 0 means absent. Numbers are in the clock's unit; text
     * may also be an ISO-8601 instant (goflow2's "datetime" renderers).
     */
    static Long firstTime(JsonNode obj, Clock... clocks) throws MalformedRowException {
        for (Clock c : clocks) {
            JsonNode v = obj.get(c.name());
            if (v == null || v.isNull()) continue;
            Long micros = v.isTextual() && v.textValue().strip().indexOf('T') > 0
                    ? isoMicros(c.name(), v.textValue().strip())
                    : unitMicros(c, JsonFields.optionalLong(obj, c.name()));
            if (micros != null) return micros;
        }
        return null;
    }

    private static Long unitMicros(Clock c, Long value) throws MalformedRowException {
        if (value == null || value == 0) return null;
        if (value < 0) throw new MalformedRowException("field " + c.name() + ": negative time " + value);
        long micros = c.unit().toMicros(value);
        if (micros == Long.MAX_VALUE) throw new MalformedRowException("field " + c.name() + ": time out of range: " + value);
        return micros;
    }

    private static Long isoMicros(String name, String text) throws MalformedRowException {
        try {
            return instantMicros(Instant.parse(text));
        } catch (DateTimeException | ArithmeticException e) {
            throw new MalformedRowException("field " + name + ": not a timestamp: '" + abbreviate(text) + "'");
        }
    }

    static long instantMicros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    }

    /** Epoch seconds with a fraction ("1711147636.918162") in microseconds; 0 means absent. */
    static Long epochSecondsMicros(String name, BigDecimal seconds) throws MalformedRowException {
        if (seconds.signum() == 0) return null;
        if (seconds.signum() < 0 || seconds.compareTo(MAX_EPOCH_SECONDS) > 0) {
            throw new MalformedRowException("field " + name + ": time out of range: " + abbreviate(seconds.toPlainString()));
        }
        return seconds.movePointRight(6).setScale(0, RoundingMode.FLOOR).longValueExact();
    }

    /**
     * Sets startMs, endMs and durationUs. A missing flow start or end takes the other one (a single
     * packet), and when the exporter gave neither, both take the fallback (the time the collector
     * received the record), so the streaming job always has an event time when the exporter had one.
     */
    static void setTimes(FlowRecord r, Long startUs, Long endUs, Long fallbackUs) {
        Long start = startUs != null ? startUs : endUs != null ? endUs : fallbackUs;
        Long end = endUs != null ? endUs : startUs != null ? startUs : fallbackUs;
        if (start == null) return;
        r.setStartMs(Math.floorDiv(start, 1000L));
        r.setEndMs(Math.floorDiv(end, 1000L));
        // An end before the start is left to FlowValidation, which names both times.
        r.setDurationUs(Math.max(0L, end - start));
    }

    /**
     * The IP protocol from a number or a name; an empty name (goflow2 renders protocols it has no
     * name for as "") is unknown. Names go through the exporter's own table first.
     */
    static int protocol(JsonNode obj, ToIntFunction<String> byName, String... names) throws MalformedRowException {
        String name = present(obj, names);
        if (name == null) return Protocols.UNKNOWN;
        JsonNode v = obj.get(name);
        if (v.isTextual() && !v.textValue().isBlank() && !Character.isDigit(v.textValue().strip().charAt(0))) {
            return byName.applyAsInt(v.textValue().strip());
        }
        if (!v.isNumber() && !v.isTextual()) {
            throw new MalformedRowException("field " + name + ": expected a protocol number or name, found " + v.getNodeType());
        }
        Long n = JsonFields.optionalLong(obj, name);
        if (n == null) return Protocols.UNKNOWN;
        if (n < 0 || n > 255) throw new MalformedRowException("field " + name + " out of range 0-255: " + n);
        return n.intValue();
    }

    static boolean isIcmp(int protocol) {
        return protocol == Protocols.ICMP || protocol == Protocols.ICMPV6;
    }

    /** An address field's text, or null when absent or empty. */
    static String address(JsonNode obj, String... names) {
        return JsonFields.text(obj, names);
    }

    /** For a non-IP flow (ARP, ...): the MAC address when the exporter has a real one, else what it gave. */
    static String nonIpAddress(String ipText, String macText) {
        if (macText != null && Addresses.isMac(macText) && !macText.replaceAll("[:\\-0]", "").isEmpty()) {
            return macText;
        }
        return ipText;
    }

    /** Adds a feature (features are doubles; whole numbers up to 2^53 are exact). */
    static void putFeature(FlowRecord r, String key, Long value) {
        if (value == null) return;
        if (r.getFeatures() == null) r.setFeatures(new HashMap<>());
        r.getFeatures().put(key, value.doubleValue());
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
