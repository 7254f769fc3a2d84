package org.flowsentry.core.ingest.packets;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import org.flowsentry.core.flow.FlowRecords;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.flow.TcpFlags;
import org.flowsentry.schema.FlowRecord;

/**
 * Turns a time-ordered stream of packets into bidirectional flows, in bounded memory; the one
 * flow meter behind the pcap and Wireshark CSV formats.
 *
 * <p><b>Key.</b> Protocol and the two (address, port) endpoints, in either order: a reply joins
 * its request's flow. Protocols without ports (ICMP, ICMPv6, GRE, ...) are keyed by protocol and
 * address pair, so an echo request and its reply are one flow. The sender of a flow's first
 * packet is its {@code src}.
 *
 * <p><b>End of a flow.</b>
 * <ul>
 *   <li>Idle: a flow with no packet for {@code idleTimeout} ends; a later packet starts a new flow.</li>
 *   <li>Active: a packet arriving {@code activeTimeout} or more after the flow's first packet ends
 *       the flow and starts a continuation with the same src and dst (as NetFlow does).</li>
 *   <li>TCP close: once FIN has been seen from both sides, or any RST, the flow is finished. It is
 *       not emitted at once: the teardown's stragglers (the last ACK after the second FIN, a second
 *       RST, data the peer sent before it saw the RST) arrive right after it and would each make a
 *       one-packet flow. A finished flow is emitted after {@code closeTimeout} without packets
 *       (Zeek's tcp_close_delay does the same), or at once when a new SYN reuses its ports.
 *       {@code closeTimeout} 0 emits it immediately.</li>
 *   <li>Too many flows: when more than {@code maxActiveFlows} are active, the least recently seen
 *       flow is emitted early and counted in {@link #evictedFlows()}.</li>
 *   <li>End of input: {@link #flush()} emits every remaining flow.</li>
 * </ul>
 * Timeouts are measured in packet time, not wall-clock time: flows expire as packet timestamps
 * advance. A packet older than the newest one seen is tolerated (counted in
 * {@link #latePackets()}); the meter's clock never goes back.
 *
 * <p><b>Output order.</b> Flows come out in the order they end: at each packet, the flows it
 * expires (earliest deadline first), then the flow it ends or evicts. {@link #flush()} emits the
 * remaining flows by start time (ties in the order they started). The same input always gives the
 * same output.
 *
 * <p><b>Fields.</b> startMs/endMs: first and last packet, epoch ms (floored); durationUs: last
 * minus first packet. Counters per direction from {@link Packet#length()} (the IP total length
 * for pcap, the frame length for Wireshark CSV). tcpFlags: OR of both directions (TCP only).
 * icmpType/icmpCode: of the flow's first packet. service: the first one a packet named.
 * exporter: the source name given to the constructor. label: null (captures carry no ground truth).
 *
 * <p><b>State</b>, a subset of Zeek's conn_state and Argus' state names, checked in this order:
 * <ul>
 *   <li>{@code REJ}: src sent SYN, dst answered with RST and never sent SYN (connection refused).</li>
 *   <li>{@code RST}: any other flow with a RST from either side.</li>
 *   <li>{@code SF}: handshake (SYN from src, SYN from dst) and FIN from both sides.</li>
 *   <li>{@code S0}: src sent SYN and dst sent nothing.</li>
 *   <li>{@code CON}: both sides sent packets (any protocol; a TCP flow still open, or a
 *       continuation after an active timeout).</li>
 *   <li>{@code INT}: only src sent packets (a UDP or ICMP request without reply, one-way TCP
 *       without SYN).</li>
 * </ul>
 */
public final class FlowMeter {

    /**
     * Flow meter settings; {@link #DEFAULTS}: idle 120 s, active 1800 s, close 5 s, 1,000,000 flows.
     *
     * @param idleTimeout a flow without packets for this long ends (&gt; 0)
     * @param activeTimeout a flow this old ends at its next packet, which starts a continuation (&gt; 0)
     * @param closeTimeout a finished TCP flow (FIN both ways, or RST) ends after this long without
     *     packets (&ge; 0; 0 ends it at once)
     * @param maxActiveFlows more active flows than this evicts the least recently seen one (&ge; 1)
     */
    public record Options(Duration idleTimeout, Duration activeTimeout, Duration closeTimeout, int maxActiveFlows) {
        public static final Options DEFAULTS =
                new Options(Duration.ofSeconds(120), Duration.ofSeconds(1800), Duration.ofSeconds(5), 1_000_000);

        public Options {
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            Objects.requireNonNull(activeTimeout, "activeTimeout");
            Objects.requireNonNull(closeTimeout, "closeTimeout");
            if (idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
            }
            if (activeTimeout.isNegative() || activeTimeout.isZero()) {
                throw new IllegalArgumentException("activeTimeout must be positive: " + activeTimeout);
            }
            if (closeTimeout.isNegative()) throw new IllegalArgumentException("closeTimeout must be >= 0: " + closeTimeout);
            if (maxActiveFlows < 1) throw new IllegalArgumentException("maxActiveFlows must be >= 1: " + maxActiveFlows);
        }

        public Options withIdleTimeout(Duration d) {
            return new Options(d, activeTimeout, closeTimeout, maxActiveFlows);
        }

        public Options withActiveTimeout(Duration d) {
            return new Options(idleTimeout, d, closeTimeout, maxActiveFlows);
        }

        public Options withCloseTimeout(Duration d) {
            return new Options(idleTimeout, activeTimeout, d, maxActiveFlows);
        }

        public Options withMaxActiveFlows(int n) {
            return new Options(idleTimeout, activeTimeout, closeTimeout, n);
        }
    }

    /** Protocol and the two endpoints in a fixed order, so both directions find the same flow. */
    private record Key(int protocol, String addrA, int portA, String addrB, int portB) {
        static Key of(Packet p) {
            int c = p.srcAddr().compareTo(p.dstAddr());
            if (c < 0 || (c == 0 && p.srcPort() <= p.dstPort())) {
                return new Key(p.protocol(), p.srcAddr(), p.srcPort(), p.dstAddr(), p.dstPort());
            }
            return new Key(p.protocol(), p.dstAddr(), p.dstPort(), p.srcAddr(), p.srcPort());
        }
    }

    private static final class Flow {
        final Key key;
        final long seq;
        final String srcAddr;
        final int srcPort;
        final String dstAddr;
        final int dstPort;
        long firstUs;
        long lastUs;
        long srcPackets;
        long dstPackets;
        long srcBytes;
        long dstBytes;
        int srcFlags;
        int dstFlags;
        int icmpType = Packet.NONE;
        int icmpCode = Packet.NONE;
        String service;
        boolean finished;

        Flow(Key key, long seq, String srcAddr, int srcPort, String dstAddr, int dstPort, long startUs) {
            this.key = key;
            this.seq = seq;
            this.srcAddr = srcAddr;
            this.srcPort = srcPort;
            this.dstAddr = dstAddr;
            this.dstPort = dstPort;
            this.firstUs = startUs;
            this.lastUs = startUs;
        }

        void add(Packet p) {
            boolean forward = p.srcPort() == srcPort && p.srcAddr().equals(srcAddr);
            if (forward) {
                srcPackets++;
                srcBytes += p.length();
                srcFlags |= p.tcpFlags();
            } else {
                dstPackets++;
                dstBytes += p.length();
                dstFlags |= p.tcpFlags();
            }
            if (srcPackets + dstPackets == 1) {
                icmpType = p.icmpType();
                icmpCode = p.icmpCode();
            }
            if (service == null) service = p.service();
            firstUs = Math.min(firstUs, p.timestampUs());
            lastUs = Math.max(lastUs, p.timestampUs());
            if (key.protocol() == Protocols.TCP) {
                int all = srcFlags | dstFlags;
                finished = (all & TcpFlags.RST) != 0
                        || ((srcFlags & TcpFlags.FIN) != 0 && (dstFlags & TcpFlags.FIN) != 0);
            }
        }

        String state() {
            if (key.protocol() == Protocols.TCP) {
                boolean srcSyn = (srcFlags & TcpFlags.SYN) != 0;
                boolean dstSyn = (dstFlags & TcpFlags.SYN) != 0;
                if (srcSyn && !dstSyn && (dstFlags & TcpFlags.RST) != 0) return "REJ";
                if (((srcFlags | dstFlags) & TcpFlags.RST) != 0) return "RST";
                if (srcSyn && dstSyn && (srcFlags & TcpFlags.FIN) != 0 && (dstFlags & TcpFlags.FIN) != 0) return "SF";
                if (srcSyn && dstPackets == 0) return "S0";
            }
            return dstPackets > 0 ? "CON" : "INT";
        }
    }

    private final Options options;
    private final String exporter;
    private final long idleUs;
    private final long activeUs;
    private final long closeUs;
    /** Open flows, least recently seen first (access order). */
    private final LinkedHashMap<Key, Flow> open = new LinkedHashMap<>(1024, 0.75f, true);
    /** Finished TCP flows waiting out closeTimeout, least recently seen first. */
    private final LinkedHashMap<Key, Flow> closing = new LinkedHashMap<>(1024, 0.75f, true);
    private final ArrayDeque<FlowRecord> ended = new ArrayDeque<>();
    private long clockUs = Long.MIN_VALUE;
    private long nextSeq;
    private long packets;
    private long latePackets;
    private long flowsEmitted;
    private long evictedFlows;

    /**
     * @param exporter written to every flow's exporter field (usually the capture file's name)
     */
    public FlowMeter(Options options, String exporter) {
        this.options = Objects.requireNonNull(options, "options");
        this.exporter = exporter;
        this.idleUs = toMicros(options.idleTimeout());
        this.activeUs = toMicros(options.activeTimeout());
        this.closeUs = toMicros(options.closeTimeout());
    }

    private static long toMicros(Duration d) {
        try {
            return Math.multiplyExact(d.getSeconds(), 1_000_000L) + d.getNano() / 1000;
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE / 2; // "never": far beyond any capture
        }
    }

    public Options options() {
        return options;
    }

    /** Adds one packet; flows it ends become available from {@link #poll()}. */
    public void add(Packet p) {
        packets++;
        long ts = p.timestampUs();
        if (ts < clockUs) latePackets++;
        else clockUs = ts;
        expire(clockUs);

        Key key = Key.of(p);
        Flow flow = open.get(key);
        boolean wasFinished = false;
        if (flow == null) {
            flow = closing.get(key);
            wasFinished = flow != null;
        }
        if (flow != null) {
            boolean newSyn = (p.tcpFlags() & (TcpFlags.SYN | TcpFlags.ACK)) == TcpFlags.SYN;
            boolean tooOld = ts - flow.firstUs >= activeUs;
            if ((wasFinished && newSyn) || tooOld) {
                (wasFinished ? closing : open).remove(key);
                emit(flow);
                // An active-timeout split continues the connection: keep its orientation.
                flow = tooOld && !wasFinished
                        ? new Flow(key, nextSeq++, flow.srcAddr, flow.srcPort, flow.dstAddr, flow.dstPort, ts)
                        : null;
                if (flow != null) open.put(key, flow);
                wasFinished = false;
            }
        }
        if (flow == null) {
            flow = new Flow(key, nextSeq++, p.srcAddr(), p.srcPort(), p.dstAddr(), p.dstPort(), ts);
            open.put(key, flow);
        }
        flow.add(p);
        if (flow.finished && !wasFinished) {
            open.remove(key);
            if (closeUs == 0) emit(flow);
            else closing.put(key, flow);
        }
        while (open.size() + closing.size() > options.maxActiveFlows()) {
            Flow victim = leastRecent();
            (victim.finished ? closing : open).remove(victim.key);
            evictedFlows++;
            emit(victim);
        }
    }

    /** Ends every flow whose idle or close deadline has passed at this packet time. */
    private void expire(long now) {
        while (true) {
            Flow idle = head(open);
            Flow done = head(closing);
            boolean idleDue = idle != null && now - idle.lastUs >= idleUs;
            boolean doneDue = done != null && now - done.lastUs >= closeUs;
            if (!idleDue && !doneDue) return;
            if (idleDue && (!doneDue || idle.lastUs + idleUs < done.lastUs + closeUs)) {
                open.remove(idle.key);
                emit(idle);
            } else {
                closing.remove(done.key);
                emit(done);
            }
        }
    }

    private Flow leastRecent() {
        Flow a = head(open);
        Flow b = head(closing);
        if (a == null) return b;
        if (b == null) return a;
        return b.lastUs <= a.lastUs ? b : a;
    }

    private static Flow head(LinkedHashMap<Key, Flow> flows) {
        Iterator<Flow> it = flows.values().iterator();
        return it.hasNext() ? it.next() : null;
    }

    /** Ends every active flow (end of input); they come out by start time. */
    public void flush() {
        List<Flow> rest = new ArrayList<>(open.size() + closing.size());
        rest.addAll(open.values());
        rest.addAll(closing.values());
        open.clear();
        closing.clear();
        rest.sort(Comparator.comparingLong((Flow f) -> f.firstUs).thenComparingLong(f -> f.seq));
        for (Flow f : rest) emit(f);
    }

    /** The next ended flow, or null when none is waiting. */
    public FlowRecord poll() {
        return ended.poll();
    }

    /** Flows currently held in memory (open plus finished ones waiting out closeTimeout). */
    public int activeFlows() {
        return open.size() + closing.size();
    }

    public long packets() {
        return packets;
    }

    /** Packets whose timestamp was older than an earlier packet's. */
    public long latePackets() {
        return latePackets;
    }

    public long flowsEmitted() {
        return flowsEmitted;
    }

    /** Flows emitted early because more than maxActiveFlows were active. */
    public long evictedFlows() {
        return evictedFlows;
    }

    private void emit(Flow f) {
        flowsEmitted++;
        ended.add(toRecord(f));
    }

    private FlowRecord toRecord(Flow f) {
        FlowRecord r = FlowRecords.blank();
        r.setStartMs(Math.floorDiv(f.firstUs, 1000L));
        r.setEndMs(Math.floorDiv(f.lastUs, 1000L));
        r.setDurationUs(f.lastUs - f.firstUs);
        r.setSrcAddr(f.srcAddr);
        r.setDstAddr(f.dstAddr);
        r.setSrcPort(f.srcPort == Packet.NONE ? null : f.srcPort);
        r.setDstPort(f.dstPort == Packet.NONE ? null : f.dstPort);
        int protocol = f.key.protocol();
        r.setProtocol(protocol);
        r.setSrcPackets(f.srcPackets);
        r.setDstPackets(f.dstPackets);
        r.setSrcBytes(f.srcBytes);
        r.setDstBytes(f.dstBytes);
        if (protocol == Protocols.TCP) r.setTcpFlags(f.srcFlags | f.dstFlags);
        if (f.icmpType != Packet.NONE) r.setIcmpType(f.icmpType);
        if (f.icmpCode != Packet.NONE) r.setIcmpCode(f.icmpCode);
        r.setState(f.state());
        r.setService(f.service);
        r.setExporter(exporter);
        return r;
    }
}
