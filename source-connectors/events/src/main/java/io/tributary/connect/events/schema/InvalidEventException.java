package io.tributary.connect.events.schema;

/**
 * One event of a request is not acceptable: it is not JSON, not an object, or does not fit its stream's schema.
 *
 * <p>The message is returned to the client and written to dead-letter headers, so it names the field and what
 * was expected, never the value that was sent (events may carry personal data).
 */
public final class InvalidEventException extends Exception {

    public InvalidEventException(String reason) {
        super(reason, null, false, false);
    }
}
