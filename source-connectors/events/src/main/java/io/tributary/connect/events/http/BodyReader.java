package io.tributary.connect.events.http;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body without blocking a thread: chunks are copied as they arrive, and reading stops as soon
 * as the body passes its limit, so an oversized body costs at most the limit in memory.
 */
final class BodyReader {

    /** Where a body read ends. */
    interface Listener {
        void body(byte[] body);

        void tooLarge();

        void failed(Throwable failure);
    }

    private final Request request;
    private final int maxBytes;
    private final Listener listener;
    private byte[] buffer;
    private int size;

    private BodyReader(Request request, int maxBytes, long contentLength, Listener listener) {
        this.request = request;
        this.maxBytes = maxBytes;
        this.listener = listener;
        this.buffer = new byte[(int) Math.min(Math.max(contentLength, 1024), maxBytes)];
    }

    /** Starts reading; {@code listener} hears of the end exactly once, on a server thread. */
    static void read(Request request, int maxBytes, Listener listener) {
        long contentLength = request.getLength();
        if (contentLength > maxBytes) {
            listener.tooLarge();
            return;
        }
        new BodyReader(request, maxBytes, contentLength, listener).readAvailable();
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
                listener.body(size == buffer.length ? buffer : Arrays.copyOf(buffer, size));
                return;
            }
        }
    }

    private boolean append(ByteBuffer bytes) {
        int length = bytes.remaining();
        if ((long) size + length > maxBytes) {
            return false;
        }
        if (size + length > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(maxBytes, Math.max(size + length, 2L * buffer.length)));
        }
        bytes.get(buffer, size, length);
        size += length;
        return true;
    }
}
