package org.flowsentry.job;

import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.util.OutputTag;
import org.flowsentry.core.features.HostState;
import org.flowsentry.core.features.PairState;
import org.flowsentry.job.data.FlowEvent;
import org.flowsentry.job.serialization.HostKeySerializer;
import org.flowsentry.job.serialization.HostStateSerializer;
import org.flowsentry.job.serialization.PairStateSerializer;
import org.flowsentry.job.serialization.SerializerTypeInfo;
import org.flowsentry.schema.Alert;
import org.flowsentry.schema.DeadLetter;

/**
 * The state descriptors and output tags of the job, shared by the pipeline and its tests. State
 * names are part of savepoints: never rename one. Descriptors are created per call (they are
 * mutable), output tags are constants.
 */
public final class JobDescriptors {
    private JobDescriptors() {}

    /** Key of the two keyBys (a flow's destination, then its source host): the address, see {@link HostKeySerializer}. */
    public static final TypeInformation<String> HOST_KEY = new SerializerTypeInfo<>(String.class, new HostKeySerializer());

    /** Side output of every operator: input that could not be used, with the reason. */
    public static final OutputTag<DeadLetter> DEAD_LETTERS =
            new OutputTag<>("dead-letters", TypeInformation.of(DeadLetter.class));

    /** Side output of the scoring operator: every flow with its completed raw feature vector, before scoring. */
    public static final OutputTag<FlowEvent> FEATURED = new OutputTag<>("featured-flows", TypeInformation.of(FlowEvent.class));

    /** Side output of the scoring operator: every scored flow, flagged or not (when enabled). */
    public static final OutputTag<Alert> SCORED = new OutputTag<>("scored-flows", TypeInformation.of(Alert.class));

    /** Broadcast state: the accepted bundle's bytes under {@code ModelHolder.CURRENT}. */
    public static MapStateDescriptor<String, byte[]> model() {
        return new MapStateDescriptor<>("model", Types.STRING, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
    }

    /*
     * The context states below use hand-written serializers (org.flowsentry.job.serialization; so
     * does FlowEvent, in held-flows, through its @TypeInfo). Savepoints and checkpoints taken while
     * they used Flink's PojoSerializer do not restore into them: acceptable while the project has
     * no release.
     */

    /** Keyed by source host: the host's context as a flow source. */
    public static ValueStateDescriptor<HostState> sourceHost() {
        return new ValueStateDescriptor<>("source-host", new HostStateSerializer());
    }

    /**
     * Keyed by destination host: the context of each source that talks to it (map key = source
     * address). A pair's flows all reach one destination-host subtask as they reach one source-host
     * subtask, so its state can live with either host; it lives with the destination because the
     * scoring operator, keyed by source, is the job's busiest thread (its flows wait for the
     * ensemble) and the destination operator's had CPU to spare. A map state, not a map inside
     * the host's value: with RocksDB (docker-compose) a value is deserialized whole on every
     * access, and a busy server has thousands of pairs.
     */
    public static MapStateDescriptor<String, PairState> pairs() {
        return new MapStateDescriptor<>("pairs", new HostKeySerializer(), new PairStateSerializer());
    }

    /**
     * Keyed by destination host: how many sources {@link #pairs()} holds, so that a new pair can be
     * refused past the spec's maxPairsPerDestination without counting the map. Absent in state
     * written before it existed: then the map is counted once.
     */
    public static ValueStateDescriptor<Integer> pairCount() {
        return new ValueStateDescriptor<>("pair-count", Types.INT);
    }

    /** Keyed by destination host: the host's context as a flow destination. */
    public static ValueStateDescriptor<HostState> destinationHost() {
        return new ValueStateDescriptor<>("destination-host", new HostStateSerializer());
    }

    /** Keyed by destination host: flows waiting for the first model, in arrival order. */
    public static ListStateDescriptor<FlowEvent> heldFlows() {
        return new ListStateDescriptor<>("held-flows", TypeInformation.of(FlowEvent.class));
    }

    /** Keyed by destination host: how many flows are held. */
    public static ValueStateDescriptor<Integer> heldCount() {
        return new ValueStateDescriptor<>("held-count", Types.INT);
    }

    /** Keyed by destination host: processing time at which the first held flow arrived. */
    public static ValueStateDescriptor<Long> heldSince() {
        return new ValueStateDescriptor<>("held-since", Types.LONG);
    }

    /** Model gate (one constant key): version of the last accepted bundle. */
    public static ValueStateDescriptor<Long> acceptedVersion() {
        return new ValueStateDescriptor<>("accepted-version", Types.LONG);
    }

    /** Model gate: SHA-256 of the last accepted bundle's bytes, to ignore re-sent copies quietly. */
    public static ValueStateDescriptor<byte[]> acceptedDigest() {
        return new ValueStateDescriptor<>("accepted-digest", PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);
    }
}
