package io.tributary.connect.smt.predicates;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class IsLateTest {

    private static SinkRecord withHeaders(org.apache.kafka.connect.header.Headers headers) {
        return new SinkRecord("clicks", 0, null, null, null, "v", 1L, 1L, null, headers);
    }

    private static IsLate<SinkRecord> predicate(Map<String, String> props) {
        IsLate<SinkRecord> predicate = new IsLate<>();
        predicate.configure(props);
        return predicate;
    }

    @Test
    void matchesTheLastLateHeaderAsBooleanOrText() {
        IsLate<SinkRecord> isLate = predicate(Map.of());

        assertThat(isLate.test(withHeaders(new ConnectHeaders().addBoolean("tributary.late", true)))).isTrue();
        assertThat(isLate.test(withHeaders(new ConnectHeaders().addString("tributary.late", " TRUE ")))).isTrue();
        assertThat(isLate.test(withHeaders(new ConnectHeaders().addBoolean("tributary.late", false)))).isFalse();
        assertThat(isLate.test(withHeaders(new ConnectHeaders()
                .addBoolean("tributary.late", true).addBoolean("tributary.late", false)))).isFalse();
        assertThat(isLate.test(withHeaders(new ConnectHeaders().addString("other", "true")))).isFalse();
        assertThat(isLate.test(withHeaders(new ConnectHeaders()))).isFalse();
    }

    @Test
    void headerNameIsConfigurable() {
        IsLate<SinkRecord> isLate = predicate(Map.of("header", "late"));

        assertThat(isLate.test(withHeaders(new ConnectHeaders().addBoolean("late", true)))).isTrue();
        assertThat(isLate.test(withHeaders(new ConnectHeaders().addBoolean("tributary.late", true)))).isFalse();
    }
}
