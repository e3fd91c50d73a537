package io.tributary.connect.jdbc.incremental;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.jdbc.offsets.OffsetMode;
import java.time.Duration;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class IncrementalSpecTest {

    @Test
    void eachModeNeedsItsColumnsAndNoOthers() {
        assertThatThrownBy(() -> new IncrementalSpec(OffsetMode.INCREMENTING, " ", null, null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("needs an incrementing column");
        assertThatThrownBy(() -> new IncrementalSpec(OffsetMode.TIMESTAMP, null, null, null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("needs a timestamp column");
        assertThatThrownBy(() -> new IncrementalSpec(OffsetMode.TIMESTAMP_INCREMENTING, null, "ts", null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("needs an incrementing column");
        assertThatThrownBy(() -> new IncrementalSpec(OffsetMode.TIMESTAMP, "id", "ts", null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("timestamp+incrementing");
        assertThatThrownBy(() -> new IncrementalSpec(OffsetMode.INCREMENTING, "id", "ts", null))
                .isInstanceOf(ConfigException.class).hasMessageContaining("takes no timestamp column");
        assertThatThrownBy(() -> new IncrementalSpec(OffsetMode.SNAPSHOT, "id", null, null))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void theSafetyDelayDefaultsToZeroAndCannotBeNegative() {
        assertThat(IncrementalSpec.timestamp("ts", null).safetyDelay()).isZero();
        assertThatThrownBy(() -> IncrementalSpec.timestamp("ts", Duration.ofSeconds(-1)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("negative");
    }
}
