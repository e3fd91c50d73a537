package io.tributary.connect.events.ingest;

/**
 * An event of a request that cannot be written to its stream.
 *
 * @param index the event's position in the request, from 0: in a JSON array its element, in NDJSON its
 *     non-blank line
 * @param reason what is wrong, naming the field, never its value
 * @param text the event as it was sent, for the dead-letter topic
 */
public record Rejection(int index, String reason, String text) {
}
