package org.flowsentry.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.flowsentry.core.flow.FlowRecords;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.flow.TcpFlags;
import org.flowsentry.schema.FeatureSpec;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.Test;

class FeatureLayoutTest {

    static FlowRecord flow(long t, String src, String dst, int dstPort, long srcBytes, long dstBytes, int flags) {
        FlowRecord r = FlowRecords.blank();
        r.setStartMs(t);
        r.setEndMs(t + 20);
        r.setDurationUs(20_000L);
        r.setSrcAddr(src);
        r.setDstAddr(dst);
        r.setSrcPort(50000);
        r.setDstPort(dstPort);
        r.setProtocol(Protocols.TCP);
        r.setSrcBytes(srcBytes);
        r.setDstBytes(dstBytes);
        r.setSrcPackets(srcBytes > 0 ? 2L : 0L);
        r.setDstPackets(dstBytes > 0 ? 3L : 0L);
        r.setTcpFlags(flags);
        return r;
    }

    private static double feature(FeatureLayout layout, double[] v, String name) {
        int i = layout.names().indexOf(name);
        assertThat(i).as("feature %s exists", name).isNotNegative();
        return v[i];
    }

    @Test
    void perFlowFeaturesAreLogScaledCountersRatesAndOneHots() {
        FeatureLayout layout = new FeatureLayout(List.of(), null);
        double[] v = new double[layout.width()];
        layout.computeFlowPart(flow(0, "10.0.0.1", "10.0.0.2", 443, 1000, 3000, TcpFlags.SYN | TcpFlags.ACK), v);
        assertThat(feature(layout, v, "log_src_bytes")).isEqualTo(StrictMath.log1p(1000));
        assertThat(feature(layout, v, "log_bytes_per_s")).isEqualTo(StrictMath.log1p(4000 / 0.02));
        assertThat(feature(layout, v, "src_byte_share")).isEqualTo(0.25);
        assertThat(feature(layout, v, "log_src_bytes_per_packet")).isEqualTo(StrictMath.log1p(500));
        assertThat(feature(layout, v, "tcp_syn")).isEqualTo(1.0);
        assertThat(feature(layout, v, "tcp_rst")).isEqualTo(0.0);
        assertThat(feature(layout, v, "proto_tcp")).isEqualTo(1.0);
        assertThat(feature(layout, v, "dst_port_well_known")).isEqualTo(1.0);
        assertThat(feature(layout, v, "src_port_ephemeral")).isEqualTo(1.0);
        assertThat(feature(layout, v, "no_reply")).isEqualTo(0.0);
        for (double x : v) assertThat(x).isFinite();
    }

    @Test
    void extraFeaturesComeFromTheRecordAndAreNaNWhenMissing() {
        FeatureLayout layout = new FeatureLayout(List.of("sttl", "ct_srv_src"), null);
        FlowRecord r = flow(0, "10.0.0.1", "10.0.0.2", 80, 1, 1, 0);
        r.setFeatures(Map.of("sttl", 254.0));
        double[] v = new double[layout.width()];
        layout.computeFlowPart(r, v);
        assertThat(feature(layout, v, "x.sttl")).isEqualTo(254.0);
        assertThat(feature(layout, v, "x.ct_srv_src")).isNaN();
    }

    @Test
    void aVerticalScanDrivesDistinctPortsAndFailedShareUp() {
        FeatureLayout layout = new FeatureLayout(List.of(), ContextSpec.DEFAULT);
        FeatureExtractor extractor = new FeatureExtractor(layout);
        double[] v = null;
        for (int p = 1; p <= 100; p++) {
            v = extractor.extract(flow(1_000_000 + p * 10L, "203.0.113.9", "10.0.0.5", p, 60, 0, TcpFlags.SYN), 1_000_000 + p * 10L);
        }
        assertThat(feature(layout, v, "src.distinct_ports_10s")).isEqualTo(64.0); // saturates at the capacity
        assertThat(feature(layout, v, "dst.distinct_ports_10s")).isEqualTo(64.0);
        assertThat(feature(layout, v, "src.distinct_peers_10s")).isEqualTo(1.0);
        assertThat(feature(layout, v, "src.failed_share_1s")).isEqualTo(1.0);
        assertThat(feature(layout, v, "src.log_flows_10s")).isGreaterThan(StrictMath.log1p(90));
        // A host that made one normal connection looks nothing like it.
        double[] normal = extractor.extract(flow(2_000_000, "10.0.0.7", "10.0.0.5", 443, 800, 5000, TcpFlags.SYN | TcpFlags.ACK), 2_000_000);
        assertThat(feature(layout, normal, "src.distinct_ports_10s")).isEqualTo(1.0);
        assertThat(feature(layout, normal, "src.failed_share_1s")).isEqualTo(0.0);
    }

    @Test
    void oneWayRecordsJudgeFailedConnectionsByTcpFlagsAlone() {
        // Records as exporters send them: one direction each, so never any reply counters.
        FlowRecord established = flow(1000, "10.0.0.7", "10.0.0.5", 443, 800, 0, TcpFlags.SYN | TcpFlags.ACK | TcpFlags.PSH);
        FlowRecord dns = flow(1000, "10.0.0.7", "10.0.0.53", 53, 70, 0, 0);
        dns.setProtocol(Protocols.UDP);
        FlowRecord probe = flow(1000, "203.0.113.9", "10.0.0.5", 22, 60, 0, TcpFlags.SYN);
        FlowRecord reset = flow(1000, "10.0.0.5", "203.0.113.9", 50000, 40, 0, TcpFlags.RST | TcpFlags.ACK);
        for (FlowRecord r : List.of(established, dns)) {
            assertThat(FlowFeatures.failed(r, true)).as("one-way %s", r.getDstPort()).isFalse();
            assertThat(FlowFeatures.failed(r, false)).as("bidirectional, unanswered %s", r.getDstPort()).isTrue();
        }
        for (FlowRecord r : List.of(probe, reset)) {
            assertThat(FlowFeatures.failed(r, true)).isTrue();
            assertThat(FlowFeatures.failed(r, false)).isTrue();
        }

        FeatureLayout oneWay = new FeatureLayout(List.of(), ContextSpec.DEFAULT.withOneWayRecords(true));
        double[] v = new FeatureExtractor(oneWay).extract(established, 1000);
        assertThat(feature(oneWay, v, "src.failed_share_1s")).isEqualTo(0.0);
        FeatureLayout twoWay = new FeatureLayout(List.of(), ContextSpec.DEFAULT);
        assertThat(feature(twoWay, new FeatureExtractor(twoWay).extract(established, 1000), "src.failed_share_1s")).isEqualTo(1.0);
    }

    @Test
    void dampedCountsHalveAfterOneHalfLife() {
        FeatureLayout layout = new FeatureLayout(List.of(), ContextSpec.DEFAULT);
        FeatureExtractor extractor = new FeatureExtractor(layout);
        extractor.extract(flow(0, "10.0.0.1", "10.0.0.2", 80, 10, 10, 0), 0);
        double[] v = extractor.extract(flow(10_000, "10.0.0.1", "10.0.0.2", 80, 10, 10, 0), 10_000);
        // One flow decayed by one 10 s half-life (0.5) plus the new flow.
        assertThat(feature(layout, v, "src.log_flows_10s")).isEqualTo(StrictMath.log1p(1.5));
        assertThat(feature(layout, v, "src.log_flows_1s")).isEqualTo(StrictMath.log1p(1.0 + StrictMath.pow(0.5, 10)));
    }

    @Test
    void beaconingPairsHaveRegularInterArrivals() {
        FeatureLayout layout = new FeatureLayout(List.of(), ContextSpec.DEFAULT);
        FeatureExtractor extractor = new FeatureExtractor(layout);
        double[] v = null;
        for (int i = 0; i < 30; i++) {
            long t = i * 60_000L + (i % 2 == 0 ? 100 : -100);
            v = extractor.extract(flow(t, "10.0.0.9", "198.51.100.20", 443, 300, 300, 0), t);
        }
        assertThat(feature(layout, v, "pair.iat_cv")).isLessThan(0.01);
        assertThat(feature(layout, v, "pair.log_iat_mean_ms")).isBetween(StrictMath.log1p(59_000), StrictMath.log1p(61_000));
        assertThat(feature(layout, v, "pair.size_cv")).isEqualTo(0.0);
    }

    @Test
    void idleHostsStartAgainFromEmptyState() {
        FeatureLayout layout = new FeatureLayout(List.of(), ContextSpec.DEFAULT);
        FeatureExtractor extractor = new FeatureExtractor(layout);
        double[] first = extractor.extract(flow(0, "10.0.0.1", "10.0.0.2", 80, 10, 10, 0), 0);
        extractor.extract(flow(1000, "10.0.0.1", "10.0.0.3", 81, 10, 10, 0), 1000);
        long later = 1000 + ContextSpec.DEFAULT.idleResetMs() + 1;
        double[] again = extractor.extract(flow(later, "10.0.0.1", "10.0.0.2", 80, 10, 10, 0), later);
        assertThat(again).containsExactly(first);
    }

    @Test
    void sameFlowsInSameOrderGiveBitIdenticalVectorsAcrossExtractors() {
        FeatureLayout layout = new FeatureLayout(List.of(), ContextSpec.DEFAULT);
        FeatureExtractor a = new FeatureExtractor(layout);
        FeatureExtractor b = new FeatureExtractor(FeatureLayout.of(layout.toSpec()));
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        long t = 0;
        for (int i = 0; i < 5000; i++) {
            t += rnd.nextInt(0, 2000);
            FlowRecord r = flow(t, "10.0.0." + rnd.nextInt(1, 20), "10.0.1." + rnd.nextInt(1, 20),
                    rnd.nextInt(1, 2000), rnd.nextLong(0, 1_000_000), rnd.nextLong(0, 1_000_000), rnd.nextInt(0, 64));
            double[] va = a.extract(r, t);
            double[] vb = b.extract(r, t);
            for (int j = 0; j < va.length; j++) {
                assertThat(Double.doubleToRawLongBits(va[j])).isEqualTo(Double.doubleToRawLongBits(vb[j]));
            }
        }
    }

    @Test
    void aSpecRoundTripsAndAForeignSpecIsRefused() {
        FeatureLayout layout = new FeatureLayout(List.of("a", "b"), ContextSpec.DEFAULT);
        FeatureSpec spec = layout.toSpec();
        assertThat(FeatureLayout.of(spec).names()).isEqualTo(layout.names());
        assertThat(FeatureLayout.of(spec).context()).isEqualTo(ContextSpec.DEFAULT);
        FeatureLayout oneWay = new FeatureLayout(List.of("a", "b"), ContextSpec.DEFAULT.withOneWayRecords(true));
        assertThat(FeatureLayout.of(oneWay.toSpec()).context().oneWayRecords()).isTrue();
        assertThat(spec.getNames()).hasSize(layout.width()).doesNotHaveDuplicates();
        FeatureSpec tampered = FeatureSpec.newBuilder(spec).setNames(spec.getNames().subList(1, spec.getNames().size())).build();
        assertThatThrownBy(() -> FeatureLayout.of(tampered)).hasMessageContaining("do not match");
        FeatureSpec future = FeatureSpec.newBuilder(spec).setVersion(FeatureLayout.VERSION + 1).build();
        assertThatThrownBy(() -> FeatureLayout.of(future)).hasMessageContaining("version");
    }

    @Test
    void recentValuesStayBoundedAndForgetTheOldest() {
        RecentValues r = new RecentValues(3);
        r.add(1, 10);
        r.add(2, 20);
        r.add(3, 30);
        r.add(4, 40); // replaces 1, the least recently seen
        r.add(2, 50); // refreshes 2
        assertThat(r.size()).isEqualTo(3);
        // Kept: 2 seen at 50, 3 at 30, 4 at 40.
        assertThat(r.countSince(50, 5)).isEqualTo(1);
        assertThat(r.countSince(50, 15)).isEqualTo(2);
        assertThat(r.countSince(50, 25)).isEqualTo(3);
    }

    @Test
    void countsForSeveralWindowsInOnePassAreTheCountsOfEachWindow() {
        RecentValues r = new RecentValues(64);
        java.util.Random random = new java.util.Random(7);
        for (int v = 0; v < 200; v++) r.add(random.nextInt(90), random.nextInt(1000));
        long[][] windowSets = {{}, {5}, {5, 300}, {1, 50, 999}, {2000, 10, 400, 1}};
        for (long[] windows : windowSets) {
            double[] out = new double[1 + 3 * windows.length];
            java.util.Arrays.fill(out, -1);
            r.countSince(990, windows, out, 1, 3);
            assertThat(out[0]).isEqualTo(-1); // before offset: untouched
            for (int k = 0; k < windows.length; k++) {
                assertThat(out[1 + 3 * k]).as("window %d ms", windows[k]).isEqualTo(r.countSince(990, windows[k]));
                assertThat(out[2 + 3 * k]).isEqualTo(-1); // between the strided slots: untouched
            }
        }
        assertThat(r.countSince(990, 300)).isBetween(1, 63); // the windows do split the values
    }

    @Test
    void recentValuesGrowWithTheValuesSeenUpToTheCapacity() {
        RecentValues r = new RecentValues(64);
        assertThat(r.allocated()).isZero();
        r.add(7, 1);
        assertThat(r.allocated()).isEqualTo(4);
        for (int v = 0; v < 10; v++) r.add(v, 10 + v);
        assertThat(r.size()).isEqualTo(10); // 7 was seen again
        assertThat(r.allocated()).isEqualTo(16);
        for (int v = 0; v < 100; v++) r.add(1000 + v, 100 + v);
        assertThat(r.size()).isEqualTo(64);
        assertThat(r.allocated()).isEqualTo(64);
        assertThat(r.countSince(199, 1000)).isEqualTo(64);

        // State written when the arrays were allocated at full length has no capacity: the arrays' length bounds it.
        RecentValues old = RecentValues.restore(0, new long[16], 0);
        for (int v = 0; v < 20; v++) old.add(v, v);
        assertThat(old.size()).isEqualTo(8);
        assertThat(old.allocated()).isEqualTo(8);
    }
}
