package org.flowsentry.core.ingest.cic;

import static org.assertj.core.api.Assertions.assertThat;

import org.flowsentry.core.flow.Labels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CicLabelsTest {

    @Test
    void benignInAnyCaseIsBenignAndPlaceholdersAreUnknown() {
        assertThat(CicLabels.label("BENIGN")).isEqualTo(Labels.BENIGN);
        assertThat(CicLabels.label(" Benign ")).isEqualTo(Labels.BENIGN);
        assertThat(CicLabels.label("NeedManualLabel")).isNull();
        assertThat(CicLabels.label("No Label")).isNull();
        assertThat(CicLabels.label("")).isNull();
    }

    @Test
    void everyDashLookAlikeBecomesAnAsciiDash() {
        assertThat(CicLabels.label("Web Attack \u2013 Brute Force")).isEqualTo("Web Attack - Brute Force");
        assertThat(CicLabels.label("Web Attack \uFFFD Brute Force")).isEqualTo("Web Attack - Brute Force");
        assertThat(CicLabels.label("Web Attack \u2014 XSS")).isEqualTo("Web Attack - XSS");
        assertThat(CicLabels.label("DoS attacks-Hulk")).isEqualTo("DoS attacks-Hulk");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "Web Attack - Sql Injection | Web Attack",
        "Brute Force -Web           | Web Attack",
        "Brute Force -XSS           | Web Attack",
        "SQL Injection              | Web Attack",
        "DDoS                       | DDoS",
        "DDOS attack-HOIC           | DDoS",
        "DDoS attacks-LOIC-HTTP     | DDoS",
        "DrDoS_DNS                  | DDoS",
        "DoS Hulk                   | DoS",
        "DoS attacks-SlowHTTPTest   | DoS",
        "FTP-Patator                | Brute Force",
        "SSH-Bruteforce             | Brute Force",
        "FTP-BruteForce             | Brute Force",
        "PortScan                   | PortScan",
        "Bot                        | Bot",
        "Infilteration              | Infilteration",
        "Heartbleed                 | Heartbleed",
    })
    void attackFamilies(String label, String family) {
        assertThat(CicLabels.family(label)).isEqualTo(family);
    }
}
