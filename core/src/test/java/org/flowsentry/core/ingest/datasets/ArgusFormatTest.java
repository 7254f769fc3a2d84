package org.flowsentry.core.ingest.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.flowsentry.core.flow.FlowRecords;
import org.flowsentry.core.flow.Labels;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.ingest.FlowFormats;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.core.testing.SharedData;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.Test;

class ArgusFormatTest {
    static final String HEADER = "StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,sTos,dTos,TotPkts,TotBytes,SrcBytes,SrcPkts,Label";
    static final String HEADER_NO_SRCPKTS = "StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,sTos,dTos,TotPkts,TotBytes,SrcBytes,Label";
    /** Line 2 of test2-malicious.binetflow. */
    static final String DNS = "2019/04/04 16:23:00.325010,0.027947,udp,10.8.0.69,48427,  <->,8.8.8.8,53,CON,0,0,2,142,63,1,";

    // ---- the real CTU / Stratosphere files: counts measured with wc/awk (test5 has no final newline, so wc -l says 299)

    @Test
    void readsTest11Portscan() {
        DatasetReads.Result r = read("test11-portscan.binetflow");

        assertThat(r.flows()).hasSize(66);
        assertThat(r.labels()).containsExactly(Map.entry(DatasetReads.NONE, 66L));
        assertThat(r.flows()).filteredOn(f -> f.getProtocol() == Protocols.ICMP).hasSize(46)
                .allMatch(f -> f.getSrcPort() == null && f.getDstPort() == null && f.getIcmpType() != null);
        assertThat(r.flows()).filteredOn(f -> f.getProtocol() == Protocols.TCP).hasSize(20);
        // Line 23: "0x0008" with state ECO is an echo request.
        FlowRecord echo = r.flows().get(21);
        assertThat(echo.getState()).isEqualTo("ECO");
        assertThat(echo.getIcmpType()).isEqualTo(8);
        assertThat(echo.getIcmpCode()).isEqualTo(0);
        assertSums(r, 712, 181_904, 44_364, 392);
    }

    @Test
    void readsTest2Malicious() {
        DatasetReads.Result r = read("test2-malicious.binetflow");

        assertThat(r.flows()).hasSize(6_751);
        assertThat(r.labels()).containsExactly(Map.entry(DatasetReads.NONE, 6_751L));
        assertSums(r, 491_156, 348_705_565, 26_271_460, 206_003);
        assertDnsRow(r.flows().get(0));
        // Line 32: "0x0403" with state URF is type 3 (unreachable), code 4 (fragmentation needed).
        FlowRecord urf = r.flows().get(30);
        assertThat(urf.getState()).isEqualTo("URF");
        assertThat(urf.getIcmpType()).isEqualTo(3);
        assertThat(urf.getIcmpCode()).isEqualTo(4);
        assertThat(urf.getFeatures()).containsExactly(Map.entry("sTos", 192.0));
    }

    @Test
    void readsTest3MixedWithIpv6AndOddDirections() {
        DatasetReads.Result r = read("test3-mixed.binetflow");

        assertThat(r.flows()).hasSize(89);
        assertSums(r, 186, 39_779, 22_438, 112);
        assertThat(r.flows()).filteredOn(f -> f.getProtocol() == Protocols.ICMPV6).hasSize(6);
        // Line 15: ICMPv6 in decimal, type in Sport and code in Dport.
        FlowRecord unk = r.flows().get(13);
        assertThat(unk.getSrcAddr()).isEqualTo("6432:303a:bcc5:6cbe:dff6:baf7:289a:bcca");
        assertThat(unk.getIcmpType()).isEqualTo(97);
        assertThat(unk.getIcmpCode()).isEqualTo(115);
        assertThat(unk.getSrcPort()).isNull();
    }

    @Test
    void readsTest4MaliciousWithoutSrcPktsByEstimatingThePacketSplit() {
        DatasetReads.Result r = read("test4-malicious.binetflow");

        assertThat(r.flows()).hasSize(394);
        assertThat(r.errors().notes()).containsExactly(ArgusFormat.ESTIMATED_PACKETS_NOTE);
        // Totals are exact even where the split is estimated.
        assertThat(r.flows().stream().mapToLong(FlowRecords::totalPackets).sum()).isEqualTo(1_200L);
        assertThat(r.flows().stream().mapToLong(FlowRecords::totalBytes).sum()).isEqualTo(434_264L);
        assertThat(r.flows().stream().mapToLong(FlowRecord::getSrcBytes).sum()).isEqualTo(59_842L);
        // Line 2: 35 packets, 3766 bytes of which 1224 from src: round(35 * 1224 / 3766) = 11.
        FlowRecord ssh = r.flows().get(0);
        assertThat(ssh.getStartMs()).isEqualTo(1_538_088_052_362L);
        assertThat(ssh.getSrcPackets()).isEqualTo(11L);
        assertThat(ssh.getDstPackets()).isEqualTo(24L);
        assertThat(ssh.getSrcBytes()).isEqualTo(1_224L);
        assertThat(ssh.getDstBytes()).isEqualTo(2_542L);
        assertThat(ssh.getDstPort()).isEqualTo(22);
        // Line 59: the older ICMP form, type "0x03" in Sport and code "0x03" in Dport.
        FlowRecord urp = r.flows().get(57);
        assertThat(urp.getState()).isEqualTo("URP");
        assertThat(urp.getIcmpType()).isEqualTo(3);
        assertThat(urp.getIcmpCode()).isEqualTo(3);
        // Line 29: ARP is not IP; "who" direction, no ports.
        FlowRecord arp = r.flows().get(27);
        assertThat(arp.getProtocol()).isEqualTo(Protocols.UNKNOWN);
        assertThat(arp.getSrcAddr()).isEqualTo("192.168.2.12");
        assertThat(arp.getSrcPort()).isNull();
    }

    @Test
    void readsTest5MixedWithPerFlowLabelsAndNonIpRows() {
        DatasetReads.Result r = read("test5-mixed.binetflow");

        assertThat(r.flows()).hasSize(300);
        assertThat(r.labels()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Malware-UDP-DNS", 197L, "Malware-TCP", 80L, "TCP-Established-To-Microsoft-7", 1L,
                DatasetReads.NONE, 22L)); // 21 Background* and one empty label
        assertThat(r.categories()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Malware", 277L, "TCP", 1L, DatasetReads.NONE, 22L));
        assertThat(r.errors().notes()).containsExactly(ArgusFormat.BACKGROUND_NOTE);
        assertSums(r, 29_665, 2_826_117, 2_670_884, 28_953);
        Map<Integer, Long> protocols = new java.util.TreeMap<>();
        r.flows().forEach(f -> protocols.merge(f.getProtocol(), 1L, Long::sum));
        assertThat(protocols).containsExactlyInAnyOrderEntriesOf(Map.of(
                Protocols.UDP, 211L, Protocols.TCP, 81L, Protocols.ICMPV6, 3L, Protocols.ICMP, 1L, Protocols.UNKNOWN, 4L));

        // Line 2: an Argus management record: addresses "0", no direction, no label.
        FlowRecord man = r.flows().get(0);
        assertThat(man.getProtocol()).isEqualTo(Protocols.UNKNOWN);
        assertThat(man.getSrcAddr()).isEqualTo("0");
        assertThat(man.getSrcPort()).isNull();
        assertThat(man.getState()).isEqualTo("STA");
        assertThat(man.getStartMs()).isEqualTo(1_525_949_567_283L);
        assertThat(man.getDurationUs()).isEqualTo(45_010L);
        assertThat(man.getEndMs()).isEqualTo(1_525_949_567_328L);
        assertThat(man.getLabel()).isNull();
        assertThat(man.getFeatures()).isEmpty();
        // Line 3: LLC between MAC addresses, with the capture's unset 1970 clock.
        FlowRecord llc = r.flows().get(1);
        assertThat(llc.getSrcAddr()).isEqualTo("00:00:00:00:00:00");
        assertThat(llc.getStartMs()).isEqualTo(3_600_000L);
        assertThat(llc.getSrcPackets()).isEqualTo(1L);
        assertThat(llc.getSrcBytes()).isEqualTo(60L);
        assertThat(llc.getDstPackets()).isZero();
        // Line 88: "0x0303" is type 3, code 3 (port unreachable); "0x0ecc" in Dport is the ICMP id.
        FlowRecord icmp = r.flows().get(86);
        assertThat(icmp.getProtocol()).isEqualTo(Protocols.ICMP);
        assertThat(icmp.getIcmpType()).isEqualTo(3);
        assertThat(icmp.getIcmpCode()).isEqualTo(3);
        assertThat(icmp.getDstPort()).isNull();
        assertThat(icmp.getFeatures()).containsExactly(Map.entry("sTos", 0.0));
        assertThat(icmp.getLabel()).isNull();
        // Line 9: ICMPv6 neighbour solicitation (135) from the unspecified address.
        FlowRecord ns = r.flows().get(7);
        assertThat(ns.getSrcAddr()).isEqualTo("::");
        assertThat(ns.getIcmpType()).isEqualTo(135);
        assertThat(ns.getIcmpCode()).isEqualTo(0);
    }

    private static DatasetReads.Result read(String name) {
        DatasetReads.Result r = DatasetReads.file(SharedData.file("ctu-argus/" + name), "argus");
        assertThat(r.errors().count()).as("malformed rows: %s", r.errors().examples()).isZero();
        return r;
    }

    private static void assertSums(DatasetReads.Result r, long totPkts, long totBytes, long srcBytes, long srcPkts) {
        assertThat(r.flows().stream().mapToLong(FlowRecords::totalPackets).sum()).isEqualTo(totPkts);
        assertThat(r.flows().stream().mapToLong(FlowRecords::totalBytes).sum()).isEqualTo(totBytes);
        assertThat(r.flows().stream().mapToLong(FlowRecord::getSrcBytes).sum()).isEqualTo(srcBytes);
        assertThat(r.flows().stream().mapToLong(FlowRecord::getSrcPackets).sum()).isEqualTo(srcPkts);
    }

    private static void assertDnsRow(FlowRecord f) {
        assertThat(f.getStartMs()).isEqualTo(1_554_394_980_325L);
        assertThat(f.getDurationUs()).isEqualTo(27_947L);
        assertThat(f.getEndMs()).isEqualTo(1_554_394_980_352L); // 16:23:00.325010 + 0.027947 s = .352957
        assertThat(f.getProtocol()).isEqualTo(Protocols.UDP);
        assertThat(f.getSrcAddr()).isEqualTo("10.8.0.69");
        assertThat(f.getSrcPort()).isEqualTo(48427);
        assertThat(f.getDstAddr()).isEqualTo("8.8.8.8");
        assertThat(f.getDstPort()).isEqualTo(53);
        assertThat(f.getState()).isEqualTo("CON");
        assertThat(f.getSrcPackets()).isEqualTo(1L);
        assertThat(f.getDstPackets()).isEqualTo(1L);
        assertThat(f.getSrcBytes()).isEqualTo(63L);
        assertThat(f.getDstBytes()).isEqualTo(79L);
        assertThat(f.getFeatures()).containsOnly(Map.entry("sTos", 0.0), Map.entry("dTos", 0.0));
        assertThat(f.getLabel()).isNull();
        assertThat(f.getIcmpType()).isNull();
    }

    // ---- inline samples for each quirk

    @Test
    void readsTabSeparatedInputLikeCommaSeparated() {
        FlowRecord f = DatasetReads.text(ArgusFormat.INSTANCE, (HEADER + "\n" + DNS + "\n").replace(",", "\t")).single();

        assertDnsRow(f);
    }

    @Test
    void mapsCtuLabels() {
        String rows = String.join("\n",
                DNS + "flow=From-Botnet-V42-UDP-DNS",
                DNS + "flow=From-Normal-V42-Jist",
                DNS + "LEGITIMATE",
                DNS + "flow=To-Background-CVUT-Proxy",
                DNS + "Background",
                DNS + "flow=Malware-TCP",
                DNS + "Attack");
        DatasetReads.Result r = DatasetReads.text(ArgusFormat.INSTANCE, HEADER + "\n" + rows + "\n" + DNS + "\n");

        assertThat(r.flows()).extracting(FlowRecord::getLabel).containsExactly(
                "From-Botnet-V42-UDP-DNS", Labels.BENIGN, Labels.BENIGN, null, null, "Malware-TCP", "Attack", null);
        assertThat(r.flows()).extracting(FlowRecord::getAttackCategory).containsExactly(
                "Botnet", null, null, null, null, "Malware", "Attack", null);
        assertThat(r.errors().notes()).containsExactly(ArgusFormat.BACKGROUND_NOTE);
    }

    @Test
    void estimatesThePacketSplitOnlyWhenBothSidesSentBytes() {
        String rows = String.join("\n",
                "2018/09/27 22:40:52.403669,0.008364,udp,192.168.2.12,56343,  <->,192.168.2.1,53,CON,0,0,2,208,72,",
                "2018/09/27 22:40:52.403669,0.5,tcp,192.168.2.12,56343,   ->,192.168.2.1,80,S_,0,,3,180,180,",
                "2018/09/27 22:40:52.403669,0.5,tcp,192.168.2.12,56343,  <-,192.168.2.1,80,RA_,0,,3,180,0,",
                "2018/09/27 22:40:52.403669,0.5,tcp,192.168.2.12,56343,  <->,192.168.2.1,80,CON,0,,10,10000,9990,");
        DatasetReads.Result r = DatasetReads.text(ArgusFormat.INSTANCE, HEADER_NO_SRCPKTS + "\n" + rows + "\n");

        assertThat(r.errors().count()).isZero();
        assertThat(r.flows()).extracting(FlowRecord::getSrcPackets).containsExactly(1L, 3L, 0L, 9L);
        assertThat(r.flows()).extracting(FlowRecord::getDstPackets).containsExactly(1L, 0L, 3L, 1L);
        assertThat(r.errors().notes()).containsExactly(ArgusFormat.ESTIMATED_PACKETS_NOTE);
    }

    @Test
    void readsPortsInHexOrEmptyAndIcmpTypeAndCode() {
        String rows = String.join("\n",
                "2019/04/04 16:23:00.1,0,tcp,10.0.0.1,0x0303,   ->,10.0.0.2,0x0050,S_,0,0,1,60,60,1,",
                "2019/04/04 16:23:00.1,0,igmp,10.0.0.1,,   ->,224.0.0.22,,INT,0,,1,60,60,1,",
                "2019/04/04 16:23:00.1,0,icmp,10.0.0.1,0x0b00,   ->,10.0.0.2,0x1234,TXD,0,,1,60,60,1,",
                "2019/04/04 16:23:00.1,0,icmp,10.0.0.1,0x0b,   ->,10.0.0.2,0x01,TXD,0,,1,60,60,1,",
                "2019/04/04 16:23:00.1,0,icmp,10.0.0.1,,   ->,10.0.0.2,,ECO,0,,1,60,60,1,");
        DatasetReads.Result r = DatasetReads.text(ArgusFormat.INSTANCE, HEADER + "\n" + rows + "\n");

        assertThat(r.errors().count()).isZero();
        assertThat(r.flows()).extracting(FlowRecord::getSrcPort).containsExactly(0x0303, null, null, null, null);
        assertThat(r.flows()).extracting(FlowRecord::getDstPort).containsExactly(80, null, null, null, null);
        assertThat(r.flows()).extracting(FlowRecord::getIcmpType).containsExactly(null, null, 0, 11, null);
        assertThat(r.flows()).extracting(FlowRecord::getIcmpCode).containsExactly(null, null, 11, 1, null);
        assertThat(r.flows().get(0).getStartMs()).isEqualTo(1_554_394_980_100L); // one fraction digit
    }

    @Test
    void readsFilesWithoutLabelColumnOrWithEpochSecondTimes() {
        String header = "StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,TotPkts,TotBytes,SrcBytes,SrcPkts";
        FlowRecord f = DatasetReads.text(ArgusFormat.INSTANCE,
                header + "\n1554394980.325010,1.5,tcp,10.0.0.1,1234,   ->,10.0.0.2,80,FSPA_FSPA,10,1000,400,5\n").single();

        assertThat(f.getStartMs()).isEqualTo(1_554_394_980_325L);
        assertThat(f.getEndMs()).isEqualTo(1_554_394_981_825L);
        assertThat(f.getLabel()).isNull();
        assertThat(f.getFeatures()).isEmpty();
    }

    @Test
    void reportsMalformedRowsWithLineAndColumn() {
        String rows = String.join("\n",
                DNS + "x,extra",
                DNS.replace(",2,142,63,1,", ",2,lots,63,1,"),
                DNS.replace("2019/04/04 16:23:00.325010", "2019/13/04 16:23:00.325010"),
                DNS.replace(",2,142,63,1,", ",2,142,200,1,"),
                DNS.replace(",2,142,63,1,", ",2,142,63,3,"),
                DNS.replace(",48427,", ",http,"),
                DNS);
        DatasetReads.Result r = DatasetReads.text(ArgusFormat.INSTANCE, HEADER + "\n" + rows + "\n");

        assertThat(r.flows()).hasSize(1);
        assertThat(r.errors().count()).isEqualTo(6);
        assertThat(r.errors().examples()).hasSize(ReadErrors.DEFAULT_EXAMPLES)
                .extracting(ReadErrors.Malformed::line).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(r.errors().examples()).extracting(ReadErrors.Malformed::reason).containsExactly(
                "expected 16 fields, found 17",
                "column 'TotBytes': not a number: 'lots'",
                "column 'StartTime': not a time (yyyy/MM/dd HH:mm:ss.ffffff): '2019/13/04 16:23:00.325010'",
                "SrcBytes 200 greater than TotBytes 142",
                "SrcPkts 3 greater than TotPkts 2");
    }

    @Test
    void reportsAPortThatIsNotANumber() {
        DatasetReads.Result r = DatasetReads.text(ArgusFormat.INSTANCE, HEADER + "\n" + DNS.replace(",48427,", ",http,") + "\n");

        assertThat(r.flows()).isEmpty();
        assertThat(r.errors().examples()).extracting(ReadErrors.Malformed::reason)
                .containsExactly("column 'Sport': not a number: 'http'");
    }

    @Test
    void detectsCommaAndTabHeadersAndNotOtherCsv() {
        assertThat(FlowFormats.detect(DatasetReads.sample("a.binetflow", HEADER + "\n" + DNS + "\n"))).contains(ArgusFormat.INSTANCE);
        assertThat(FlowFormats.detect(DatasetReads.sample("a.binetflow", (HEADER_NO_SRCPKTS + "\n").replace(",", "\t"))))
                .contains(ArgusFormat.INSTANCE);
        assertThat(ArgusFormat.INSTANCE.matches(DatasetReads.sample("x.csv", UnswNb15FormatTest.HEADER + "\n"))).isFalse();
        assertThat(ArgusFormat.INSTANCE.matches(DatasetReads.sample("x.csv", HEADER.replace("SrcBytes,", "") + "\n"))).isFalse();
        assertThat(ArgusFormat.INSTANCE.matches(DatasetReads.sample("x.csv", DNS + "\n"))).isFalse();
    }
}
