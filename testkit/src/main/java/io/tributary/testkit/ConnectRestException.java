package io.tributary.testkit;

/** A Connect REST call answered with an error status. */
public final class ConnectRestException extends RuntimeException {

    private final int status;

    ConnectRestException(String method, String uri, int status, String body) {
        super(method + " " + uri + " answered " + status + ": " + body);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
