package io.tributary.connect.iceberg.write;

/**
 * Data files could not be finished (an upload failed while closing them), so records written to them are not
 * durable. Retrying the close is no remedy: Iceberg's output streams mark themselves closed before the upload,
 * and a second close succeeds without writing anything. The records must be dropped and read again.
 */
public final class LostWritesException extends RuntimeException {

    LostWritesException(String message, Throwable cause) {
        super(message, cause);
    }
}
