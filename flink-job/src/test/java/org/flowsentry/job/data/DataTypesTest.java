package org.flowsentry.job.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.formats.avro.typeutils.AvroTypeInfo;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.flowsentry.core.features.HostState;
import org.flowsentry.core.features.PairState;
import org.flowsentry.schema.Alert;
import org.flowsentry.schema.DeadLetter;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.Test;

class DataTypesTest {
    @Test
    void everythingOnTheWireOrInStateHasAFlinkOrAvroSerializerNotKryo() {
        for (Class<?> c : List.of(RawRecord.class, FlowEvent.class, HostState.class, PairState.class)) {
            assertThat(TypeInformation.of(c)).as(c.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
        }
        for (Class<?> c : List.of(FlowRecord.class, Alert.class, DeadLetter.class)) {
            assertThat(TypeInformation.of(c)).as(c.getSimpleName()).isInstanceOf(AvroTypeInfo.class);
        }
        PojoTypeInfo<FlowEvent> event = (PojoTypeInfo<FlowEvent>) TypeInformation.of(FlowEvent.class);
        assertThat(event.getTypeAt("flow")).isInstanceOf(AvroTypeInfo.class);
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
