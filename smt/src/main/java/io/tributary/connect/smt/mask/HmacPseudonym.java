package io.tributary.connect.smt.mask;

import io.tributary.connect.smt.CanonicalText;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.connect.data.Schema;

/**
 * Keyed pseudonymisation: HMAC-SHA256 of the value under a secret key, as 64 lowercase hex characters. The
 * same value and key always give the same pseudonym, so joins and counts on the field still work, while
 * without the key the pseudonym cannot be reversed or recomputed by guessing values (a plain hash of an email
 * address can). Strings are hashed as their UTF-8 bytes, bytes as they are, and every other scalar as its
 * {@link CanonicalText} in UTF-8, so user id {@code 42} and {@code "42"} get the same pseudonym.
 * Null stays null: a pseudonym for "no value" would make all unknowns look like one person.
 *
 * <p>Not thread-safe (one {@link Mac} is reused), like the transform instance that owns it.
 */
final class HmacPseudonym implements MaskRule {

    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final Mac mac;

    HmacPseudonym(byte[] key) {
        try {
            mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every Java runtime must provide HmacSHA256; the message must not carry the key.
            throw new IllegalStateException("HmacSHA256 is not available: " + e.getClass().getSimpleName(), e);
        }
    }

    @Override
    public Schema maskedSchema(Schema schema) {
        if (schema.type() == Schema.Type.STRING) {
            return schema;
        }
        if (!schema.type().isPrimitive()) {
            throw new IllegalArgumentException("hmac masks scalar fields, not a " + schema.type());
        }
        return schema.isOptional() ? Schema.OPTIONAL_STRING_SCHEMA : Schema.STRING_SCHEMA;
    }

    @Override
    public Object mask(Object value, Schema schema) {
        if (value == null) {
            return null;
        }
        return HEX.formatHex(mac.doFinal(bytesOf(value)));
    }

    private static byte[] bytesOf(Object value) {
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return bytes;
        }
        if (!CanonicalText.isScalar(value)) {
            throw new IllegalArgumentException("hmac masks scalar values, not a " + value.getClass().getSimpleName());
        }
        return CanonicalText.of(value).getBytes(StandardCharsets.UTF_8);
    }
}
