package org.flowsentry.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.flowsentry.core.flow.FlowRecords;
import org.flowsentry.core.generate.GeneratorOptions;
import org.flowsentry.core.generate.TrafficGenerator;
import org.flowsentry.core.wire.AvroWire;
import org.flowsentry.job.data.FlowEvent;
import org.flowsentry.job.data.RawRecord;
import org.flowsentry.schema.FlowRecord;

/** Flows and raw records for the job's tests. */
public final class TestFlows {
    public static final String TOPIC = "flows";
    public static final long T0 = 1_767_571_200_000L; // 2026-01-05T00:00:00Z

    private TestFlows() {}

    /** A valid TCP flow from src to dst starting at startMs. */
    public static FlowRecord tcp(String src, String dst, int dstPort, long startMs) {
        FlowRecord r = FlowRecords.blank();
        r.setStartMs(startMs);
        r.setEndMs(startMs + 120);
        r.setDurationUs(120_000L);
        r.setSrcAddr(src);
        r.setDstAddr(dst);
        r.setSrcPort(50_000);
        r.setDstPort(dstPort);
        r.setProtocol(6);
        r.setSrcPackets(6L);
        r.setDstPackets(5L);
        r.setSrcBytes(800L);
        r.setDstBytes(4_000L);
        r.setTcpFlags(0x1B);
        r.setLabel("BENIGN");
        return r;
    }

    /** A flow as it leaves the decoder. */
    public static FlowEvent event(FlowRecord f, long offset) {
        return new FlowEvent(f, f.getStartMs(), TOPIC, 0, offset);
    }

    public static RawRecord avro(FlowRecord f, long offset) {
        return RawRecord.of(AvroWire.FLOW_RECORD.encode(f), TOPIC, offset, f.getStartMs() == null ? T0 : f.getStartMs());
    }

    /** Seeded synthetic traffic: ten minutes of the default site with the given number of flows at most. */
    public static List<FlowRecord> generated(int max) {
        TrafficGenerator g = new TrafficGenerator(GeneratorOptions.defaults().withDuration(Duration.ofMinutes(10)));
        List<FlowRecord> out = new ArrayList<>();
        for (FlowRecord r : g) {
            out.add(r);
            if (out.size() == max) break;
        }
        return out;
    }
}
