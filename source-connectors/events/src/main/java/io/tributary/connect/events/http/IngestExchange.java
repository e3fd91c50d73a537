package io.tributary.connect.events.http;

import io.tributary.connect.events.config.BadEventSettings;
import io.tributary.connect.events.config.StreamRoute;
import io.tributary.connect.events.ingest.BodyFormat;
import io.tributary.connect.events.ingest.IngestQueue;
import io.tributary.connect.events.ingest.Outcome;
import io.tributary.connect.events.ingest.PendingRequest;
import io.tributary.connect.events.ingest.PreparedEvent;
import io.tributary.connect.events.ingest.Rejection;
import io.tributary.connect.events.ingest.RequestReader.ReadRequest;
import io.tributary.connect.events.ingest.RequestRejectedException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code POST /v1/events/{stream}}, from its headers to its answer. Checks run cheapest first, and all
 * before anything is queued: token, stream, content type, size, then (with the body) signature and events.
 * An admitted request is answered only when it ends: 200 once Kafka has every record, 503 otherwise.
 */
final class IngestExchange implements BodyReader.Listener {

    private static final Logger LOG = LoggerFactory.getLogger(IngestExchange.class);

    static final String REASON_HEADER = "tributary.error.reason";
    static final String STREAM_HEADER = "tributary.error.stream";
    static final String INDEX_HEADER = "tributary.error.index";
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 256;

    private final IngestContext context;
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final String stream;
    private StreamRoute route;
    private BodyFormat format;

    IngestExchange(IngestContext context, Request request, Response response, Callback callback, String stream) {
        this.context = context;
        this.request = request;
        this.response = response;
        this.callback = callback;
        this.stream = stream;
    }

    void start() {
        context.metrics().request();
        String denied = context.auth().checkBearer(request.getHeaders().get(HttpHeader.AUTHORIZATION));
        if (denied != null) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer realm=\"tributary-events\"");
            refuse(401, Replies.error(denied));
            return;
        }
        route = context.streams().lookup(stream);
        if (route == null) {
            refuse(404, Replies.error("unknown stream '" + printable(stream) + "'"));
            return;
        }
        format = BodyFormat.of(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
        if (format == null) {
            refuse(415, Replies.error("Content-Type must be one of " + BodyFormat.ACCEPTED));
            return;
        }
        String idempotencyKey = request.getHeaders().get(IDEMPOTENCY_KEY);
        if (idempotencyKey != null && (idempotencyKey.isBlank()
                || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH)) {
            refuse(400, Replies.error(IDEMPOTENCY_KEY + " must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH
                    + " characters"));
            return;
        }
        if (context.queue().closed()) {
            refuse(503, Replies.error("the task is stopping; retry (another worker may take the request)"));
            return;
        }
        BodyReader.read(request, context.maxBytes(), this);
    }

    @Override
    public void tooLarge() {
        context.metrics().answered(413);
        Replies.sendClosing(response, callback, 413, Replies.error("the body is larger than " + context.maxBytes()
                + " bytes (request.max.bytes)"));
    }

    @Override
    public void failed(Throwable failure) {
        LOG.debug("Reading a request body failed", failure);
        context.metrics().answered(400);
        Replies.sendClosing(response, callback, 400, Replies.error("the body could not be read"));
    }

    @Override
    public void body(byte[] body) {
        long now = context.clock().getAsLong();
        String unsigned = context.auth().checkSignature(request.getHeaders().get(RequestAuth.TIMESTAMP_HEADER),
                request.getHeaders().get(RequestAuth.SIGNATURE_HEADER), body, now);
        if (unsigned != null) {
            answer(401, Replies.error(unsigned));
            return;
        }
        ReadRequest read;
        try {
            read = context.reader().read(body, format, route, request.getHeaders().get(IDEMPOTENCY_KEY), now);
        } catch (RequestRejectedException e) {
            answer(e.kind().status, Replies.error(e.getMessage()));
            return;
        }
        List<Rejection> rejections = read.rejections();
        boolean rejectAll = !rejections.isEmpty() && context.policy() == BadEventSettings.Policy.REJECT_REQUEST;
        List<PreparedEvent> records = rejectAll ? List.of() : withDeadLetters(read, now);
        if (records.isEmpty()) {
            context.metrics().rejected(rejections, 0);
            answer(400, Replies.result(0, 0, rejections));
            return;
        }
        admit(read, records);
    }

    private void admit(ReadRequest read, List<PreparedEvent> records) {
        int events = read.events().size();
        int deadLetters = records.size() - events;
        long arrived = request.getHeadersNanoTime();
        PendingRequest[] pending = new PendingRequest[1];
        Scheduler.Task[] timeout = new Scheduler.Task[1];
        pending[0] = new PendingRequest(records, arrived, outcome -> {
            if (timeout[0] != null) {
                timeout[0].cancel();
            }
            ended(outcome, events, deadLetters, read.rejections(), arrived);
        });
        IngestQueue.Admission admission = context.queue().offer(pending[0]);
        switch (admission) {
            case FULL -> answer(429, Replies.error("the task holds " + context.queue().capacity()
                    + " events not yet in Kafka (queue.max.events); retry later"));
            case CLOSED -> answer(503, Replies.error("the task is stopping; retry"));
            case ADMITTED -> timeout[0] = request.getComponents().getScheduler().schedule(
                    () -> context.queue().abandon(pending[0], Outcome.Reason.TIMED_OUT),
                    context.timeoutMs(), TimeUnit.MILLISECONDS);
        }
    }

    /** Runs once, on the thread that ended the request; the answer is written from a server thread. */
    private void ended(Outcome outcome, int events, int deadLetters, List<Rejection> rejections, long arrived) {
        int status;
        byte[] body;
        if (outcome instanceof Outcome.Durable durable) {
            context.metrics().accepted(events, durable.dropped(), System.nanoTime() - arrived);
            context.metrics().rejected(rejections, deadLetters);
            status = events == 0 ? 400 : 200;
            body = Replies.result(events, durable.dropped(), rejections);
        } else {
            Outcome.Unfinished unfinished = (Outcome.Unfinished) outcome;
            status = 503;
            String why = unfinished.reason() == Outcome.Reason.TIMED_OUT
                    ? "Kafka did not acknowledge the events within " + context.timeoutMs() + " ms (request.timeout.ms)"
                    : "the task stopped before Kafka acknowledged the events";
            body = Replies.error(why + (unfinished.partial()
                    ? "; some may have been written: retry with the same event ids or Idempotency-Key"
                    : "; none was written: retry"));
        }
        request.getContext().execute(() -> answer(status, body));
    }

    private List<PreparedEvent> withDeadLetters(ReadRequest read, long now) {
        if (context.deadLetterTopic() == null || read.rejections().isEmpty()) {
            return read.events();
        }
        List<PreparedEvent> records = new ArrayList<>(read.events());
        for (Rejection rejection : read.rejections()) {
            ConnectHeaders headers = new ConnectHeaders();
            headers.addString(REASON_HEADER, rejection.reason());
            headers.addString(STREAM_HEADER, stream);
            headers.addInt(INDEX_HEADER, rejection.index());
            // With record.value.format=json the value converter takes bytes only: the text goes as its UTF-8.
            records.add(route.jsonValues()
                    ? new PreparedEvent(context.deadLetterTopic(), null, Schema.OPTIONAL_BYTES_SCHEMA,
                            rejection.text().getBytes(StandardCharsets.UTF_8), now, headers)
                    : new PreparedEvent(context.deadLetterTopic(), null, Schema.OPTIONAL_STRING_SCHEMA,
                            rejection.text(), now, headers));
        }
        return records;
    }

    /** Answers a request whose body was read. */
    private void answer(int status, byte[] body) {
        context.metrics().answered(status);
        Replies.send(response, callback, status, body);
    }

    /** Answers a request refused before its body was read. */
    private void refuse(int status, byte[] body) {
        context.metrics().answered(status);
        Replies.sendAfterBody(request, response, callback, context.maxBytes(), status, body);
    }

    /** A stream name as it may be echoed back: printable ASCII, bounded. */
    private static String printable(String text) {
        String bounded = text.length() > 100 ? text.substring(0, 100) + "..." : text;
        return bounded.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
