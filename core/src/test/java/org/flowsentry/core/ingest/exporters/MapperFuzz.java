package org.flowsentry.core.ingest.exporters;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flowsentry.core.ingest.MalformedRowException;
import org.flowsentry.core.ingest.json.JsonLinesFlowReader;
import org.flowsentry.core.ingest.json.JsonMapper;

/**
 * Puts a value of every JSON type (and awkward numbers and texts) into every field a mapper reads,
 * one at a time, and checks that nothing but MalformedRowException ever comes out: the streaming
 * job decodes untrusted Kafka messages with these mappers.
 */
final class MapperFuzz {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every field name either exporter mapper reads, in all spellings. */
    private static final List<String> FIELDS = List.of(
            "type", "Type", "time_received_ns", "time_received", "TimeReceived", "time_flow_start_ns",
            "time_flow_start_ms", "TimeFlowStartMs", "time_flow_start", "TimeFlowStart", "time_flow_end_ns",
            "time_flow_end_ms", "TimeFlowEndMs", "time_flow_end", "TimeFlowEnd", "sampling_rate", "SamplingRate",
            "sampler_address", "SamplerAddress", "bytes", "Bytes", "packets", "Packets", "src_addr", "SrcAddr",
            "dst_addr", "DstAddr", "etype", "Etype", "proto", "Proto", "src_port", "SrcPort", "dst_port", "DstPort",
            "src_mac", "SrcMac", "dst_mac", "DstMac", "ip_tos", "IpTos", "IPTos", "ip_ttl", "IpTtl", "IPTTL",
            "ip_flags", "IpFlags", "tcp_flags", "TcpFlags", "TCPFlags", "icmp_type", "IcmpType", "icmp_code",
            "IcmpCode",
            "event_type", "ip_src", "ip_dst", "port_src", "port_dst", "ip_proto", "tos", "mac_src", "mac_dst",
            "class", "peer_ip_src", "peer_src_ip", "flows", "timestamp_start", "timestamp_end", "timestamp_min",
            "timestamp_max", "timestamp_arrival", "stamp_inserted", "stamp_updated");

    private static final List<String> VALUES = List.of(
            "true", "false", "null", "[]", "[1,2]", "{}", "{\"a\":{\"b\":[1]}}", "\"\"", "\"   \"", "\"abc\"",
            "\"-1\"", "-1", "0", "1", "1.5", "-1.5", "1e30", "1e400", "-1e400", "256", "65536", "4294967296",
            "-9223372036854775808", "9223372036854775807", "99999999999999999999999", "\"99999999999999999999999\"",
            "\"99999999999999999999999.5\"", "\"2024-13-45T99:99:99Z\"", "\"+999999999-12-31T23:59:59Z\"",
            "\"2024-03-22 22:47:16.918162\"", "\"0000-00-00 00:00:00\"", "\"T\"", "\"1.5e3\"", "\"0x10\"",
            "\"\\u0000\"", "\"tcp\"", "\"ICMPv6\"", "\"fe80::1%\"", "\"00:11:22:33:44:55\"", "\"purge_init\"");

    private MapperFuzz() {}

    /**
     * Mutates each field of the valid base line (and each field name any mapper knows) to each bad
     * value, and removes each field; fails on any exception other than MalformedRowException.
     *
     * @return for each field, the values (JSON text, or "missing") that were refused as malformed
     */
    static Map<String, Set<String>> assertOnlyMalformedRows(JsonMapper mapper, String validLine) {
        ObjectNode base = (ObjectNode) read(validLine);
        Set<String> fields = new LinkedHashSet<>();
        base.fieldNames().forEachRemaining(fields::add);
        fields.addAll(FIELDS);

        List<String> unexpected = new ArrayList<>();
        Map<String, Set<String>> refused = new LinkedHashMap<>();
        int cases = 0;
        for (String field : fields) {
            Map<String, String> texts = new LinkedHashMap<>();
            for (String value : VALUES) {
                ObjectNode mutated = base.deepCopy();
                mutated.set(field, read(value));
                texts.put(value, mutated.toString());
            }
            ObjectNode without = base.deepCopy();
            without.remove(field);
            texts.put("missing", without.toString());
            Set<String> refusedValues = new LinkedHashSet<>();
            for (Map.Entry<String, String> t : texts.entrySet()) {
                cases++;
                try {
                    JsonLinesFlowReader.parse(t.getValue(), mapper);
                } catch (MalformedRowException e) {
                    refusedValues.add(t.getKey());
                    assertThat(e.getMessage()).as("reason for %s", t.getValue()).isNotBlank();
                } catch (RuntimeException | Error e) {
                    unexpected.add(e + " for " + t.getValue());
                }
            }
            refused.put(field, refusedValues);
        }
        for (String text : List.of("[]", "5", "\"text\"", "null", "")) {
            cases++;
            try {
                JsonLinesFlowReader.parse(text, mapper);
                unexpected.add("accepted a non-object: " + text);
            } catch (MalformedRowException e) {
                // expected
            } catch (RuntimeException | Error e) {
                unexpected.add(e + " for " + text);
            }
        }
        List<JsonNode> notObjects = new ArrayList<>(List.of(read("[1]"), read("\"x\""), read("7")));
        notObjects.add(null);
        for (JsonNode notAnObject : notObjects) {
            try {
                mapper.map(notAnObject);
                unexpected.add("mapper accepted " + notAnObject);
            } catch (MalformedRowException e) {
                // expected
            } catch (RuntimeException | Error e) {
                unexpected.add(e + " for map(" + notAnObject + ")");
            }
        }
        assertThat(unexpected).as("exceptions other than MalformedRowException").isEmpty();
        assertThat(cases).as("cases run").isEqualTo(fields.size() * (VALUES.size() + 1) + 5);
        return refused;
    }

    /** Values of the wrong JSON type for a number: every one must be refused where a number is required. */
    static final List<String> NOT_NUMBERS = List.of("true", "false", "[]", "[1,2]", "{}", "{\"a\":{\"b\":[1]}}", "\"abc\"",
            "\"1.5e3\"", "\"0x10\"", "1.5", "1e400", "99999999999999999999999");

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }
}
