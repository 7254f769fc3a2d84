package org.flowsentry.job.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.flowsentry.job.TestFlows;
import org.flowsentry.job.data.FlowEvent;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.Test;

class AlertsTest {
    private static FlowEvent tcp() {
        FlowRecord f = TestFlows.tcp("10.0.0.1", "10.1.0.1", 22, TestFlows.T0);
        f.setExporter("edge-1");
        return TestFlows.event(f, 5);
    }

    /** Absent values, a long non-ASCII exporter name and IPv6 addresses: more than the identity's buffer holds. */
    private static FlowEvent sparse() {
        FlowRecord f = TestFlows.tcp("2001:db8:1234:5678:9abc:def0:1234:5678", "2001:db8::1", 443, TestFlows.T0);
        f.setStartMs(null);
        f.setEndMs(null);
        f.setSrcPort(null);
        f.setTcpFlags(null);
        f.setExporter("exporter-ü-" + "x".repeat(100));
        return new FlowEvent(f, TestFlows.T0 + 7, TestFlows.TOPIC, 1, 9);
    }

    /** Consumers drop duplicates by alert id: a new implementation must keep every id (these are the first release's). */
    @Test
    void alertIdsAreStableAcrossReleases() {
        Alerts ids = new Alerts(); // one instance for all: nothing of one id stays in the next
        assertThat(ids.alertId(sparse(), "model-ü", 3)).isEqualTo("b289f56aea6c97915ceb142a4c9608c8");
        assertThat(ids.alertId(tcp(), "model-a", 1)).isEqualTo("54a40dd0168c9037efbb37da1123a90d");
        assertThat(ids.alertId(tcp(), "model-a", 2)).isEqualTo("600d502c403ca413870f28a1b41de277");
        assertThat(ids.alertId(sparse(), "model-ü", 3)).isEqualTo("b289f56aea6c97915ceb142a4c9608c8");
    }
}
