package org.flowsentry.core.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FlowValidationTest {

    private static FlowRecord valid() {
        FlowRecord r = FlowRecords.blank();
        r.setSrcAddr("192.168.1.10");
        r.setDstAddr("fe80::1%eth0");
        r.setSrcPort(40000);
        r.setDstPort(22);
        r.setProtocol(Protocols.TCP);
        r.setStartMs(10L);
        r.setEndMs(20L);
        return r;
    }

    @Test
    void aCompleteRecordIsUsable() {
        assertThat(FlowValidation.problem(valid())).isNull();
        assertThat(FlowValidation.problem(FlowRecords.blank())).isNull(); // nothing known is still a flow
    }

    @Test
    void eachKindOfBadValueIsNamed() {
        FlowRecord r = valid();
        r.setDstBytes(-1L);
        assertThat(FlowValidation.problem(r)).isEqualTo("negative dstBytes: -1");
        r = valid();
        r.setSrcPort(70000);
        assertThat(FlowValidation.problem(r)).isEqualTo("srcPort out of range 0-65535: 70000");
        r = valid();
        r.setEndMs(5L);
        assertThat(FlowValidation.problem(r)).isEqualTo("endMs 5 before startMs 10");
        r = valid();
        r.setSrcAddr("not.an.ip.addr");
        assertThat(FlowValidation.problem(r)).isEqualTo("unparseable srcAddr: 'not.an.ip.addr'");
        r = valid();
        r.setFeatures(Map.of("rate", Double.NaN));
        assertThat(FlowValidation.problem(r)).isEqualTo("feature 'rate' is not finite: NaN");
        r = valid();
        r.setSamplingRate(0L);
        assertThat(FlowValidation.problem(r)).isEqualTo("samplingRate must be at least 1: 0");
        r = valid();
        r.setProtocol(300);
        assertThat(FlowValidation.problem(r)).isEqualTo("protocol out of range 0-255: 300");
    }

    @Test
    void nonIpFlowsMayCarryMacAddressesButIpFlowsMayNot() {
        FlowRecord r = valid();
        r.setSrcAddr("00:1a:2b:3c:4d:5e");
        assertThat(FlowValidation.problem(r)).startsWith("unparseable srcAddr");
        r.setProtocol(Protocols.UNKNOWN);
        r.setSrcPort(null);
        assertThat(FlowValidation.problem(r)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "255.255.255.255", "10.1.2.3", "::", "::1", "2001:db8::8a2e:370:7334",
            "2001:0db8:0000:0000:0000:ff00:0042:8329", "::ffff:192.0.2.128", "fe80::1%eth0", "1::"})
    void acceptsAddressForms(String addr) {
        assertThat(Addresses.isIp(addr)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.04444", "a.b.c.d", "1..2.3", "1.2.3.4.",
            ":::", "1:2:3:4:5:6:7:8:9", "12345::1", "1::2::3", "g::1", "host.example.com", "1:2:3:4:5:6:7:"})
    void rejectsNonAddresses(String addr) {
        assertThat(Addresses.isIp(addr)).isFalse();
    }
}
