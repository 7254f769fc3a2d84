package org.flowsentry.job.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.base.ListSerializer;
import org.apache.flink.api.common.typeutils.base.MapSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.flowsentry.job.JobDescriptors;
import org.flowsentry.job.serialization.FlowEventSerializer;
import org.flowsentry.job.serialization.HostStateSerializer;
import org.flowsentry.job.serialization.PairStateSerializer;
import org.flowsentry.schema.Alert;
import org.flowsentry.schema.DeadLetter;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.Test;

class DataTypesTest {
    @Test
    void everythingOnTheWireOrInStateHasAFlinkOrAvroOrOwnSerializerNotKryo() {
        assertThat(TypeInformation.of(RawRecord.class)).isInstanceOf(PojoTypeInfo.class);
        for (Class<?> c : List.of(FlowRecord.class, Alert.class, DeadLetter.class)) {
            assertThat(TypeInformation.of(c)).as(c.getSimpleName()).isInstanceOf(AvroTypeInfo.class);
        }
        // Hand-written: FlowEvent through its @TypeInfo, the context states in their descriptors.
        assertThat(TypeInformation.of(FlowEvent.class).createSerializer(new SerializerConfigImpl()))
                .isInstanceOf(FlowEventSerializer.class);
        ListStateDescriptor<FlowEvent> held = JobDescriptors.heldFlows();
        held.initializeSerializerUnlessSet(new ExecutionConfig());
        assertThat(((ListSerializer<FlowEvent>) held.getSerializer()).getElementSerializer()).isInstanceOf(FlowEventSerializer.class);
        assertThat(JobDescriptors.sourceHost().getSerializer()).isInstanceOf(HostStateSerializer.class);
        assertThat(JobDescriptors.destinationHost().getSerializer()).isInstanceOf(HostStateSerializer.class);
        assertThat(((MapSerializer<?, ?>) JobDescriptors.pairs().getSerializer()).getValueSerializer())
                .isInstanceOf(PairStateSerializer.class);
    }

    @Test
    void kafkaRecordsBecomeRawRecordsWithTheirPosition() {
        List<RawRecord> out = new ArrayList<>();
        ConsumerRecord<byte[], byte[]> r = new ConsumerRecord<>("flows", 4, 17L, "k".getBytes(StandardCharsets.UTF_8),
                "v".getBytes(StandardCharsets.UTF_8));
        new RawRecordDeserializer().deserialize(r, new Collector<>() {
            @Override
            public void collect(RawRecord record) {
                out.add(record);
            }

            @Override
            public void close() {}
        });
        assertThat(out).containsExactly(new RawRecord("v".getBytes(StandardCharsets.UTF_8), "k".getBytes(StandardCharsets.UTF_8),
                "flows", 4, 17L, r.timestamp()));
        assertThat(new RawRecordDeserializer().getProducedType()).isEqualTo(TypeInformation.of(RawRecord.class));
    }
}
