package org.flowsentry.core.ingest.datasets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.flowsentry.core.ingest.FileSample;
import org.flowsentry.core.ingest.FlowFiles;
import org.flowsentry.core.ingest.FlowFormat;
import org.flowsentry.core.ingest.FlowFormats;
import org.flowsentry.core.testing.SharedData;
import org.junit.jupiter.api.Test;

/** The dataset formats claim their own files and leave the other real datasets alone. */
class DatasetDetectionTest {
    static final List<FlowFormat> DATASET_FORMATS = List.of(ArgusFormat.INSTANCE, UnswNb15Format.INSTANCE,
            KddFormat.NSL_KDD, KddFormat.KDD99, UnswNb15RawFormat.INSTANCE);

    @Test
    void detectsEachRealDatasetFile() throws IOException {
        assertDetected("unsw-nb15/UNSW_NB15_training-set.csv", "unsw-nb15");
        assertDetected("nsl-kdd/KDDTest+.txt", "nsl-kdd");
        assertDetected("nsl-kdd/KDDTrain+_20Percent.txt", "nsl-kdd");
        for (String f : List.of("test11-portscan", "test2-malicious", "test3-mixed", "test4-malicious", "test5-mixed")) {
            assertDetected("ctu-argus/" + f + ".binetflow", "argus");
        }
    }

    @Test
    void leavesCicIdsAndPcapFilesToOtherFormats() throws IOException {
        for (String f : List.of("cic-ids2017/Thursday-WebAttacks_balanced_subset.csv", "pcap/test12-icmp-portscan.pcap")) {
            FileSample sample = FlowFiles.sample(SharedData.file(f));
            assertThat(DATASET_FORMATS).as(f).noneMatch(format -> format.matches(sample));
        }
    }

    @Test
    void eachDatasetFormatMatchesOnlyItsOwnSample() {
        List<FileSample> samples = List.of(
                DatasetReads.sample("a", ArgusFormatTest.HEADER + "\n" + ArgusFormatTest.DNS + "\n"),
                DatasetReads.sample("b", UnswNb15FormatTest.HEADER + "\n" + UnswNb15FormatTest.NORMAL + "\n"),
                DatasetReads.sample("c", KddFormatTest.NSL_ROW + "\n"),
                DatasetReads.sample("d", KddFormatTest.KDD99_NORMAL + "\n"),
                DatasetReads.sample("e", UnswNb15RawFormatTest.NORMAL + "\n"));
        for (int i = 0; i < samples.size(); i++) {
            for (int j = 0; j < DATASET_FORMATS.size(); j++) {
                assertThat(DATASET_FORMATS.get(j).matches(samples.get(i)))
                        .as("%s on sample of %s", DATASET_FORMATS.get(j).id(), DATASET_FORMATS.get(i).id())
                        .isEqualTo(i == j);
            }
        }
    }

    @Test
    void registersTheHeaderlessFormatsAfterTheHeaderOnes() {
        List<FlowFormat> all = FlowFormats.all();
        assertThat(all).containsAll(DATASET_FORMATS);
        int lastWithHeader = Math.max(all.indexOf(ArgusFormat.INSTANCE), all.indexOf(UnswNb15Format.INSTANCE));
        assertThat(all.indexOf(KddFormat.NSL_KDD)).isGreaterThan(lastWithHeader);
        assertThat(all.indexOf(KddFormat.KDD99)).isGreaterThan(lastWithHeader);
        assertThat(all.indexOf(UnswNb15RawFormat.INSTANCE)).isGreaterThan(lastWithHeader);
    }

    private static void assertDetected(String file, String id) throws IOException {
        assertThat(FlowFiles.detect(SharedData.file(file)).id()).as(file).isEqualTo(id);
    }
}
