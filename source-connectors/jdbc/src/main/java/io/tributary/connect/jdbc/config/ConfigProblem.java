package io.tributary.connect.jdbc.config;

/** A rule that spans several keys was broken; reported under {@code key} by the validate endpoint. */
public record ConfigProblem(String key, String message) {
}
