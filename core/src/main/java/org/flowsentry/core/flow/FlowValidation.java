package org.flowsentry.core.flow;

import java.util.Map;
import org.flowsentry.schema.FlowRecord;

/**
 * The one definition of a usable FlowRecord, applied by every reader and by the streaming job
 * before a record reaches feature extraction. A record that fails goes to the malformed-row
 * report (files) or the dead-letter topic (Kafka) with the reason returned here.
 */
public final class FlowValidation {
    private FlowValidation() {}

    /** Returns null when the record is usable, otherwise a readable reason. */
    public static String problem(FlowRecord r) {
        if (r.getSrcPackets() < 0) return "negative srcPackets: " + r.getSrcPackets();
        if (r.getDstPackets() < 0) return "negative dstPackets: " + r.getDstPackets();
        if (r.getSrcBytes() < 0) return "negative srcBytes: " + r.getSrcBytes();
        if (r.getDstBytes() < 0) return "negative dstBytes: " + r.getDstBytes();
        if (r.getDurationUs() < 0) return "negative durationUs: " + r.getDurationUs();
        if (r.getSamplingRate() < 1) return "samplingRate must be at least 1: " + r.getSamplingRate();
        if (r.getProtocol() < Protocols.UNKNOWN || r.getProtocol() > 255) {
            return "protocol out of range 0-255: " + r.getProtocol();
        }
        String port = portProblem("srcPort", r.getSrcPort());
        if (port != null) return port;
        port = portProblem("dstPort", r.getDstPort());
        if (port != null) return port;
        if (r.getStartMs() != null && r.getEndMs() != null && r.getEndMs() < r.getStartMs()) {
            return "endMs " + r.getEndMs() + " before startMs " + r.getStartMs();
        }
        String addr = addressProblem("srcAddr", r.getSrcAddr(), r.getProtocol());
        if (addr != null) return addr;
        addr = addressProblem("dstAddr", r.getDstAddr(), r.getProtocol());
        if (addr != null) return addr;
        if (r.getTcpFlags() != null && (r.getTcpFlags() < 0 || r.getTcpFlags() > 0xFFF)) {
            return "tcpFlags out of range: " + r.getTcpFlags();
        }
        Map<String, Double> features = r.getFeatures();
        if (features != null) {
            for (Map.Entry<String, Double> e : features.entrySet()) {
                Double v = e.getValue();
                if (v == null || !Double.isFinite(v)) return "feature '" + e.getKey() + "' is not finite: " + v;
            }
        }
        return null;
    }

    private static String portProblem(String field, Integer port) {
        if (port != null && (port < 0 || port > 65535)) return field + " out of range 0-65535: " + port;
        return null;
    }

    private static String addressProblem(String field, String addr, int protocol) {
        if (addr == null) return null;
        if (Addresses.isIp(addr)) return null;
        // Non-IP flows (ARP, LLC, Argus management records) carry MAC addresses or "0".
        if (protocol == Protocols.UNKNOWN && (Addresses.isMac(addr) || addr.equals("0") || addr.isEmpty())) {
            return null;
        }
        return "unparseable " + field + ": '" + abbreviate(addr) + "'";
    }

    static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
