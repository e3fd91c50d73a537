package io.tributary.testkit;

/** A Connect REST call answered with an error status. */
public final class ConnectRestException extends RuntimeException {

    private final int status;
    private final String body;

    ConnectRestException(String method, String uri, int status, String body) {
        super(method + " " + uri + " answered " + status + ": " + body);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    /** What the worker answered, as it was. */
    public String body() {
        return body;
    }
}
