package io.tributary.bench.events;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * Posts batches to the events source as NDJSON with Jetty's HTTP/1.1 client ({@code client=jetty}): the same
 * requests as {@link HttpBatchSender}, for less client CPU, which on one machine is CPU the system under test
 * does not get. One client for the trial; its connections stay open between shots.
 */
final class JettyBatchSender implements BatchSender, AutoCloseable {

    private static final String NDJSON = "application/x-ndjson";

    private final HttpClient client = new HttpClient();
    private final URI endpoint;
    private final ClickBatches batches;

    JettyBatchSender(URI endpoint, ClickBatches batches) {
        this.endpoint = endpoint;
        this.batches = batches;
        QueuedThreadPool threads = new QueuedThreadPool();
        // Named so that CpuSplit counts them as the benchmark's clients.
        threads.setName("bench-client-jetty");
        client.setExecutor(threads);
        client.setScheduler(new ScheduledExecutorScheduler("bench-client-jetty-scheduler", false));
        client.setConnectTimeout(10_000);
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty's HTTP client did not start", e);
        }
    }

    @Override
    public CompletableFuture<Void> send(int batch) {
        return new CompletableResponseListener(client.newRequest(endpoint).method(HttpMethod.POST)
                .headers(headers -> headers.put(HttpHeader.CONTENT_TYPE, NDJSON))
                .body(new BytesRequestContent(NDJSON, batches.body(batch)))
                .timeout(HttpBatchSender.ANSWER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .send()
                .thenAccept(response -> HttpBatchSender.check(batch, response.getStatus(),
                        response.getHeaders().get(HttpHeader.RETRY_AFTER), response.getContentAsString()));
    }

    @Override
    public void close() {
        try {
            client.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty's HTTP client did not stop", e);
        }
    }
}
