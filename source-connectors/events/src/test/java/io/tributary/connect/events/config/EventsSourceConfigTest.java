package io.tributary.connect.events.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.connect.events.TributaryEventsSourceConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.data.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventsSourceConfigTest {

    private static final String CLICK_SCHEMA = """
            {"type": "record", "name": "Click", "namespace": "retail",
             "fields": [{"name": "event_id", "type": "string"}, {"name": "url", "type": "string"}]}""";

    @Test
    void defaultsServeAnyStreamSchemalessOnPort8080() {
        EventsSourceConfig config = new EventsSourceConfig(Map.of());

        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.server().bindAddress()).isEqualTo("0.0.0.0");
        assertThat(config.server().tls()).isFalse();
        assertThat(config.streams().streams()).isEmpty();
        StreamRoute clicks = config.streams().lookup("clicks");
        assertThat(clicks.topic()).isEqualTo("clicks");
        assertThat(clicks.reader().schema()).isNull();
        assertThat(clicks.timeField()).isNull();
        assertThat(config.streams().lookup("../etc")).isNull();
        assertThat(config.badEvents().policy()).isEqualTo(BadEventSettings.Policy.ACCEPT_VALID);
        assertThat(config.badEvents().deadLetterTopic()).isNull();
        assertThat(config.auth().bearerTokens()).isEmpty();
        assertThat(config.auth().hmacSecret()).isNull();
    }

    @Test
    void listedStreamsAreTheOnlyOnesServedEachWithItsOwnKeys() {
        EventsSourceConfig config = new EventsSourceConfig(Map.of("streams", "clicks,carts",
                "topic.template", "web.${stream}.v1", "event.time.field", "ts",
                "streams.clicks.schema", CLICK_SCHEMA, "streams.clicks.event.id.field", "event_id",
                "streams.carts.topic", "carts-raw", "streams.carts.event.time.field", "meta.time"));

        StreamRoute clicks = config.streams().lookup("clicks");
        assertThat(clicks.topic()).isEqualTo("web.clicks.v1");
        assertThat(clicks.reader().schema().type()).isEqualTo(Schema.Type.STRUCT);
        assertThat(clicks.reader().schema().name()).isEqualTo("retail.Click");
        assertThat(clicks.idField()).hasToString("event_id");
        assertThat(clicks.timeField()).hasToString("ts");
        StreamRoute carts = config.streams().lookup("carts");
        assertThat(carts.topic()).isEqualTo("carts-raw");
        assertThat(carts.reader().schema()).isNull();
        assertThat(carts.timeField()).hasToString("meta.time");
        assertThat(carts.idField()).isNull();
        assertThat(config.streams().lookup("orders")).isNull();
        assertThat(config.streams().topics()).containsExactly("web.clicks.v1", "carts-raw");
    }

    @Test
    void schemaFromAFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("click.avsc"), CLICK_SCHEMA);

        EventsSourceConfig config = new EventsSourceConfig(Map.of("streams", "clicks",
                "streams.clicks.schema.file", file.toString()));

        assertThat(config.streams().lookup("clicks").reader().schema().name()).isEqualTo("retail.Click");
    }

    @Test
    void rejectsPortsOutOfRangeAndUnsafeStreamNames() {
        assertThatThrownBy(() -> new EventsSourceConfig(Map.of("http.port", "70000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.port");
        assertThatThrownBy(() -> new EventsSourceConfig(Map.of("streams", "clicks,../etc")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'../etc'");
    }

    @Test
    void validateReportsEachCrossKeyProblemUnderItsKey(@TempDir Path dir) {
        Map<String, String> props = new HashMap<>();
        props.put("streams", "clicks,carts");
        props.put("streams.clicks.schema", "{\"type\": \"recrod\"}");
        props.put("streams.carts.schema", CLICK_SCHEMA);
        props.put("streams.carts.schema.file", dir.resolve("carts.avsc").toString());
        props.put("streams.orders.topic", "orders");
        props.put("bad.events.policy", "reject-request");
        props.put("bad.events.topic", "clicks-dlq");
        props.put("http.tls.keystore.location", dir.resolve("missing.p12").toString());
        props.put("event.id.field", "a..b");
        props.put("record.value.format", "json");
        props.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");

        Config result = new TributaryEventsSourceConnector().validate(props);

        assertThat(errors(result, "streams.clicks.schema")).singleElement().asString()
                .contains("schema of stream 'clicks'");
        assertThat(errors(result, "streams.carts.schema.file")).singleElement().asString()
                .contains("inline schema and a schema file");
        assertThat(errors(result, "streams")).singleElement().asString()
                .contains("'streams.orders.topic' configures stream 'orders', which is not in streams");
        assertThat(errors(result, "bad.events.topic")).singleElement().asString().contains("accept-valid");
        assertThat(errors(result, "http.tls.keystore.location")).singleElement().asString()
                .contains("no readable keystore");
        assertThat(errors(result, "http.tls.keystore.password")).singleElement().asString()
                .contains("needs its password");
        assertThat(errors(result, "event.id.field")).singleElement().asString().contains("empty segment");
        assertThat(errors(result, "record.value.format")).singleElement().asString()
                .contains("value.converter=org.apache.kafka.connect.converters.ByteArrayConverter");
        assertThatThrownBy(() -> new EventsSourceConfig(props)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("streams.clicks.schema");
    }

    @Test
    void validateShowsTheKeysOfEachListedStream() {
        Config result = new TributaryEventsSourceConnector().validate(Map.of("streams", "clicks",
                "streams.clicks.schema", CLICK_SCHEMA));

        assertThat(result.configValues()).extracting(ConfigValue::name)
                .contains("streams.clicks.schema", "streams.clicks.schema.file", "streams.clicks.topic",
                        "streams.clicks.event.time.field", "streams.clicks.event.id.field");
        assertThat(result.configValues()).allSatisfy(value -> assertThat(value.errorMessages()).isEmpty());
    }

    @Test
    void everyTaskGetsTheSameServerConfigAndItsOwnNumber() {
        TributaryEventsSourceConnector connector = new TributaryEventsSourceConnector();
        connector.start(Map.of("http.port", "9090", "streams", "clicks"));

        List<Map<String, String>> tasks = connector.taskConfigs(3);

        assertThat(tasks).hasSize(3).allSatisfy(task -> assertThat(task).containsEntry("http.port", "9090"));
        assertThat(tasks).extracting(task -> task.get(EventsSourceConfig.TASK_INDEX)).containsExactly("0", "1", "2");
        assertThat(new EventsSourceConfig(tasks.get(2)).taskIndex()).isEqualTo(2);
    }

    private static List<String> errors(Config config, String key) {
        return config.configValues().stream().filter(value -> value.name().equals(key)).findFirst()
                .map(ConfigValue::errorMessages).orElseThrow(() -> new AssertionError("no config value " + key));
    }
}
