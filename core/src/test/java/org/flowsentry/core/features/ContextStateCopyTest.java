package org.flowsentry.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowsentry.core.features.FeatureLayoutTest.flow;

import java.util.List;
import org.flowsentry.core.flow.TcpFlags;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.Test;

class ContextStateCopyTest {
    private static final FeatureLayout LAYOUT = new FeatureLayout(List.of(), ContextSpec.DEFAULT);

    @Test
    void copiesEqualTheOriginalAndDoNotChangeWithIt() {
        HostState host = HostState.create(LAYOUT.context());
        PairState pair = PairState.create(LAYOUT.context());
        double[] v = new double[LAYOUT.width()];
        for (int i = 0; i < 10; i++) {
            FlowRecord r = flow(1_000_000 + i * 700L, "10.0.0.1", "10.0.0.2", 8000 + i, 100 + i, 900, TcpFlags.SYN | TcpFlags.ACK);
            LAYOUT.computeSourcePart(host, r, r.getStartMs(), v);
            LAYOUT.computePairPart(pair, r, r.getStartMs(), v);
        }
        HostState hostCopy = host.copy();
        PairState pairCopy = pair.copy();
        assertThat(hostCopy).isEqualTo(host).isNotSameAs(host);
        assertThat(pairCopy).isEqualTo(pair).isNotSameAs(pair);
        // Spare array length and capacity are kept, so the copy grows and saturates like the original.
        assertThat(hostCopy.ports().allocated()).isEqualTo(host.ports().allocated());
        assertThat(hostCopy.ports().maxValues()).isEqualTo(64);

        FlowRecord later = flow(1_020_000, "10.0.0.1", "10.0.0.2", 9999, 5000, 0, TcpFlags.SYN);
        LAYOUT.computeSourcePart(host, later, later.getStartMs(), v);
        LAYOUT.computePairPart(pair, later, later.getStartMs(), v);
        assertThat(hostCopy).isNotEqualTo(host);
        assertThat(pairCopy).isNotEqualTo(pair);
        assertThat(hostCopy.ports().size()).isEqualTo(10);
        assertThat(host.ports().size()).isEqualTo(11);
        assertThat(hostCopy.getLastMs()).isEqualTo(1_006_300L);
    }

    @Test
    void aRecentValuesCopyIsIndependentAndKeepsTheLengthOfOldState() {
        RecentValues old = RecentValues.restore(0, new long[16], 0); // state from before lazy growth: no capacity, full length
        old.add(5, 50);
        RecentValues c = old.copy();
        assertThat(c).isEqualTo(old);
        assertThat(c.maxValues()).isEqualTo(8);
        old.add(6, 60);
        assertThat(c.size()).isEqualTo(1);
        assertThat(c.countSince(60, 100)).isEqualTo(1);
    }
}
