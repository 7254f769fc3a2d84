package org.flowsentry.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowsentry.trainer.eval.TestFlows.flow;

import java.util.ArrayList;
import java.util.List;
import org.flowsentry.core.flow.Labels;
import org.junit.jupiter.api.Test;

class TimelineTest {
    @Test
    void flowsWithEventTimesAreBucketedByTimeInARoundWidth() {
        List<ScoredFlow> flows = new ArrayList<>();
        long t0 = 1_700_000_000_000L; // a whole minute
        for (int i = 0; i < 600; i++) {
            boolean attack = i >= 300 && i < 360;
            flows.add(flow(attack ? "DoS" : Labels.BENIGN, null, t0 + i * 1_000L, attack ? 0.999 : 0.1, 0.1, 0.1));
        }
        Timeline t = Timeline.of(flows, 100); // 10 min over at most 100 buckets: 6 s -> 10 s
        assertThat(t.byTime).isTrue();
        assertThat(t.widthText()).isEqualTo("10 s");
        assertThat(t.start).isEqualTo(t0);
        assertThat(t.flagged).hasSize(60);
        assertThat(t.flagged[30]).isEqualTo(10);
        assertThat(t.attacks[35]).isEqualTo(10);
        assertThat(t.attacks[29]).isZero();
        assertThat(sum(t.flagged)).isEqualTo(60);
    }

    @Test
    void oneFlowWithoutEventTimeBucketsEveryFlowByIndex() {
        List<ScoredFlow> flows = new ArrayList<>();
        for (int i = 0; i < 250; i++) flows.add(flow(Labels.BENIGN, null, i == 7 ? null : (long) i, i < 5 ? 0.999 : 0.1, 0.1, 0.1));
        Timeline t = Timeline.of(flows, 100);
        assertThat(t.byTime).isFalse();
        assertThat(t.widthText()).isEqualTo("3 flows");
        assertThat(t.flagged).hasSize(84);
        assertThat(t.flagged[0]).isEqualTo(3);
        assertThat(t.flagged[1]).isEqualTo(2);
    }

    @Test
    void noFlowsMakeOneEmptyBucket() {
        Timeline t = Timeline.of(List.of(), 100);
        assertThat(t.flagged).containsExactly(0);
    }

    private static long sum(long[] v) {
        long s = 0;
        for (long x : v) s += x;
        return s;
    }
}
