package org.flowsentry.trainer.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {
    private static final ReportInfo INFO = new ReportInfo("cic-2017", 3, List.of("Wednesday-workingHours.pcap_ISCX.csv"),
            "trained on 80,000 benign flows\nseed 1 <all detectors>", Set.of("forest"));
    private static final List<FeatureImportance.Entry> IMPORTANCE = List.of(
            new FeatureImportance.Entry("log_dst_packets", 0.2), new FeatureImportance.Entry("src.fan_out_60s", 0.05));
    private static final Pattern IMG = Pattern.compile("<img [^>]*src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");

    @Test
    void reportIsOneSelfContainedFileWithEverySection(@TempDir Path dir) throws IOException {
        List<ScoredFlow> flows = TestFlows.synthetic(5_000, 1, true);
        Path out = dir.resolve("report.html");

        HtmlReport.write(Evaluation.of(TestFlows.DETECTORS, flows), flows, IMPORTANCE, INFO, out);

        String html = Files.readString(out);
        assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        assertThat(html).doesNotContainPattern("(?i)(src|href)\\s*=\\s*\"?(https?:)?//");
        assertThat(html).doesNotContainPattern("(?i)<(script|link)\\b");
        for (String id : List.of("summary", "confusion", "distributions", "roc", "pr", "severity", "importance", "timeline", "categories")) {
            assertThat(html).contains("<h2 id=\"" + id + "\">");
        }
        assertThat(html).contains("cic-2017 v3", "seed 1 &lt;all detectors&gt;", "Wednesday-workingHours.pcap_ISCX.csv");
        assertThat(html).contains("<td>DoS</td>", "<td>Infiltration-variant</td>"); // a category, and a label without one
        assertThat(html).contains("<td>iforest (vote)</td>", "<td>forest (own decision, not in the ensemble vote)</td>");
        assertThat(html).doesNotContain("x-axis is the flow index");
        // one histogram per detector + ensemble, ROC, PR, severity, importance, timeline
        List<BufferedImage> images = images(html);
        assertThat(images).hasSize(TestFlows.DETECTORS.size() + 1 + 5);
        assertThat(images).allSatisfy(i -> assertThat(i.getWidth()).isGreaterThan(300));
    }

    @Test
    void flowsWithoutEventTimeArePlottedByIndexAndSaySo(@TempDir Path dir) throws IOException {
        List<ScoredFlow> flows = TestFlows.synthetic(1_000, 2, false);
        Path out = dir.resolve("report.html");
        HtmlReport.write(Evaluation.of(TestFlows.DETECTORS, flows), flows, List.of(), INFO, out);
        String html = Files.readString(out);
        assertThat(html).contains("x-axis is the flow index", "Not computed.");
        assertThat(images(html)).hasSize(TestFlows.DETECTORS.size() + 1 + 4);
    }

    @Test
    void unlabelledOrEmptyTestSetsStillRender(@TempDir Path dir) throws IOException {
        List<ScoredFlow> unlabelled = List.of(TestFlows.flow(null, null, 5L, 0.999, 0.999, 0.1), TestFlows.flow(null, null, 9L, 0.1, 0.2, 0.3));
        for (List<ScoredFlow> flows : List.of(unlabelled, List.<ScoredFlow>of())) {
            Path out = dir.resolve("report-" + flows.size() + ".html");
            HtmlReport.write(Evaluation.of(TestFlows.DETECTORS, flows), flows, List.of(), INFO, out);
            String html = Files.readString(out);
            assertThat(html).contains("No attack flows.", "n/a");
            assertThat(images(html)).isNotEmpty();
        }
    }

    /** Every embedded PNG, decoded. */
    private static List<BufferedImage> images(String html) throws IOException {
        List<BufferedImage> out = new ArrayList<>();
        Matcher m = IMG.matcher(html);
        while (m.find()) {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(m.group(1))));
            assertThat(image).as("PNG %d decodes", out.size()).isNotNull();
            out.add(image);
        }
        assertThat(html.split("<img ", -1)).hasSize(out.size() + 1); // every img is an embedded PNG
        return out;
    }
}
