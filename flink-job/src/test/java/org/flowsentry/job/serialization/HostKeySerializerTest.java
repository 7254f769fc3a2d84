package org.flowsentry.job.serialization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class HostKeySerializerTest extends SerializerTestBase<String> {
    @Override
    protected TypeSerializer<String> createSerializer() {
        return new HostKeySerializer();
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<String> getTypeClass() {
        return String.class;
    }

    /** What keys look like: IPv4, IPv6, the shared key of flows without an address, and non-ASCII text. */
    @Override
    protected String[] getTestData() {
        return new String[] {"10.0.0.1", "2001:db8:85a3::8a2e:370:7334", "", "fe80::1%eth0", "hôte-ü"};
    }

    @Test
    void writesTheLengthAndTheUtf8BytesOnly() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(16);
        new HostKeySerializer().serialize("10.0.0.1", out);
        assertThat(out.length()).isEqualTo(2 + 8);
    }

    @Test
    void refusesAKeyTooLongToBeAnAddress() {
        String huge = "x".repeat(HostKeySerializer.MAX_BYTES + 1);
        assertThatThrownBy(() -> new HostKeySerializer().serialize(huge, new DataOutputSerializer(16)))
                .isInstanceOf(IOException.class).hasMessageContaining("not an address");
    }
}
