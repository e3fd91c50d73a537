package io.tributary.connect.events.http;

import io.tributary.connect.events.config.AuthSettings;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Decides whether a request may post events: a bearer token among the configured ones, and a valid recent
 * signature of its body when signatures are required. Every comparison takes the same time whatever the
 * presented value, so neither a token nor a signature can be guessed byte by byte.
 */
final class RequestAuth {

    static final String TIMESTAMP_HEADER = "X-Tributary-Timestamp";
    static final String SIGNATURE_HEADER = "X-Tributary-Signature";
    private static final String BEARER = "Bearer ";
    private static final String SIGNATURE_PREFIX = "sha256=";
    private static final String HMAC = "HmacSHA256";

    private final List<byte[]> tokenDigests;
    private final SecretKeySpec hmacKey;
    private final long maxSkewMillis;

    RequestAuth(AuthSettings settings) {
        this.tokenDigests = settings.bearerTokens().stream().map(RequestAuth::sha256).toList();
        String secret = settings.hmacSecret();
        this.hmacKey = secret == null ? null : new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC);
        this.maxSkewMillis = settings.hmacMaxSkewMs();
    }

    boolean signed() {
        return hmacKey != null;
    }

    /** Why the Authorization header does not let the request in, or null when it does. */
    String checkBearer(String authorization) {
        if (tokenDigests.isEmpty()) {
            return null;
        }
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return "a bearer token is required: Authorization: Bearer <token>";
        }
        byte[] presented = sha256(authorization.substring(BEARER.length()).trim());
        boolean known = false;
        for (byte[] digest : tokenDigests) {
            known |= MessageDigest.isEqual(digest, presented);
        }
        return known ? null : "the bearer token is not valid";
    }

    /** Why the body's signature does not let the request in, or null when it does (or none is required). */
    String checkSignature(String timestamp, String signature, byte[] body, long nowMillis) {
        if (hmacKey == null) {
            return null;
        }
        if (timestamp == null || signature == null) {
            return "a signed request is required: headers " + TIMESTAMP_HEADER + " and " + SIGNATURE_HEADER;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return TIMESTAMP_HEADER + " must be epoch seconds";
        }
        if (Math.abs(nowMillis - seconds * 1000L) > maxSkewMillis || seconds > Long.MAX_VALUE / 1000L) {
            return "the request's timestamp is outside the allowed window (auth.hmac.max.skew.ms)";
        }
        byte[] presented;
        try {
            if (!signature.regionMatches(true, 0, SIGNATURE_PREFIX, 0, SIGNATURE_PREFIX.length())) {
                return SIGNATURE_HEADER + " must be 'sha256=<hex>'";
            }
            presented = HexFormat.of().parseHex(signature.substring(SIGNATURE_PREFIX.length()).trim());
        } catch (IllegalArgumentException e) {
            return SIGNATURE_HEADER + " must be 'sha256=<hex>'";
        }
        return MessageDigest.isEqual(sign(timestamp.trim(), body), presented) ? null
                : "the request signature does not match its body";
    }

    /** HMAC-SHA256 of {@code timestamp + "." + body}: what a client sends, hex-encoded, after "sha256=". */
    byte[] sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(hmacKey);
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
