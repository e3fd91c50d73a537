package io.tributary.connect.events.config;

import java.util.Locale;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** What happens to a request some of whose events are invalid. */
public final class BadEventSettings {

    public static final String POLICY = "bad.events.policy";
    public static final String DEAD_LETTER_TOPIC = "bad.events.topic";

    private static final String GROUP = "Bad events";

    /** How a request with invalid events is answered. */
    public enum Policy {
        /** The valid events are written; the response lists the invalid ones. */
        ACCEPT_VALID,
        /** Nothing of the request is written; the response lists the invalid events. */
        REJECT_REQUEST;

        public String configValue() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        static Policy of(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    private final AbstractConfig config;

    BadEventSettings(AbstractConfig config) {
        this.config = config;
    }

    static ConfigDef define(ConfigDef def) {
        return def
                .define(POLICY, Type.STRING, Policy.ACCEPT_VALID.configValue(),
                        ConfigDef.CaseInsensitiveValidString.in(Policy.ACCEPT_VALID.configValue(),
                                Policy.REJECT_REQUEST.configValue()),
                        Importance.MEDIUM, "'accept-valid' writes a request's valid events and answers 200 listing "
                                + "the invalid ones by index (400 when none is valid); 'reject-request' writes "
                                + "nothing of a request with any invalid event and answers 400.",
                        GROUP, 1, Width.SHORT, "Bad events policy")
                .define(DEAD_LETTER_TOPIC, Type.STRING, "", Importance.MEDIUM,
                        "With 'accept-valid', invalid events are also written to this topic: the event's text as "
                                + "a string value, the reason and stream in headers. The response waits for them "
                                + "too. Empty writes them nowhere.",
                        GROUP, 2, Width.MEDIUM, "Dead-letter topic");
    }

    public Policy policy() {
        return Policy.of(config.getString(POLICY));
    }

    /** Null when invalid events are not written anywhere. */
    public String deadLetterTopic() {
        String topic = config.getString(DEAD_LETTER_TOPIC);
        return topic.isBlank() ? null : topic;
    }
}
