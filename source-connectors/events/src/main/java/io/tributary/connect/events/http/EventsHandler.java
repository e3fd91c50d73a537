package io.tributary.connect.events.http;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** The routes of a task's server: {@code POST /v1/events/{stream}} and {@code GET /health}. */
final class EventsHandler extends Handler.Abstract.NonBlocking {

    static final String EVENTS_PATH = "/v1/events/";
    static final String HEALTH_PATH = "/health";

    private final IngestContext context;

    EventsHandler(IngestContext context) {
        this.context = context;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        if (path.startsWith(EVENTS_PATH) && path.length() > EVENTS_PATH.length()
                && path.indexOf('/', EVENTS_PATH.length()) < 0) {
            if (!HttpMethod.POST.is(method)) {
                refuseMethod(request, response, callback, "POST");
                return true;
            }
            new IngestExchange(context, request, response, callback, path.substring(EVENTS_PATH.length())).start();
        } else if (path.equals(HEALTH_PATH)) {
            if (!HttpMethod.GET.is(method) && !HttpMethod.HEAD.is(method)) {
                refuseMethod(request, response, callback, "GET");
                return true;
            }
            health(response, callback);
        } else {
            context.metrics().answered(404);
            Replies.sendAfterBody(request, response, callback, context.maxBytes(), 404, Replies.error("no such "
                    + "endpoint: POST " + EVENTS_PATH + "{stream} takes events, GET " + HEALTH_PATH
                    + " tells whether this task takes them"));
        }
        return true;
    }

    /** 200 while the task takes events; 503 while it stops or its queue is full, so a balancer looks elsewhere. */
    private void health(Response response, Callback callback) {
        int held = context.queue().held();
        int capacity = context.queue().capacity();
        if (context.queue().closed()) {
            Replies.send(response, callback, 503, Replies.health("stopping", held, capacity));
        } else if (held >= capacity) {
            Replies.send(response, callback, 503, Replies.health("full", held, capacity));
        } else {
            Replies.send(response, callback, 200, Replies.health("up", held, capacity));
        }
    }

    private void refuseMethod(Request request, Response response, Callback callback, String allowed) {
        context.metrics().answered(405);
        response.getHeaders().put(HttpHeader.ALLOW, allowed);
        Replies.sendAfterBody(request, response, callback, context.maxBytes(), 405, Replies.error("use " + allowed));
    }
}
