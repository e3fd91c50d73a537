package io.tributary.connect.smt.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;

class TributaryVersionTest {

    @Test
    void reportsTheMavenProjectVersionNotKafkas() {
        assertThat(TributaryVersion.get())
                .isEqualTo(System.getProperty("tributary.expected.version"))
                .isNotEqualTo(AppInfoParser.getVersion());
    }
}
