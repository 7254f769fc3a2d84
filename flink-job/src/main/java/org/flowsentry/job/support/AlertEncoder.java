package org.flowsentry.job.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.flowsentry.core.wire.AvroWire;
import org.flowsentry.schema.Alert;
import org.flowsentry.schema.DetectorVerdict;
import org.flowsentry.schema.FeatureContribution;

/**
 * Bytes of an alert for the alerts and scored-flows topics: value in the configured format, key =
 * the source host, so that every alert of one host goes to one partition and a consumer reads them
 * in order. An instance owns its Avro writer and is not thread-safe: each sink serializer has one.
 */
public final class AlertEncoder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AvroWire<Alert>.Writer avro; // null when writing JSON

    public AlertEncoder(AlertFormat format) {
        this.avro = format == AlertFormat.AVRO ? AvroWire.ALERT.newWriter() : null;
    }

    /** A new array each time: the Kafka producer keeps it until the record is sent. */
    public byte[] value(Alert a) {
        return avro != null ? avro.encode(a) : json(a);
    }

    /** The Kafka record key: the source address (UTF-8), or null for flows without one. */
    public static byte[] key(Alert a) {
        return key(a.getSrcAddr());
    }

    /** The Kafka record key of a flow's output: its source address (UTF-8), or null. */
    public static byte[] key(String srcAddr) {
        return srcAddr == null ? null : srcAddr.getBytes(StandardCharsets.UTF_8);
    }

    /** Plain JSON with the Avro field names; unions unwrapped, non-finite numbers as null. */
    static byte[] json(Alert a) {
        ObjectNode o = JSON.createObjectNode();
        o.put("alertId", a.getAlertId());
        o.put("flowStartMs", a.getFlowStartMs());
        o.put("flowEndMs", a.getFlowEndMs());
        o.put("detectedAtMs", a.getDetectedAtMs());
        o.put("srcAddr", a.getSrcAddr());
        o.put("srcPort", a.getSrcPort());
        o.put("dstAddr", a.getDstAddr());
        o.put("dstPort", a.getDstPort());
        o.put("protocol", a.getProtocol());
        o.put("bytes", a.getBytes());
        o.put("packets", a.getPackets());
        o.put("exporter", a.getExporter());
        o.put("flagged", a.getFlagged());
        number(o, "score", a.getScore());
        number(o, "confidence", a.getConfidence());
        o.put("severity", a.getSeverity().name());
        o.put("votes", a.getVotes());
        ArrayNode detectors = o.putArray("detectors");
        for (DetectorVerdict d : a.getDetectors()) {
            ObjectNode n = detectors.addObject();
            n.put("name", d.getName());
            number(n, "score", d.getScore());
            number(n, "rawScore", d.getRawScore());
            number(n, "threshold", d.getThreshold());
            n.put("vote", d.getVote());
        }
        ArrayNode top = o.putArray("topFeatures");
        for (FeatureContribution f : a.getTopFeatures()) {
            ObjectNode n = top.addObject();
            n.put("name", f.getName());
            number(n, "value", f.getValue());
            number(n, "scaledValue", f.getScaledValue());
            number(n, "contribution", f.getContribution());
        }
        o.put("explanation", a.getExplanation());
        o.put("modelId", a.getModelId());
        o.put("modelVersion", a.getModelVersion());
        o.put("label", a.getLabel());
        o.put("attackCategory", a.getAttackCategory());
        try {
            return JSON.writeValueAsBytes(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write alert as JSON", e); // a tree of plain values: cannot happen
        }
    }

    private static void number(ObjectNode o, String name, double v) {
        if (Double.isFinite(v)) o.put(name, v);
        else o.putNull(name);
    }
}
