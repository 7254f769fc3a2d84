package org.flowsentry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.avro.AvroRuntimeException;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.wire.AvroWire;
import org.flowsentry.core.wire.WireFormatException;
import org.flowsentry.schema.Alert;
import org.flowsentry.schema.DetectorVerdict;
import org.flowsentry.schema.FeatureContribution;
import org.flowsentry.schema.Severity;

/** Alerts from the alerts topic: decoded from Avro or the job's JSON, and laid out as table and CSV rows. */
final class AlertRows {
    /** How alert messages are encoded: auto tells Avro (single-object marker) from JSON per message. */
    enum Format { AUTO, AVRO, JSON }

    static final List<String> TABLE_HEADER = List.of("Timestamp", "Src IP", "Dst IP", "Protocol", "Score", "Severity", "Detectors");
    static final List<String> CSV_HEADER = List.of("Timestamp", "Src IP", "Src Port", "Dst IP", "Dst Port", "Protocol", "Score",
            "Severity", "Detectors", "Alert ID", "Model ID", "Model Version", "Label", "Explanation");

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fixed width (always milliseconds), so the column stays aligned. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private AlertRows() {}

    static Alert decode(byte[] value, Format format) throws WireFormatException {
        if (value == null) throw new WireFormatException("empty message (null value)");
        boolean avro = format == Format.AVRO || (format == Format.AUTO && AvroWire.looksLikeSingleObject(value));
        return avro ? AvroWire.ALERT.decode(value) : fromJson(value);
    }

    /** An alert as AlertEncoder writes it in JSON: the Avro field names, unions unwrapped, non-finite numbers as null. */
    static Alert fromJson(byte[] value) throws WireFormatException {
        JsonNode o;
        try {
            o = JSON.readTree(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new WireFormatException("neither an Avro alert nor JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new WireFormatException("neither an Avro alert nor JSON: " + e.getMessage());
        }
        if (o == null || !o.isObject()) throw new WireFormatException("not a JSON object");
        try {
            List<DetectorVerdict> detectors = new ArrayList<>();
            for (JsonNode d : array(o, "detectors")) {
                detectors.add(new DetectorVerdict(text(d, "name"), number(d, "score"), number(d, "rawScore"), number(d, "threshold"),
                        d.path("vote").asBoolean(false)));
            }
            List<FeatureContribution> top = new ArrayList<>();
            for (JsonNode f : o.path("topFeatures")) {
                top.add(new FeatureContribution(text(f, "name"), number(f, "value"), number(f, "scaledValue"), number(f, "contribution")));
            }
            return Alert.newBuilder()
                    .setAlertId(text(o, "alertId"))
                    .setFlowStartMs(longValue(o, "flowStartMs"))
                    .setFlowEndMs(optionalLong(o, "flowEndMs"))
                    .setDetectedAtMs(longValue(o, "detectedAtMs"))
                    .setSrcAddr(optionalText(o, "srcAddr"))
                    .setSrcPort(optionalInt(o, "srcPort"))
                    .setDstAddr(optionalText(o, "dstAddr"))
                    .setDstPort(optionalInt(o, "dstPort"))
                    .setProtocol(o.path("protocol").asInt(Protocols.UNKNOWN))
                    .setBytes(o.path("bytes").asLong(0))
                    .setPackets(o.path("packets").asLong(0))
                    .setExporter(optionalText(o, "exporter"))
                    .setFlagged(o.path("flagged").asBoolean(true))
                    .setScore(number(o, "score"))
                    .setConfidence(number(o, "confidence"))
                    .setSeverity(Severity.valueOf(text(o, "severity")))
                    .setVotes(o.path("votes").asInt(0))
                    .setDetectors(detectors)
                    .setTopFeatures(top)
                    .setExplanation(o.path("explanation").asText(""))
                    .setModelId(text(o, "modelId"))
                    .setModelVersion(longValue(o, "modelVersion"))
                    .setLabel(optionalText(o, "label"))
                    .setAttackCategory(optionalText(o, "attackCategory"))
                    .build();
        } catch (IllegalArgumentException | AvroRuntimeException e) {
            throw new WireFormatException("not a FlowSentry alert: " + e.getMessage());
        }
    }

    private static String text(JsonNode o, String name) {
        JsonNode v = o.get(name);
        if (v == null || !v.isTextual()) throw new IllegalArgumentException(name + " missing or not text");
        return v.textValue();
    }

    private static String optionalText(JsonNode o, String name) {
        JsonNode v = o.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static long longValue(JsonNode o, String name) {
        JsonNode v = o.get(name);
        if (v == null || !v.canConvertToLong()) throw new IllegalArgumentException(name + " missing or not a whole number");
        return v.longValue();
    }

    private static Long optionalLong(JsonNode o, String name) {
        JsonNode v = o.get(name);
        return v == null || v.isNull() ? null : longValue(o, name);
    }

    private static Integer optionalInt(JsonNode o, String name) {
        JsonNode v = o.get(name);
        return v == null || v.isNull() ? null : (int) longValue(o, name);
    }

    /** Null (the encoder's form of NaN and infinities) reads back as NaN. */
    private static double number(JsonNode o, String name) {
        JsonNode v = o.get(name);
        if (v == null || v.isNull()) return Double.NaN;
        if (!v.isNumber()) throw new IllegalArgumentException(name + " is not a number");
        return v.doubleValue();
    }

    private static Iterable<JsonNode> array(JsonNode o, String name) {
        JsonNode v = o.get(name);
        if (v == null || !v.isArray()) throw new IllegalArgumentException(name + " missing or not an array");
        return v;
    }

    /** The table's cells: time, source and destination with ports, protocol name, score, severity, detectors that voted. */
    static List<String> tableCells(Alert a) {
        return List.of(time(a), endpoint(a.getSrcAddr(), a.getSrcPort()), endpoint(a.getDstAddr(), a.getDstPort()), protocol(a),
                String.format(Locale.ROOT, "%.3f", a.getScore()), a.getSeverity().name(), voters(a));
    }

    /** The CSV cells, in {@link #CSV_HEADER} order; absent values are empty cells. */
    static List<String> csvCells(Alert a) {
        return List.of(time(a), nullToEmpty(a.getSrcAddr()), nullToEmpty(a.getSrcPort()), nullToEmpty(a.getDstAddr()),
                nullToEmpty(a.getDstPort()), protocol(a), String.format(Locale.ROOT, "%.4f", a.getScore()), a.getSeverity().name(),
                voters(a), a.getAlertId(), a.getModelId(), Long.toString(a.getModelVersion()), nullToEmpty(a.getLabel()),
                a.getExplanation());
    }

    static String time(Alert a) {
        return TIME.format(Instant.ofEpochMilli(a.getFlowStartMs()));
    }

    /** 10.0.0.1:443, [2001:db8::1]:443, or the address alone for flows without ports. */
    static String endpoint(String addr, Integer port) {
        if (addr == null) return "-";
        if (port == null) return addr;
        return (addr.indexOf(':') >= 0 ? "[" + addr + "]" : addr) + ":" + port;
    }

    static String protocol(Alert a) {
        return Protocols.name(a.getProtocol()).toUpperCase(Locale.ROOT);
    }

    /** Names of the detectors that voted the flow anomalous. */
    static String voters(Alert a) {
        return a.getDetectors().stream().filter(DetectorVerdict::getVote).map(DetectorVerdict::getName).collect(Collectors.joining(","));
    }

    private static String nullToEmpty(Object o) {
        return o == null ? "" : o.toString();
    }
}
