package org.flowsentry.core.ingest.packets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.flow.TcpFlags;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.Test;

class FlowMeterTest {
    private static final long T0 = 1_700_000_000_000_000L; // µs, 2023-11-14T22:13:20Z
    private static final String A = "10.0.0.1";
    private static final String B = "10.0.0.2";
    private static final int SYN = TcpFlags.SYN;
    private static final int ACK = TcpFlags.ACK;
    private static final int FIN = TcpFlags.FIN;
    private static final int RST = TcpFlags.RST;
    private static final int PSH = TcpFlags.PSH;

    private final FlowMeter meter = new FlowMeter(FlowMeter.Options.DEFAULTS, "test.pcap");

    private static long ms(long millis) {
        return T0 + millis * 1000;
    }

    private static Packet ab(long ts, int flags, long length) {
        return Packet.tcp(ts, A, 40000, B, 80, length, flags);
    }

    private static Packet ba(long ts, int flags, long length) {
        return Packet.tcp(ts, B, 80, A, 40000, length, flags);
    }

    private static List<FlowRecord> drain(FlowMeter m) {
        List<FlowRecord> out = new ArrayList<>();
        for (FlowRecord r = m.poll(); r != null; r = m.poll()) out.add(r);
        return out;
    }

    private static List<FlowRecord> flushAll(FlowMeter m) {
        m.flush();
        return drain(m);
    }

    private void handshakeDataAndClose(FlowMeter m) {
        m.add(ab(ms(0), SYN, 60));
        m.add(ba(ms(1), SYN | ACK, 60));
        m.add(ab(ms(2), ACK, 52));
        m.add(ab(ms(3), PSH | ACK, 152));
        m.add(ba(ms(4), ACK, 52));
        m.add(ba(ms(5), PSH | ACK, 552));
        m.add(ab(ms(6), FIN | ACK, 52));
        m.add(ba(ms(7), FIN | ACK, 52));
        m.add(ab(ms(8), ACK, 52)); // the last ACK, after both FINs
    }

    @Test
    void tcpHandshakeDataAndFinBothWaysIsOneCompletedFlow() {
        handshakeDataAndClose(meter);
        List<FlowRecord> flows = flushAll(meter);

        assertThat(flows).hasSize(1);
        FlowRecord f = flows.get(0);
        assertThat(f.getSrcAddr()).isEqualTo(A);
        assertThat(f.getSrcPort()).isEqualTo(40000);
        assertThat(f.getDstAddr()).isEqualTo(B);
        assertThat(f.getDstPort()).isEqualTo(80);
        assertThat(f.getProtocol()).isEqualTo(Protocols.TCP);
        assertThat(f.getSrcPackets()).isEqualTo(5);
        assertThat(f.getSrcBytes()).isEqualTo(60 + 52 + 152 + 52 + 52);
        assertThat(f.getDstPackets()).isEqualTo(4);
        assertThat(f.getDstBytes()).isEqualTo(60 + 52 + 552 + 52);
        assertThat(f.getTcpFlags()).isEqualTo(SYN | ACK | PSH | FIN);
        assertThat(f.getState()).isEqualTo("SF");
        assertThat(f.getDurationUs()).isEqualTo(8000);
        assertThat(f.getStartMs()).isEqualTo(T0 / 1000);
        assertThat(f.getEndMs()).isEqualTo(T0 / 1000 + 8);
        assertThat(f.getIcmpType()).isNull();
        assertThat(f.getExporter()).isEqualTo("test.pcap");
        assertThat(f.getLabel()).isNull();
        assertThat(f.getSamplingRate()).isEqualTo(1);
    }

    @Test
    void finishedFlowIsEmittedOnceCloseTimeoutPassesWithoutFlush() {
        handshakeDataAndClose(meter);
        meter.add(Packet.udp(ms(8) + 4_999_999, A, 5353, B, 5353, 100)); // 1 µs short of closeTimeout
        assertThat(meter.poll()).isNull();
        meter.add(Packet.udp(ms(8) + 5_000_000, A, 5353, B, 5353, 100));

        List<FlowRecord> ended = drain(meter);
        assertThat(ended).extracting(FlowRecord::getState).containsExactly("SF");
        assertThat(ended.get(0).getSrcPackets() + ended.get(0).getDstPackets()).isEqualTo(9);
        assertThat(meter.activeFlows()).isEqualTo(1);
    }

    @Test
    void closeTimeoutZeroEmitsAtTheSecondFinAndTheLastAckMakesItsOwnFlow() {
        FlowMeter m = new FlowMeter(FlowMeter.Options.DEFAULTS.withCloseTimeout(Duration.ZERO), "x");
        handshakeDataAndClose(m);

        List<FlowRecord> flows = flushAll(m);
        assertThat(flows).extracting(FlowRecord::getState).containsExactly("SF", "INT");
        assertThat(flows.get(0).getSrcPackets()).isEqualTo(4);
        assertThat(flows.get(1).getSrcPackets()).isEqualTo(1);
        assertThat(flows.get(1).getTcpFlags()).isEqualTo(ACK);
    }

    @Test
    void replyJoinsTheFlowOfTheSideThatSentFirst() {
        meter.add(Packet.udp(ms(0), B, 53, A, 33000, 120)); // the first packet's sender is src, whatever its port
        meter.add(Packet.udp(ms(3), A, 33000, B, 53, 60));
        meter.add(Packet.udp(ms(4), B, 53, A, 33000, 130));

        List<FlowRecord> flows = flushAll(meter);
        assertThat(flows).hasSize(1);
        FlowRecord f = flows.get(0);
        assertThat(f.getSrcAddr()).isEqualTo(B);
        assertThat(f.getSrcPort()).isEqualTo(53);
        assertThat(f.getSrcPackets()).isEqualTo(2);
        assertThat(f.getSrcBytes()).isEqualTo(250);
        assertThat(f.getDstPackets()).isEqualTo(1);
        assertThat(f.getDstBytes()).isEqualTo(60);
        assertThat(f.getState()).isEqualTo("CON");
        assertThat(f.getTcpFlags()).isNull();
    }

    @Test
    void icmpEchoAndReplyAreOneFlowWithTheFirstPacketsTypeAndNoPorts() {
        meter.add(Packet.icmp(ms(0), Protocols.ICMP, A, B, 84, 8, 0));
        meter.add(Packet.icmp(ms(1), Protocols.ICMP, B, A, 84, 0, 0));

        FlowRecord f = flushAll(meter).get(0);
        assertThat(f.getIcmpType()).isEqualTo(8);
        assertThat(f.getIcmpCode()).isEqualTo(0);
        assertThat(f.getSrcPort()).isNull();
        assertThat(f.getDstPort()).isNull();
        assertThat(f.getSrcPackets()).isEqualTo(1);
        assertThat(f.getDstPackets()).isEqualTo(1);
        assertThat(f.getState()).isEqualTo("CON");
    }

    @Test
    void idleTimeoutSplitsAndEmitsTheIdleFlowAsTimeAdvances() {
        FlowMeter m = new FlowMeter(FlowMeter.Options.DEFAULTS.withIdleTimeout(Duration.ofSeconds(10)), "x");
        m.add(Packet.udp(ms(0), A, 5000, B, 53, 60));
        m.add(Packet.udp(ms(9_999), A, 5000, B, 53, 60)); // just inside the timeout: same flow
        assertThat(m.poll()).isNull();
        m.add(Packet.udp(ms(19_999), A, 5000, B, 53, 70)); // exactly idleTimeout after the last packet: new flow

        FlowRecord first = m.poll();
        assertThat(first).isNotNull();
        assertThat(first.getSrcPackets()).isEqualTo(2);
        assertThat(first.getDurationUs()).isEqualTo(9_999_000);
        assertThat(first.getState()).isEqualTo("INT");
        List<FlowRecord> rest = flushAll(m);
        assertThat(rest).hasSize(1);
        assertThat(rest.get(0).getSrcBytes()).isEqualTo(70);
        assertThat(rest.get(0).getStartMs()).isEqualTo(T0 / 1000 + 19_999);
    }

    @Test
    void activeTimeoutSplitsALongFlowIntoContinuationsThatKeepTheOrientation() {
        FlowMeter m = new FlowMeter(FlowMeter.Options.DEFAULTS.withActiveTimeout(Duration.ofSeconds(60)), "x");
        for (int s = 0; s <= 150; s += 10) {
            // every packet at a multiple of 60 s comes from the responder
            m.add(s % 60 == 0 && s > 0 ? Packet.udp(ms(s * 1000L), B, 53, A, 5000, 100) : Packet.udp(ms(s * 1000L), A, 5000, B, 53, 100));
        }
        List<FlowRecord> flows = flushAll(m);

        assertThat(flows).extracting(f -> f.getSrcPackets() + f.getDstPackets()).containsExactly(6L, 6L, 4L);
        assertThat(flows).extracting(FlowRecord::getStartMs)
                .containsExactly(T0 / 1000, T0 / 1000 + 60_000, T0 / 1000 + 120_000);
        assertThat(flows).extracting(FlowRecord::getSrcAddr).containsOnly(A);
        assertThat(flows).extracting(FlowRecord::getDstPackets).containsExactly(0L, 1L, 1L);
        assertThat(flows).extracting(FlowRecord::getDurationUs).containsExactly(50_000_000L, 50_000_000L, 30_000_000L);
    }

    @Test
    void rstFinishesTheFlowAndItsStragglerStaysInIt() {
        meter.add(ab(ms(0), SYN, 60));
        meter.add(ba(ms(1), SYN | ACK, 60));
        meter.add(ab(ms(2), ACK, 52));
        meter.add(ab(ms(3), RST | ACK, 40));
        meter.add(ba(ms(4), PSH | ACK, 300)); // in flight before the peer saw the RST
        meter.add(ab(ms(5_004), RST, 40)); // 5 s later: the finished flow has ended, this is a new one

        List<FlowRecord> flows = flushAll(meter);
        assertThat(flows).hasSize(2);
        assertThat(flows.get(0).getState()).isEqualTo("RST");
        assertThat(flows.get(0).getSrcPackets() + flows.get(0).getDstPackets()).isEqualTo(5);
        assertThat(flows.get(1).getSrcPackets()).isEqualTo(1);
        assertThat(flows.get(1).getState()).isEqualTo("RST");
    }

    @Test
    void rstWithCloseTimeoutZeroEndsTheFlowImmediately() {
        FlowMeter m = new FlowMeter(FlowMeter.Options.DEFAULTS.withCloseTimeout(Duration.ZERO), "x");
        m.add(ab(ms(0), SYN, 60));
        m.add(ba(ms(1), SYN | ACK, 60));
        m.add(ab(ms(2), RST, 40));

        FlowRecord f = m.poll();
        assertThat(f).isNotNull();
        assertThat(f.getState()).isEqualTo("RST");
        assertThat(f.getTcpFlags()).isEqualTo(SYN | ACK | RST);
        assertThat(m.activeFlows()).isZero();
    }

    @Test
    void synAnsweredByRstIsRejAndUnansweredSynIsS0() {
        meter.add(ab(ms(0), SYN, 60));
        meter.add(ba(ms(1), RST | ACK, 40));
        meter.add(Packet.tcp(ms(2), A, 40001, B, 22, 60, SYN));
        meter.add(Packet.tcp(ms(1002), A, 40001, B, 22, 60, SYN)); // retransmission

        List<FlowRecord> flows = flushAll(meter);
        assertThat(flows).extracting(FlowRecord::getState).containsExactly("REJ", "S0");
        assertThat(flows.get(1).getSrcPackets()).isEqualTo(2);
        assertThat(flows.get(1).getDstPackets()).isZero();
    }

    @Test
    void newSynOnTheSamePortsAfterCloseStartsANewFlowAtOnce() {
        handshakeDataAndClose(meter);
        meter.add(ab(ms(100), SYN, 60)); // port reuse within closeTimeout

        FlowRecord closed = meter.poll();
        assertThat(closed).isNotNull();
        assertThat(closed.getState()).isEqualTo("SF");
        assertThat(flushAll(meter)).extracting(FlowRecord::getState).containsExactly("S0");
    }

    @Test
    void tooManyActiveFlowsEvictsTheLeastRecentlySeenAndCountsIt() {
        FlowMeter m = new FlowMeter(FlowMeter.Options.DEFAULTS.withMaxActiveFlows(2), "x");
        m.add(Packet.udp(ms(0), A, 1001, B, 53, 60));
        m.add(Packet.udp(ms(1), A, 1002, B, 53, 60));
        m.add(Packet.udp(ms(2), B, 53, A, 1001, 90)); // 1001 is now more recent than 1002
        assertThat(m.poll()).isNull();
        m.add(Packet.udp(ms(3), A, 1003, B, 53, 60));

        FlowRecord evicted = m.poll();
        assertThat(evicted.getSrcPort()).isEqualTo(1002);
        assertThat(m.evictedFlows()).isEqualTo(1);
        assertThat(m.activeFlows()).isEqualTo(2);
        assertThat(flushAll(m)).extracting(FlowRecord::getSrcPort).containsExactly(1001, 1003);
    }

    @Test
    void memoryStaysBoundedAsFlowsExpireAndFlushEmptiesIt() {
        FlowMeter m = new FlowMeter(FlowMeter.Options.DEFAULTS.withIdleTimeout(Duration.ofSeconds(1)), "x");
        int maxActive = 0;
        long emitted = 0;
        for (int i = 0; i < 10_000; i++) { // one new flow every 100 ms
            m.add(Packet.udp(ms(i * 100L), A, 1024 + i % 60_000, B, 53, 60));
            maxActive = Math.max(maxActive, m.activeFlows());
            emitted += drain(m).size();
        }
        assertThat(maxActive).isEqualTo(10); // the flows of the last second
        emitted += flushAll(m).size();
        assertThat(m.activeFlows()).isZero();
        assertThat(emitted).isEqualTo(10_000);
        assertThat(m.flowsEmitted()).isEqualTo(10_000);
        assertThat(m.packets()).isEqualTo(10_000);
    }

    @Test
    void flushEmitsRemainingFlowsByStartTime() {
        meter.add(Packet.udp(ms(0), A, 1001, B, 53, 60));
        meter.add(Packet.udp(ms(1), A, 1002, B, 53, 60));
        meter.add(Packet.udp(ms(2), A, 1003, B, 53, 60));
        meter.add(Packet.udp(ms(3), B, 53, A, 1001, 60)); // touching 1001 again does not move it

        assertThat(flushAll(meter)).extracting(FlowRecord::getSrcPort).containsExactly(1001, 1002, 1003);
    }

    @Test
    void packetsOutOfTimeOrderAreCountedAndKeptInTheirFlow() {
        meter.add(Packet.udp(ms(10), A, 1001, B, 53, 60));
        meter.add(Packet.udp(ms(5), B, 53, A, 1001, 60));

        FlowRecord f = flushAll(meter).get(0);
        assertThat(meter.latePackets()).isEqualTo(1);
        assertThat(f.getStartMs()).isEqualTo(T0 / 1000 + 5);
        assertThat(f.getDurationUs()).isEqualTo(5000);
    }

    @Test
    void optionsHaveDocumentedDefaultsAndRefuseNonsense() {
        FlowMeter.Options d = FlowMeter.Options.DEFAULTS;
        assertThat(d.idleTimeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(d.activeTimeout()).isEqualTo(Duration.ofSeconds(1800));
        assertThat(d.closeTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.maxActiveFlows()).isEqualTo(1_000_000);
        assertThatThrownBy(() -> d.withIdleTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("idleTimeout");
        assertThatThrownBy(() -> d.withActiveTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withCloseTimeout(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> d.withMaxActiveFlows(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxActiveFlows");
    }
}
