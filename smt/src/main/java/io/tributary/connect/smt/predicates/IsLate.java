package io.tributary.connect.smt.predicates;

import io.tributary.connect.smt.plugin.TributaryVersion;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * Matches records that the late-data rule marked as late: the last header named {@code header} (default
 * {@value #DEFAULT_HEADER}) holds {@code true}, as a boolean or as the text "true". Used to route late
 * records to a corrections topic or table, e.g. with {@code negate} on the main path.
 */
public final class IsLate<R extends ConnectRecord<R>> implements Predicate<R>, Versioned {

    public static final String DEFAULT_HEADER = "tributary.late";
    public static final String HEADER_CONFIG = "header";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(HEADER_CONFIG, Type.STRING, DEFAULT_HEADER, new ConfigDef.NonEmptyString(), Importance.LOW,
                    "Name of the header that marks a record as late.",
                    "Late data", 1, Width.MEDIUM, "Late-record header");

    private String header;

    @Override
    public void configure(Map<String, ?> props) {
        header = new AbstractConfig(CONFIG_DEF, props).getString(HEADER_CONFIG);
    }

    @Override
    public boolean test(R record) {
        Header last = record.headers().lastWithName(header);
        if (last == null) {
            return false;
        }
        Object value = last.value();
        return Boolean.TRUE.equals(value) || (value instanceof String text && Boolean.parseBoolean(text.trim()));
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public String version() {
        return TributaryVersion.get();
    }

    @Override
    public void close() {
    }
}
