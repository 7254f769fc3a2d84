package org.flowsentry.job.serialization;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.flowsentry.core.features.PairState;
import org.junit.jupiter.api.Test;

class PairStateSerializerTest extends SerializerTestBase<PairState> {
    private static final Samples SAMPLES = Samples.generated(3_000);

    @Override
    protected TypeSerializer<PairState> createSerializer() {
        return new PairStateSerializer();
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<PairState> getTypeClass() {
        return PairState.class;
    }

    @Override
    protected PairState[] getTestData() {
        return new PairState[] {busiestPair(), SAMPLES.pairs.values().iterator().next(),
                PairState.create(Samples.LAYOUT.context()), new PairState()};
    }

    /** The pair with the most inter-arrival observations: every moment is set. */
    private static PairState busiestPair() {
        return SAMPLES.pairs.values().stream().max(Comparator.comparingDouble(PairState::getIatW)).orElseThrow();
    }

    @Test
    void theTestDataHasPairsWithHistory() {
        PairState busy = busiestPair();
        System.out.printf("%d pairs from %d generated flows; busiest: inter-arrival weight %.2f%n",
                SAMPLES.pairs.size(), SAMPLES.events.size(), busy.getIatW());
        assertThat(busy.getIatW()).isGreaterThan(1.0);
        assertThat(busy.getIatSum()).isPositive();
        assertThat(busy.getSizeSq()).isPositive();
        assertThat(busy.getFlows()).hasSize(4);
    }

    @Test
    void aCopyIsTheSameStateSharedAndTheStatesOwnCopyIsIndependent() {
        PairState stored = busiestPair().copy();
        assertThat(stored.isShared()).isFalse();
        PairState held = new PairStateSerializer().copy(stored);
        assertThat(held).isSameAs(stored);
        assertThat(stored.isShared()).isTrue();
        PairState own = stored.copy();
        assertThat(own).isNotSameAs(stored).isEqualTo(stored);
        assertThat(own.isShared()).isFalse();
        assertThat(own.getFlows()).isNotSameAs(stored.getFlows());
    }
}
