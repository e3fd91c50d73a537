package io.tributary.connect.smt;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Session ids derived from the user and the session's start alone: the first 16 bytes of
 * SHA-256("tributary.session" NUL user NUL start-epoch-millis), as a version 8 (RFC 9562 custom) UUID. Anything
 * that knows a session's user and start — a backfill, a query — computes the same id.
 */
public final class SessionIds {

    private static final byte[] PREFIX = "tributary.session\0".getBytes(StandardCharsets.UTF_8);

    private SessionIds() {
    }

    public static String of(String user, long startEpochMillis) {
        MessageDigest sha256 = sha256();
        sha256.update(PREFIX);
        sha256.update(user.getBytes(StandardCharsets.UTF_8));
        sha256.update((byte) 0);
        sha256.update(Long.toString(startEpochMillis).getBytes(StandardCharsets.US_ASCII));
        ByteBuffer hash = ByteBuffer.wrap(sha256.digest());
        long high = (hash.getLong() & ~0xF000L) | 0x8000L;                    // version 8
        long low = (hash.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;  // variant 10
        return new UUID(high, low).toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
