package org.flowsentry.core.ingest.cic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowsentry.core.ingest.cic.Samples.csv;
import static org.flowsentry.core.ingest.cic.Samples.numberedRow;
import static org.flowsentry.core.ingest.cic.Samples.read;
import static org.flowsentry.core.ingest.cic.Samples.row;
import static org.flowsentry.core.ingest.cic.Samples.values;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.flowsentry.core.flow.Labels;
import org.flowsentry.core.flow.Protocols;
import org.flowsentry.core.flow.TcpFlags;
import org.flowsentry.core.ingest.FlowFormat;
import org.flowsentry.core.ingest.ReadErrors;
import org.flowsentry.schema.FlowRecord;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every public CICFlowMeter variant, from inline samples with the variant's real header. */
class CicFlowMeterFormatTest {
    private static final CicFlowMeterFormat FORMAT = CicFlowMeterFormat.INSTANCE;

    /** A real CIC-IDS2017 web-attack flow (values of the shared/data subset's line 406), by 2017 column name. */
    private static Map<String, String> webAttackValues() {
        String values = "4022,845,44380.0,1601,80.0,6.0,196,5185118.0,7.0,7.0,1022.0,2321.0,372.0,0.0,146.0,"
                + "184.0787875,1047.0,0.0,331.57142860000005,439.6592837,644.7297824,2.700034985,398855.2308,"
                + "1372180.71,4963956.0,4.0,221162.0,36860.33333,56141.02125,141434.0,4.0,5185004.0,864167.3333,"
                + "2027593.314,5001548.0,879.0,0.0,0.0,0.0,0.0,232.0,232.0,1.3500174919999999,1.3500174919999999,"
                + "0.0,1047.0,222.8666667,331.3239387,109775.5524,0.0,0.0,0.0,1.0,0.0,0.0,0.0,0.0,1.0,"
                + "238.78571430000002,146.0,331.57142860000005,0.0,0.0,0.0,0.0,0.0,0.0,7.0,1022.0,7.0,2321.0,"
                + "29200.0,252.0,3.0,32.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,Web Attack - Brute Force";
        String[] names = CicHeaders.CIC_IDS2017_SUBSET.split(",");
        String[] cells = values.split(",");
        Map<String, String> byName = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) byName.put(names[i], cells[i]);
        return byName;
    }

    private static long utc(String iso) {
        return Instant.parse(iso).toEpochMilli();
    }

    @Nested
    class CicIds2017 {
        private static final String H = CicHeaders.CIC_IDS2017;

        private String webAttack() {
            Map<String, String> v = webAttackValues();
            v.put("Flow ID", "192.168.10.50-172.16.0.1-80-44380-6");
            v.put("Source IP", "172.16.0.1");
            v.put("Destination IP", "192.168.10.50");
            v.put("Timestamp", "6/7/2017 9:15");
            return row(H, v);
        }

        @Test
        void detectsTheOriginalHeaderWithLeadingSpaces() {
            assertThat(Samples.detect(csv(H, webAttack()))).isEqualTo("cicflowmeter");
        }

        @Test
        void mapsEveryFieldOfAWebAttackRow() throws Exception {
            ReadErrors errors = ReadErrors.unlimited();
            List<FlowRecord> flows = read(FORMAT, csv(H, webAttack()), errors);
            assertThat(errors.count()).isZero();
            assertThat(errors.notes()).isEmpty();
            FlowRecord f = flows.get(0);
            long start = utc("2017-07-06T09:15:00Z");
            assertThat(f.getStartMs()).isEqualTo(start);
            assertThat(f.getEndMs()).isEqualTo(start + 5185); // 5185118 us
            assertThat(f.getDurationUs()).isEqualTo(5185118L);
            assertThat(f.getSrcAddr()).isEqualTo("172.16.0.1");
            assertThat(f.getDstAddr()).isEqualTo("192.168.10.50");
            assertThat(f.getSrcPort()).isEqualTo(44380);
            assertThat(f.getDstPort()).isEqualTo(80);
            assertThat(f.getProtocol()).isEqualTo(Protocols.TCP);
            assertThat(f.getSrcPackets()).isEqualTo(7L);
            assertThat(f.getDstPackets()).isEqualTo(7L);
            assertThat(f.getSrcBytes()).isEqualTo(1022L);
            assertThat(f.getDstBytes()).isEqualTo(2321L);
            assertThat(f.getTcpFlags()).isEqualTo(TcpFlags.PSH);
            assertThat(f.getIcmpType()).isNull();
            assertThat(f.getIcmpCode()).isNull();
            assertThat(f.getState()).isNull();
            assertThat(f.getService()).isNull();
            assertThat(f.getSamplingRate()).isEqualTo(1L);
            assertThat(f.getExporter()).isNull();
            assertThat(f.getLabel()).isEqualTo("Web Attack - Brute Force");
            assertThat(f.getAttackCategory()).isEqualTo("Web Attack");
            // 85 columns - 13 mapped - Flow ID's text is not a feature - the second Fwd Header Length (a copy)
            assertThat(f.getFeatures()).hasSize(71)
                    .containsEntry("Fwd Header Length", 232.0)
                    .containsEntry("Flow Bytes/s", 644.7297824)
                    .containsEntry("Init_Win_bytes_forward", 29200.0)
                    .doesNotContainKey("Fwd Header Length.1");
        }

        @Test
        void leavesInfinityAndNanOutOfTheFeatures() throws Exception {
            String r = row(H, values("Source IP", "192.168.10.3", "Destination IP", "192.168.10.1",
                    "Protocol", "17", "Timestamp", "03/07/2017 08:55:58", "Flow Duration", "0",
                    "Total Fwd Packets", "1", "Total Length of Fwd Packets", "40",
                    "Flow Bytes/s", "NaN", "Flow Packets/s", "Infinity", "Label", "BENIGN"));
            FlowRecord f = read(FORMAT, csv(H, r), ReadErrors.unlimited()).get(0);
            assertThat(f.getFeatures()).doesNotContainKeys("Flow Bytes/s", "Flow Packets/s").hasSize(69);
            assertThat(f.getStartMs()).isEqualTo(utc("2017-07-03T08:55:58Z"));
            assertThat(f.getEndMs()).isEqualTo(f.getStartMs());
            assertThat(f.getLabel()).isEqualTo(Labels.BENIGN);
            assertThat(f.getAttackCategory()).isNull();
        }

        @Test
        void reportsEmptyRowsAndBadValuesWithLineAndReasonAndKeepsReading() throws Exception {
            String empty = ",".repeat(84);
            Map<String, String> badCount = new HashMap<>(webAttackValues());
            badCount.put("Total Fwd Packets", "abc");
            Map<String, String> badTime = new HashMap<>(webAttackValues());
            badTime.put("Timestamp", "7/13/2017 9:00");
            Map<String, String> badAddress = new HashMap<>(webAttackValues());
            badAddress.put("Source IP", "192.168.10");
            badAddress.put("Timestamp", "7/7/2017 9:00");
            ReadErrors errors = ReadErrors.unlimited();
            List<FlowRecord> flows = read(FORMAT, csv(H, webAttack(), empty, row(H, badCount), empty,
                    row(H, badTime), row(H, badAddress), webAttack()), errors);
            assertThat(flows).hasSize(2);
            assertThat(errors.count()).isEqualTo(5);
            assertThat(errors.examples()).extracting(e -> e.line() + ": " + e.reason()).containsExactly(
                    "3: empty row: all 85 fields are blank",
                    "4: column 'Total Fwd Packets': not a number: 'abc'",
                    "5: empty row: all 85 fields are blank",
                    "6: column 'Timestamp': not a date and time: '7/13/2017 9:00'",
                    "7: column 'Source IP': not an IP address: '192.168.10'");
            assertThat(errors.examples()).allSatisfy(e -> assertThat(e.source()).isEqualTo("sample.csv"));
        }

        @Test
        void cp1252EnDashInTheOriginalFilesReadsLikeTheUtf8One() throws Exception {
            Map<String, String> v = webAttackValues();
            // U+0096 is the single byte 0x96 once encoded as ISO-8859-1, as in the original files
            v.put("Label", "Web Attack \u0096 XSS");
            String cp1252 = csv(H, row(H, v));
            v.put("Label", "Web Attack \u2013 XSS");
            String utf8 = csv(H, row(H, v));
            byte[] cp1252Bytes = cp1252.getBytes(StandardCharsets.ISO_8859_1);
            FlowRecord fromCp1252 = read(FORMAT, cp1252Bytes, ReadErrors.unlimited()).get(0);
            FlowRecord fromUtf8 = read(FORMAT, utf8, ReadErrors.unlimited()).get(0);
            assertThat(fromCp1252.getLabel()).isEqualTo("Web Attack - XSS");
            assertThat(fromUtf8.getLabel()).isEqualTo("Web Attack - XSS");
            assertThat(fromCp1252.getAttackCategory()).isEqualTo("Web Attack");
        }

        @Test
        void machineLearningCveFilesHaveNoAddressesProtocolOrTime() throws Exception {
            String h = CicHeaders.CIC_IDS2017_ML;
            assertThat(Samples.columns(h)).isEqualTo(79);
            String r = row(h, values("Destination Port", "80", "Flow Duration", "1293792", "Total Fwd Packets", "3",
                    "Total Backward Packets", "7", "Total Length of Fwd Packets", "26",
                    "Total Length of Bwd Packets", "11607", "ACK Flag Count", "1", "Label", "DDoS"));
            assertThat(Samples.detect(csv(h, r))).isEqualTo("cicflowmeter");
            FlowRecord f = read(FORMAT, csv(h, r), ReadErrors.unlimited()).get(0);
            assertThat(f.getProtocol()).isEqualTo(Protocols.UNKNOWN);
            assertThat(f.getDstPort()).isEqualTo(80);
            assertThat(f.getSrcPort()).isNull();
            assertThat(f.getSrcAddr()).isNull();
            assertThat(f.getStartMs()).isNull();
            assertThat(f.getDurationUs()).isEqualTo(1293792L);
            assertThat(f.getSrcPackets()).isEqualTo(3L);
            assertThat(f.getDstBytes()).isEqualTo(11607L);
            assertThat(f.getTcpFlags()).isEqualTo(TcpFlags.ACK);
            assertThat(f.getLabel()).isEqualTo("DDoS");
            assertThat(f.getAttackCategory()).isEqualTo("DDoS");
            assertThat(f.getFeatures()).hasSize(71);
        }
    }

    @Nested
    class CseCicIds2018 {
        private static final String H = CicHeaders.CSE_CIC_IDS2018;

        private String flow(String dstPort, String protocol, String time, String label) {
            return row(H, Map.ofEntries(Map.entry("Dst Port", dstPort), Map.entry("Protocol", protocol),
                    Map.entry("Timestamp", time), Map.entry("Flow Duration", "6453966"),
                    Map.entry("Tot Fwd Pkts", "15"), Map.entry("Tot Bwd Pkts", "10"),
                    Map.entry("TotLen Fwd Pkts", "1239"), Map.entry("TotLen Bwd Pkts", "2273"),
                    Map.entry("Flow Byts/s", "544.1402"), Map.entry("Init Fwd Win Byts", "65535"),
                    Map.entry("FIN Flag Cnt", "1"), Map.entry("SYN Flag Cnt", "2"), Map.entry("ACK Flag Cnt", "20"),
                    Map.entry("ECE Flag Cnt", "0"), Map.entry("Label", label)));
        }

        @Test
        void mapsRowsWithoutAddresses() throws Exception {
            String text = csv(H, flow("0", "0", "14/02/2018 08:31:01", "Benign"),
                    flow("22", "6", "14/02/2018 10:40:13", "SSH-Bruteforce"));
            assertThat(Samples.detect(text)).isEqualTo("cicflowmeter");
            ReadErrors errors = ReadErrors.unlimited();
            List<FlowRecord> flows = read(FORMAT, text, errors);
            assertThat(errors.count()).isZero();
            FlowRecord benign = flows.get(0);
            assertThat(benign.getLabel()).isEqualTo(Labels.BENIGN);
            assertThat(benign.getProtocol()).isZero();
            assertThat(benign.getDstPort()).isNull(); // protocol 0 has no ports
            assertThat(benign.getTcpFlags()).isNull();
            assertThat(benign.getStartMs()).isEqualTo(utc("2018-02-14T08:31:01Z"));
            FlowRecord ssh = flows.get(1);
            assertThat(ssh.getSrcAddr()).isNull();
            assertThat(ssh.getDstAddr()).isNull();
            assertThat(ssh.getSrcPort()).isNull();
            assertThat(ssh.getDstPort()).isEqualTo(22);
            assertThat(ssh.getProtocol()).isEqualTo(Protocols.TCP);
            assertThat(ssh.getStartMs()).isEqualTo(utc("2018-02-14T10:40:13Z"));
            assertThat(ssh.getEndMs()).isEqualTo(utc("2018-02-14T10:40:13Z") + 6453);
            assertThat(ssh.getDurationUs()).isEqualTo(6453966L);
            assertThat(ssh.getSrcPackets()).isEqualTo(15L);
            assertThat(ssh.getDstPackets()).isEqualTo(10L);
            assertThat(ssh.getSrcBytes()).isEqualTo(1239L);
            assertThat(ssh.getDstBytes()).isEqualTo(2273L);
            assertThat(ssh.getTcpFlags()).isEqualTo(TcpFlags.FIN | TcpFlags.SYN | TcpFlags.ACK);
            assertThat(ssh.getLabel()).isEqualTo("SSH-Bruteforce");
            assertThat(ssh.getAttackCategory()).isEqualTo("Brute Force");
            assertThat(ssh.getFeatures()).hasSize(71)
                    .containsEntry("Flow Bytes/s", 544.1402)
                    .containsEntry("Init_Win_bytes_forward", 65535.0)
                    .containsEntry("SYN Flag Count", 2.0)
                    .containsEntry("ECE Flag Count", 0.0);
        }

        @Test
        void reportsAHeaderLineRepeatedMidFileAndReadsOn() throws Exception {
            ReadErrors errors = ReadErrors.unlimited();
            List<FlowRecord> flows = read(FORMAT, csv(H, flow("80", "6", "16/02/2018 10:12:15", "DoS attacks-Hulk"),
                    H, flow("80", "6", "16/02/2018 10:12:16", "DDOS attack-HOIC")), errors);
            assertThat(flows).extracting(FlowRecord::getAttackCategory).containsExactly("DoS", "DDoS");
            assertThat(errors.count()).isEqualTo(1);
            assertThat(errors.examples().get(0).line()).isEqualTo(3);
            assertThat(errors.examples().get(0).reason())
                    .isEqualTo("repeated header line (column names again), not a flow");
        }

        @Test
        void theFileWithAddressesMapsThem() throws Exception {
            String h = CicHeaders.CICFLOWMETER_4;
            String r = row(h, values("Flow ID", "172.31.69.25-18.219.211.138-80-50000-6", "Src IP", "18.219.211.138",
                    "Src Port", "50000", "Dst IP", "172.31.69.25", "Dst Port", "80", "Protocol", "6",
                    "Timestamp", "20/02/2018 10:12:15", "Flow Duration", "2000", "Tot Fwd Pkts", "2",
                    "Label", "DDoS attacks-LOIC-HTTP"));
            assertThat(Samples.detect(csv(h, r))).isEqualTo("cicflowmeter");
            FlowRecord f = read(FORMAT, csv(h, r), ReadErrors.unlimited()).get(0);
            assertThat(f.getSrcAddr()).isEqualTo("18.219.211.138");
            assertThat(f.getSrcPort()).isEqualTo(50000);
            assertThat(f.getDstAddr()).isEqualTo("172.31.69.25");
            assertThat(f.getDstPort()).isEqualTo(80);
            assertThat(f.getStartMs()).isEqualTo(utc("2018-02-20T10:12:15Z"));
            assertThat(f.getEndMs()).isEqualTo(utc("2018-02-20T10:12:15Z") + 2);
            assertThat(f.getLabel()).isEqualTo("DDoS attacks-LOIC-HTTP");
            assertThat(f.getAttackCategory()).isEqualTo("DDoS");
        }
    }

    @Nested
    class CicDdos2019 {
        private static final String H = CicHeaders.CIC_DDOS2019;
        // Published rows of CSV-03-11/Portmap.csv
        private static final String PORTMAP = "162471,172.16.0.5-192.168.50.4-932-44723-17,172.16.0.5,932,192.168.50.4,"
                + "44723,17,2018-11-03 10:01:35.983831,1,2,0,458.0,0.0,229.0,229.0,229.0,0.0,0.0,0.0,0.0,0.0,4.58E8,"
                + "2000000.0,1.0,0.0,1.0,1.0,1.0,1.0,0.0,1.0,1.0,0.0,0.0,0.0,0.0,0.0,0,0,0,0,40,0,2000000.0,0.0,229.0,"
                + "229.0,229.0,0.0,0.0,0,0,0,0,0,0,0,0,0.0,343.5,229.0,0.0,40,0,0,0,0,0,0,2,458,0,0,-1,-1,1,20,0.0,0.0,"
                + "0.0,0.0,0.0,0.0,0.0,0.0,0,1,Portmap";
        private static final String PORTMAP_INFINITY = "108025,172.16.0.5-192.168.50.4-935-15051-17,172.16.0.5,935,"
                + "192.168.50.4,15051,17,2018-11-03 10:01:35.984786,0,2,0,530.0,0.0,265.0,265.0,265.0,0.0,0.0,0.0,0.0,"
                + "0.0,Infinity,Infinity,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0,0,0,0,40,0,0.0,0.0,"
                + "265.0,265.0,265.0,0.0,0.0,0,0,0,0,0,0,0,0,0.0,397.5,265.0,0.0,40,0,0,0,0,0,0,2,530,0,0,-1,-1,1,20,"
                + "0.0,0.0,0.0,0.0,0.0,0.0,0.0,0.0,0,1,Portmap";

        @Test
        void mapsThePublishedRows() throws Exception {
            String text = csv(H, PORTMAP, PORTMAP_INFINITY);
            assertThat(Samples.detect(text)).isEqualTo("cicflowmeter");
            ReadErrors errors = ReadErrors.unlimited();
            List<FlowRecord> flows = read(FORMAT, text, errors);
            assertThat(errors.count()).isZero();
            FlowRecord f = flows.get(0);
            long start = utc("2018-11-03T10:01:35.983Z");
            assertThat(f.getStartMs()).isEqualTo(start);
            assertThat(f.getEndMs()).isEqualTo(start);
            assertThat(f.getDurationUs()).isEqualTo(1L);
            assertThat(f.getSrcAddr()).isEqualTo("172.16.0.5");
            assertThat(f.getSrcPort()).isEqualTo(932);
            assertThat(f.getDstAddr()).isEqualTo("192.168.50.4");
            assertThat(f.getDstPort()).isEqualTo(44723);
            assertThat(f.getProtocol()).isEqualTo(Protocols.UDP);
            assertThat(f.getSrcPackets()).isEqualTo(2L);
            assertThat(f.getDstPackets()).isZero();
            assertThat(f.getSrcBytes()).isEqualTo(458L);
            assertThat(f.getDstBytes()).isZero();
            assertThat(f.getTcpFlags()).isNull();
            assertThat(f.getLabel()).isEqualTo("Portmap");
            assertThat(f.getAttackCategory()).isEqualTo("DDoS"); // every CIC-DDoS2019 attack is DDoS
            assertThat(f.getFeatures()).hasSize(72)
                    .containsEntry("Flow Bytes/s", 4.58e8)
                    .containsEntry("Inbound", 1.0)
                    .containsEntry("Fwd Header Length", 40.0)
                    .doesNotContainKeys("Unnamed: 0", "SimillarHTTP", "Fwd Header Length.1");
            assertThat(flows.get(1).getFeatures()).hasSize(70).doesNotContainKeys("Flow Bytes/s", "Flow Packets/s");
        }
    }

    @Nested
    class CicFlowMeterOutput {
        @Test
        void version4TwelveHourTimestampsAndUnlabelledFlows() throws Exception {
            String h = CicHeaders.CICFLOWMETER_4;
            String r = row(h, values("Flow ID", "10.0.0.2-10.0.0.1-53-40000-17", "Src IP", "10.0.0.1",
                    "Src Port", "40000", "Dst IP", "10.0.0.2", "Dst Port", "53", "Protocol", "17",
                    "Timestamp", "20/02/2018 01:34:07 PM", "Flow Duration", "1500", "Label", "NeedManualLabel"));
            FlowRecord f = read(FORMAT, csv(h, r), ReadErrors.unlimited()).get(0);
            assertThat(f.getStartMs()).isEqualTo(utc("2018-02-20T13:34:07Z"));
            assertThat(f.getEndMs()).isEqualTo(utc("2018-02-20T13:34:07.001Z")); // 1500 us, whole milliseconds
            assertThat(f.getLabel()).isNull();
            assertThat(f.getAttackCategory()).isNull();
        }

        @Test
        void currentVersionLongNamesMapToTheSameFieldsAndFeatures() throws Exception {
            String h = CicHeaders.CICFLOWMETER_CURRENT;
            String r = row(h, values("Src IP", "10.0.0.1", "Src Port", "40000", "Dst IP", "10.0.0.2",
                    "Dst Port", "443", "Protocol", "6", "Timestamp", "20/02/2024 09:00:00 AM", "Flow Duration", "7000",
                    "Total Fwd Packet", "4", "Total Bwd packets", "3", "Total Length of Fwd Packet", "517",
                    "Total Length of Bwd Packet", "4200", "CWR Flag Count", "1", "FWD Init Win Bytes", "64240"));
            assertThat(Samples.detect(csv(h, r))).isEqualTo("cicflowmeter");
            FlowRecord f = read(FORMAT, csv(h, r), ReadErrors.unlimited()).get(0);
            assertThat(f.getStartMs()).isEqualTo(utc("2024-02-20T09:00:00Z"));
            assertThat(f.getSrcPackets()).isEqualTo(4L);
            assertThat(f.getDstPackets()).isEqualTo(3L);
            assertThat(f.getSrcBytes()).isEqualTo(517L);
            assertThat(f.getDstBytes()).isEqualTo(4200L);
            assertThat(f.getTcpFlags()).isEqualTo(TcpFlags.CWR);
            assertThat(f.getFeatures()).containsEntry("CWE Flag Count", 1.0)
                    .containsEntry("Init_Win_bytes_forward", 64240.0);
        }
    }

    /** The same quantity gets the same feature key whichever release wrote the file. */
    @Test
    void featureKeysAreTheSameAcrossReleases() throws Exception {
        Map<String, String> valid = Map.of("Flow ID", "x", "Source IP", "10.0.0.1", "Src IP", "10.0.0.1",
                "Destination IP", "10.0.0.2", "Dst IP", "10.0.0.2", "Protocol", "6",
                "Timestamp", "14/02/2018 08:31:01", "Label", "BENIGN");
        Set<String> expected = featureKeys(CicHeaders.CIC_IDS2017_SUBSET, valid);
        assertThat(expected).hasSize(71).contains("Flow Bytes/s", "Init_Win_bytes_forward", "CWE Flag Count",
                "Min Packet Length", "Avg Fwd Segment Size", "Fwd Avg Bytes/Bulk", "act_data_pkt_fwd");
        assertThat(featureKeys(CicHeaders.CIC_IDS2017, valid)).isEqualTo(expected);
        assertThat(featureKeys(CicHeaders.CIC_IDS2017_ML, valid)).isEqualTo(expected);
        assertThat(featureKeys(CicHeaders.CSE_CIC_IDS2018, valid)).isEqualTo(expected);
        assertThat(featureKeys(CicHeaders.CICFLOWMETER_4, valid)).isEqualTo(expected);
        assertThat(featureKeys(CicHeaders.CICFLOWMETER_CURRENT, valid)).isEqualTo(expected);
        Set<String> ddos = new TreeSet<>(expected);
        ddos.add("Inbound");
        assertThat(featureKeys(CicHeaders.CIC_DDOS2019, valid)).isEqualTo(ddos);
        Map<String, String> unicauca = Map.of("Flow.ID", "x", "Source.IP", "10.0.0.1", "Destination.IP", "10.0.0.2",
                "Protocol", "6", "Timestamp", "26/04/201711:11:17", "Label", "BENIGN", "ProtocolName", "HTTP");
        assertThat(featureKeys(CicHeaders.UNICAUCA, unicauca, UnicaucaFormat.INSTANCE)).isEqualTo(expected);
    }

    private static Set<String> featureKeys(String header, Map<String, String> valid) throws Exception {
        return featureKeys(header, valid, FORMAT);
    }

    private static Set<String> featureKeys(String header, Map<String, String> valid,
            FlowFormat format) throws Exception {
        ReadErrors errors = ReadErrors.unlimited();
        List<FlowRecord> flows = read(format, csv(header, numberedRow(header, valid)), errors);
        assertThat(errors.examples()).isEmpty();
        return new TreeSet<>(flows.get(0).getFeatures().keySet());
    }
}
