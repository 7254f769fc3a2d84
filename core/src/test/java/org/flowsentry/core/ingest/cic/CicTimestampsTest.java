package org.flowsentry.core.ingest.cic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CicTimestampsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "3/7/2017 8:55            | 2017-07-03T08:55:00Z",
        "03/07/2017 08:55:58      | 2017-07-03T08:55:58Z",
        "7/7/2017 3:56            | 2017-07-07T03:56:00Z",
        "14/02/2018 08:31:01      | 2018-02-14T08:31:01Z",
        "20/02/2018 08:34:07 AM   | 2018-02-20T08:34:07Z",
        "20/02/2018 12:05:00 AM   | 2018-02-20T00:05:00Z",
        "20/02/2018 12:05:00 PM   | 2018-02-20T12:05:00Z",
        "20/02/2018 01:34:07 pm   | 2018-02-20T13:34:07Z",
        "26/04/201711:11:17       | 2017-04-26T11:11:17Z",
        "2018-12-01 10:51:39.813448 | 2018-12-01T10:51:39.813Z",
        "2018-11-03 10:01:35.9    | 2018-11-03T10:01:35.900Z",
        "2018-11-03T10:01:35      | 2018-11-03T10:01:35Z",
    })
    void readsEveryCicFormAsUtc(String text, String iso) {
        assertThat(CicTimestamps.epochMillis(text.strip())).isEqualTo(Instant.parse(iso).toEpochMilli());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "181", "7/13/2017 9:00", "31/02/2018 08:00:00", "14/02/2018 24:00:00",
        "14/02/2018 08:60", "14/02/2018 13:00:00 PM", "14/02/2018 08:31:01 XM", "2018/12/01 10:51:39",
        "14/02/18 08:31:01", "14-02-2018 08:31:01", "14/02/2018", "14/02/2018 08:31:01.", "2018-12-01 10:51:39 extra"})
    void refusesWhatIsNotADateAndTime(String text) {
        assertThatThrownBy(() -> CicTimestamps.epochMillis(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a date and time: '" + text + "'");
    }

    @Test
    void dayComesFirst() {
        assertThat(CicTimestamps.epochMillis("5/7/2017 9:00"))
                .isEqualTo(Instant.parse("2017-07-05T09:00:00Z").toEpochMilli());
    }
}
