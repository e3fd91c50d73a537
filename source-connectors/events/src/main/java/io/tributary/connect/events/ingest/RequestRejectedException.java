package io.tributary.connect.events.ingest;

/** The request as a whole cannot be taken: its body is not JSON, or it holds too many events. */
public final class RequestRejectedException extends Exception {

    /** Why, as an HTTP status. */
    public enum Kind {
        MALFORMED(400), TOO_MANY_EVENTS(413);

        public final int status;

        Kind(int status) {
            this.status = status;
        }
    }

    private final Kind kind;

    public RequestRejectedException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
