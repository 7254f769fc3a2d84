package org.flowsentry.core.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.flowsentry.core.features.FeatureLayoutTest.flow;

import java.util.List;
import org.flowsentry.core.flow.TcpFlags;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.Test;

class ContextTrackerTest {
    static final ContextSpec THREE_PAIRS = ContextSpec.DEFAULT.withMaxPairsPerDestination(3);
    static final FeatureLayout LAYOUT = new FeatureLayout(List.of(), THREE_PAIRS);
    static final String VICTIM = "10.9.9.9";

    private static double pairFlows1s(double[] v) {
        return v[LAYOUT.names().indexOf("pair.log_flows_1s")];
    }

    @Test
    void aDestinationKeepsPairContextForAtMostItsBoundOfSources() {
        FeatureExtractor extractor = new FeatureExtractor(LAYOUT);
        double[] firstFlow = null;
        for (int i = 0; i < 5; i++) {
            double[] v = extractor.extract(flow(1000, "10.0.0." + i, VICTIM, 80, 60, 0, TcpFlags.SYN), 1000);
            if (firstFlow == null) firstFlow = v;
        }
        // Second flows 10 ms later: the three stored pairs have seen one flow before, the two
        // sources past the bound look like first flows again.
        double[][] second = new double[5][];
        for (int i = 0; i < 5; i++) second[i] = extractor.extract(flow(1010, "10.0.0." + i, VICTIM, 80, 60, 0, TcpFlags.SYN), 1010);
        for (int i = 0; i < 3; i++) assertThat(pairFlows1s(second[i])).isGreaterThan(pairFlows1s(firstFlow));
        for (int i = 3; i < 5; i++) assertThat(pairFlows1s(second[i])).isEqualTo(pairFlows1s(firstFlow));
        // Another destination has its own bound.
        double[] elsewhere = extractor.extract(flow(1020, "10.0.0.4", "10.9.9.8", 80, 60, 0, TcpFlags.SYN), 1020);
        assertThat(pairFlows1s(elsewhere)).isEqualTo(pairFlows1s(firstFlow));
    }

    @Test
    void aPairDroppedAsLeastRecentlyUsedFreesItsDestinationsSlot() {
        ContextTracker tracker = new ContextTracker(LAYOUT, 4);
        for (int i = 0; i < 3; i++) tracker.pair("10.0.0." + i, VICTIM);
        assertThat(tracker.pairsOf(VICTIM)).isEqualTo(3);
        PairState notKept = tracker.pair("10.0.0.3", VICTIM);
        assertThat(tracker.pair("10.0.0.3", VICTIM)).isNotSameAs(notKept);
        assertThat(tracker.pairsOf(VICTIM)).isEqualTo(3);

        tracker.pair("10.0.0.1", VICTIM); // 10.0.0.0 is now the least recently used pair
        tracker.pair("10.0.0.0", "10.9.9.8");
        tracker.pair("10.0.0.1", "10.9.9.8"); // a fifth pair: 10.0.0.0's with the victim goes
        assertThat(tracker.pairsOf(VICTIM)).isEqualTo(2);
        assertThat(tracker.pairsOf("10.9.9.8")).isEqualTo(2);
        PairState kept = tracker.pair("10.0.0.3", VICTIM);
        assertThat(tracker.pair("10.0.0.3", VICTIM)).isSameAs(kept);
        assertThat(tracker.pairsOf(VICTIM)).isEqualTo(2); // storing it dropped the next eldest, 10.0.0.2's
        assertThat(tracker.size()).isEqualTo(4);
    }

    @Test
    void theBoundTravelsInTheSpecAndIsValidated() {
        assertThat(FeatureLayout.of(LAYOUT.toSpec()).context().maxPairsPerDestination()).isEqualTo(3);
        assertThat(ContextSpec.DEFAULT.maxPairsPerDestination()).isEqualTo(4096);
        assertThatThrownBy(() -> new ContextSpec(List.of(1000L), List.of(), 64, 3_600_000L, 0, false))
                .hasMessageContaining("maxPairsPerDestination");
    }

    @Test
    void flowsWithoutAddressesShareOneDestination() {
        ContextTracker tracker = new ContextTracker(LAYOUT, 100);
        FlowRecord r = flow(1000, null, null, 80, 60, 0, TcpFlags.SYN);
        tracker.pair(r.getSrcAddr(), r.getDstAddr());
        assertThat(tracker.pairsOf(null)).isEqualTo(1);
        assertThat(tracker.pairsOf("")).isEqualTo(1);
    }
}
