package org.flowsentry.core.ingest.cic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.flowsentry.core.ingest.cic.Samples.csv;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.flowsentry.core.ingest.FileSample;
import org.flowsentry.core.ingest.FlowFormat;
import org.flowsentry.core.ingest.FlowFormats;
import org.junit.jupiter.api.Test;

/** Each format claims its own headers and none of the others', nor other datasets' files. */
class DetectionTest {
    private static final List<FlowFormat> MINE = List.of(UnicaucaFormat.INSTANCE, CicFlowMeterFormat.INSTANCE,
            NprobeFormat.INSTANCE, SimpleCsvFormat.INSTANCE);

    private static final Map<String, String> OWN = Map.of(
            CicHeaders.CIC_IDS2017, "cicflowmeter",
            CicHeaders.CIC_IDS2017_ML, "cicflowmeter",
            CicHeaders.CSE_CIC_IDS2018, "cicflowmeter",
            CicHeaders.CICFLOWMETER_4, "cicflowmeter",
            CicHeaders.CICFLOWMETER_CURRENT, "cicflowmeter",
            CicHeaders.CIC_DDOS2019, "cicflowmeter",
            CicHeaders.UNICAUCA, "unicauca",
            NprobeFormatTest.V1, "nprobe",
            NprobeFormatTest.V3, "nprobe",
            String.join(",", SimpleCsvFormat.COLUMNS), "simple-csv");

    /** Other datasets' beginnings that none of these formats may claim. */
    private static final List<String> FOREIGN = List.of(
            // UNSW-NB15 training set (with its BOM)
            "\uFEFFid,dur,proto,service,state,spkts,dpkts,sbytes,dbytes,rate,sttl,dttl,sload,dload,sloss,dloss,sinpkt,"
                    + "dinpkt,sjit,djit,swin,stcpb,dtcpb,dwin,tcprtt,synack,ackdat,smean,dmean,trans_depth,"
                    + "response_body_len,ct_srv_src,ct_state_ttl,ct_dst_ltm,ct_src_dport_ltm,ct_dst_sport_ltm,"
                    + "ct_dst_src_ltm,is_ftp_login,ct_ftp_cmd,ct_flw_http_mthd,ct_src_ltm,ct_srv_dst,"
                    + "is_sm_ips_ports,attack_cat,label",
            // NSL-KDD, no header
            "0,tcp,ftp_data,SF,491,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,2,2,0.00,0.00,0.00,0.00,1.00,0.00,0.00,150,25,"
                    + "0.17,0.03,0.17,0.00,0.00,0.00,0.05,0.00,normal,20",
            // Argus binetflow (CTU)
            "StartTime,Dur,Proto,SrcAddr,Sport,Dir,DstAddr,Dport,State,sTos,dTos,TotPkts,TotBytes,SrcBytes,Label",
            // CIC-IoT2023
            "flow_duration,Header_Length,Protocol Type,Duration,Rate,Srate,Drate,fin_flag_number,syn_flag_number,label",
            "");

    @Test
    void eachHeaderIsDetectedAsItsOwnFormat() {
        OWN.forEach((header, id) -> assertThat(Samples.detect(csv(header))).as(header).isEqualTo(id));
    }

    @Test
    void foreignFilesAreNotClaimed() {
        for (String text : FOREIGN) {
            FileSample sample = sample(csv(text));
            for (FlowFormat f : MINE) assertThat(f.matches(sample)).as(f.id() + " on " + text).isFalse();
        }
    }

    @Test
    void formatsDoNotClaimEachOthersHeaders() {
        OWN.forEach((header, id) -> {
            FileSample sample = sample(csv(header));
            for (FlowFormat f : MINE) {
                boolean overlap = f == CicFlowMeterFormat.INSTANCE && id.equals("unicauca");
                if (!f.id().equals(id) && !overlap) assertThat(f.matches(sample)).as(f.id() + " on " + id).isFalse();
            }
        });
    }

    @Test
    void registeredUnicaucaFirstThenCicFlowMeter() {
        List<String> ids = FlowFormats.all().stream().map(FlowFormat::id).toList();
        assertThat(ids).containsSubsequence("unicauca", "cicflowmeter");
        assertThat(FlowFormats.require("nprobe")).isSameAs(NprobeFormat.INSTANCE);
        assertThat(FlowFormats.require("simple-csv")).isSameAs(SimpleCsvFormat.INSTANCE);
    }

    private static FileSample sample(String text) {
        return new FileSample("sample.csv", text.getBytes(StandardCharsets.UTF_8));
    }
}
