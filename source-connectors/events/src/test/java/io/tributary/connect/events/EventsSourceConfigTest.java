package io.tributary.connect.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class EventsSourceConfigTest {

    @Test
    void defaultsServeAnyStreamOnPort8080() {
        EventsSourceConfig config = new EventsSourceConfig(Map.of());

        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.bindAddress()).isEqualTo("0.0.0.0");
        assertThat(config.streams()).isEmpty();
        assertThat(config.topicFor("clicks")).isEqualTo("clicks");
    }

    @Test
    void topicTemplateNamesTheStream() {
        EventsSourceConfig config = new EventsSourceConfig(Map.of("topic.template", "web.${stream}.v1"));

        assertThat(config.topicFor("clicks")).isEqualTo("web.clicks.v1");
    }

    @Test
    void rejectsPortsOutOfRangeAndUnsafeStreamNames() {
        assertThatThrownBy(() -> new EventsSourceConfig(Map.of("http.port", "70000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.port");
        assertThatThrownBy(() -> new EventsSourceConfig(Map.of("streams", "clicks,../etc")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'../etc'");
    }

    @Test
    void everyTaskGetsTheSameServerConfig() {
        TributaryEventsSourceConnector connector = new TributaryEventsSourceConnector();
        connector.start(Map.of("http.port", "9090", "streams", "clicks"));

        assertThat(connector.taskConfigs(3)).hasSize(3)
                .allSatisfy(task -> assertThat(task).containsEntry("http.port", "9090"));
    }
}
