package org.flowsentry.job.serialization;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.flowsentry.schema.FlowRecord;

/**
 * A FlowRecord in {@link FlowEventSerializer}'s format 2: a bitmap of the optional numbers (and the
 * features map) that are set, then the fields in schema order, numbers fixed width, text as
 * {@link Utf8Buffer} writes it (null as length -1), the features map as its size and entries.
 * Format 1 used the encoder Avro generates into the record, whose decoder is a ResolvingDecoder
 * walking a grammar for every field and union: writing and reading the record was about a quarter
 * of the destination-host thread's CPU and 5% of the scoring thread's (JFR, benchmark-stream).
 *
 * <p>The schema is still the list of fields: this class refuses to load when the schema's fields
 * are not the ones it writes, in order, and FlowEventSerializerTest round-trips every field set
 * and unset. A schema change means a change here and a new FlowEventSerializer format. Not
 * thread-safe (its text buffer): one per serializer instance.
 */
final class FlowRecordCodec {
    /** FlowRecord's fields as this codec writes them, in the schema's order. */
    static final List<String> FIELDS = List.of("startMs", "endMs", "durationUs", "srcAddr", "dstAddr", "srcPort", "dstPort",
            "protocol", "srcPackets", "dstPackets", "srcBytes", "dstBytes", "tcpFlags", "icmpType", "icmpCode", "state", "service",
            "samplingRate", "exporter", "features", "label", "attackCategory");

    static {
        List<String> schema = FlowRecord.getClassSchema().getFields().stream().map(Schema.Field::name).toList();
        if (!schema.equals(FIELDS)) {
            throw new IllegalStateException("FlowRecordCodec writes the fields " + FIELDS + " but FlowRecord has " + schema
                    + ": change the codec and FlowEventSerializer.FORMAT with the schema");
        }
    }

    // Bits of the optional fields that are not text.
    private static final int START = 1;
    private static final int END = 1 << 1;
    private static final int SRC_PORT = 1 << 2;
    private static final int DST_PORT = 1 << 3;
    private static final int TCP_FLAGS = 1 << 4;
    private static final int ICMP_TYPE = 1 << 5;
    private static final int ICMP_CODE = 1 << 6;
    private static final int FEATURES = 1 << 7;
    private static final int ALL = (1 << 8) - 1;

    private final Utf8Buffer text;

    FlowRecordCodec(Utf8Buffer text) {
        this.text = text;
    }

    void write(FlowRecord r, DataOutputView out) throws IOException {
        out.writeInt(present(r));
        if (r.getStartMs() != null) out.writeLong(r.getStartMs());
        if (r.getEndMs() != null) out.writeLong(r.getEndMs());
        out.writeLong(r.getDurationUs());
        text.writeNullable(r.getSrcAddr(), out);
        text.writeNullable(r.getDstAddr(), out);
        if (r.getSrcPort() != null) out.writeInt(r.getSrcPort());
        if (r.getDstPort() != null) out.writeInt(r.getDstPort());
        out.writeInt(r.getProtocol());
        out.writeLong(r.getSrcPackets());
        out.writeLong(r.getDstPackets());
        out.writeLong(r.getSrcBytes());
        out.writeLong(r.getDstBytes());
        if (r.getTcpFlags() != null) out.writeInt(r.getTcpFlags());
        if (r.getIcmpType() != null) out.writeInt(r.getIcmpType());
        if (r.getIcmpCode() != null) out.writeInt(r.getIcmpCode());
        text.writeNullable(r.getState(), out);
        text.writeNullable(r.getService(), out);
        out.writeLong(r.getSamplingRate());
        text.writeNullable(r.getExporter(), out);
        if (r.getFeatures() != null) {
            out.writeInt(r.getFeatures().size());
            for (Map.Entry<String, Double> f : r.getFeatures().entrySet()) {
                text.writeNullable(f.getKey(), out);
                out.writeDouble(f.getValue());
            }
        }
        text.writeNullable(r.getLabel(), out);
        text.writeNullable(r.getAttackCategory(), out);
    }

    private static int present(FlowRecord r) {
        return (r.getStartMs() != null ? START : 0)
                | (r.getEndMs() != null ? END : 0)
                | (r.getSrcPort() != null ? SRC_PORT : 0)
                | (r.getDstPort() != null ? DST_PORT : 0)
                | (r.getTcpFlags() != null ? TCP_FLAGS : 0)
                | (r.getIcmpType() != null ? ICMP_TYPE : 0)
                | (r.getIcmpCode() != null ? ICMP_CODE : 0)
                | (r.getFeatures() != null ? FEATURES : 0);
    }

    FlowRecord read(DataInputView in) throws IOException {
        int present = in.readInt();
        if ((present & ~ALL) != 0) throw new IOException("corrupt FlowRecord: unknown field bits " + Integer.toHexString(present));
        FlowRecord r = new FlowRecord();
        r.setStartMs((present & START) != 0 ? in.readLong() : null);
        r.setEndMs((present & END) != 0 ? in.readLong() : null);
        r.setDurationUs(in.readLong());
        r.setSrcAddr(text.readNullable(in));
        r.setDstAddr(text.readNullable(in));
        r.setSrcPort((present & SRC_PORT) != 0 ? in.readInt() : null);
        r.setDstPort((present & DST_PORT) != 0 ? in.readInt() : null);
        r.setProtocol(in.readInt());
        r.setSrcPackets(in.readLong());
        r.setDstPackets(in.readLong());
        r.setSrcBytes(in.readLong());
        r.setDstBytes(in.readLong());
        r.setTcpFlags((present & TCP_FLAGS) != 0 ? in.readInt() : null);
        r.setIcmpType((present & ICMP_TYPE) != 0 ? in.readInt() : null);
        r.setIcmpCode((present & ICMP_CODE) != 0 ? in.readInt() : null);
        r.setState(text.readNullable(in));
        r.setService(text.readNullable(in));
        r.setSamplingRate(in.readLong());
        r.setExporter(text.readNullable(in));
        r.setFeatures((present & FEATURES) != 0 ? readFeatures(in) : null);
        r.setLabel(text.readNullable(in));
        r.setAttackCategory(text.readNullable(in));
        return r;
    }

    private Map<String, Double> readFeatures(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) throw new IOException("corrupt FlowRecord: " + n + " features");
        Map<String, Double> features = new HashMap<>(Math.max(4, (int) (n / 0.75f) + 1));
        for (int i = 0; i < n; i++) {
            String name = text.readNullable(in);
            if (name == null) throw new IOException("corrupt FlowRecord: a feature without a name");
            features.put(name, in.readDouble());
        }
        return features;
    }
}
