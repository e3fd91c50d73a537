package io.tributary.connect.events.http;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body without blocking a thread: chunks are copied as they arrive, and reading stops as soon
 * as the body passes its limit, so an oversized body costs at most the limit in memory. A body the answer does
 * not need can be read and dropped instead ({@link #discard}).
 */
final class BodyReader {

    /** Where a body read ends. */
    interface Listener {
        void body(byte[] body);

        void tooLarge();

        void failed(Throwable failure);
    }

    private static final byte[] NO_BYTES = new byte[0];

    private final Request request;
    private final int maxBytes;
    private final Listener listener;
    /** Where the body is copied; null when it is dropped. */
    private byte[] buffer;
    private int size;

    private BodyReader(Request request, int maxBytes, byte[] buffer, Listener listener) {
        this.request = request;
        this.maxBytes = maxBytes;
        this.listener = listener;
        this.buffer = buffer;
    }

    /** Starts reading; {@code listener} hears of the end exactly once, on a server thread. */
    static void read(Request request, int maxBytes, Listener listener) {
        start(request, maxBytes, true, listener);
    }

    /**
     * Reads a body up to {@code maxBytes} and drops it; the listener hears {@code body} with no bytes once it
     * ended, or {@code tooLarge} as soon as it passes the limit.
     */
    static void discard(Request request, int maxBytes, Listener listener) {
        start(request, maxBytes, false, listener);
    }

    private static void start(Request request, int maxBytes, boolean keep, Listener listener) {
        long contentLength = request.getLength();
        if (contentLength > maxBytes) {
            listener.tooLarge();
            return;
        }
        byte[] buffer = keep ? new byte[(int) Math.min(Math.max(contentLength, 1024), maxBytes)] : null;
        new BodyReader(request, maxBytes, buffer, listener).readAvailable();
    }

    private void readAvailable() {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this::readAvailable);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                listener.failed(chunk.getFailure());
                return;
            }
            boolean fits = append(chunk.getByteBuffer());
            boolean last = chunk.isLast();
            chunk.release();
            if (!fits) {
                listener.tooLarge();
                return;
            }
            if (last) {
                listener.body(buffer == null ? NO_BYTES
                        : size == buffer.length ? buffer : Arrays.copyOf(buffer, size));
                return;
            }
        }
    }

    private boolean append(ByteBuffer bytes) {
        int length = bytes.remaining();
        if ((long) size + length > maxBytes) {
            return false;
        }
        if (buffer == null) {
            bytes.position(bytes.limit());
            size += length;
            return true;
        }
        if (size + length > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(maxBytes, Math.max(size + length, 2L * buffer.length)));
        }
        bytes.get(buffer, size, length);
        size += length;
        return true;
    }
}
