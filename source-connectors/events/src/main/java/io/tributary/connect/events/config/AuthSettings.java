package io.tributary.connect.events.config;

import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

/** Who may post events: bearer tokens, request signatures, both or neither. */
public final class AuthSettings {

    public static final String BEARER_TOKENS = "auth.bearer.tokens";
    public static final String HMAC_SECRET = "auth.hmac.secret";
    public static final String HMAC_MAX_SKEW_MS = "auth.hmac.max.skew.ms";

    private static final String GROUP = "Authentication";

    private final AbstractConfig config;

    AuthSettings(AbstractConfig config) {
        this.config = config;
    }

    static ConfigDef define(ConfigDef def) {
        return def
                .define(BEARER_TOKENS, Type.PASSWORD, null, Importance.HIGH,
                        "Comma-separated tokens accepted in 'Authorization: Bearer <token>'; several allow "
                                + "rotation. Empty: no token is asked for. Never logged.",
                        GROUP, 1, Width.LONG, "Bearer tokens")
                .define(HMAC_SECRET, Type.PASSWORD, null, Importance.HIGH,
                        "Secret of request signatures: each request carries 'X-Tributary-Timestamp' (epoch "
                                + "seconds) and 'X-Tributary-Signature: sha256=<hex of HMAC-SHA256(secret, "
                                + "timestamp + \".\" + body)>'. Empty: requests are not signed. Never logged.",
                        GROUP, 2, Width.LONG, "HMAC secret")
                .define(HMAC_MAX_SKEW_MS, Type.LONG, 300_000L, Range.between(1_000L, 86_400_000L),
                        Importance.LOW, "How far a signed request's timestamp may be from the server's clock; "
                                + "an older (replayed) or future request gets 401.",
                        GROUP, 3, Width.SHORT, "Signature window (ms)");
    }

    /** Empty when bearer tokens are not required. */
    public List<String> bearerTokens() {
        Password tokens = config.getPassword(BEARER_TOKENS);
        if (tokens == null || tokens.value().isBlank()) {
            return List.of();
        }
        return Arrays.stream(tokens.value().split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }

    /** Null when requests are not signed. */
    public String hmacSecret() {
        Password secret = config.getPassword(HMAC_SECRET);
        return secret == null || secret.value().isEmpty() ? null : secret.value();
    }

    public long hmacMaxSkewMs() {
        return config.getLong(HMAC_MAX_SKEW_MS);
    }
}
