package io.tributary.connect.events.http;

import io.tributary.connect.events.config.EventsSourceConfig;
import io.tributary.connect.events.config.ServerSettings;
import io.tributary.connect.events.ingest.IngestQueue;
import io.tributary.connect.events.ingest.RequestReader;
import io.tributary.connect.events.metrics.EventsMetrics;
import java.io.IOException;
import org.apache.kafka.connect.errors.ConnectException;
import org.eclipse.jetty.http.HttpCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A task's HTTP/1.1 server (Jetty's core API, no servlets), over plain HTTP or TLS. */
public final class EventsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventsServer.class);
    /** How long stopping waits for answers being written (the 503s of a stopping task among them). */
    private static final long STOP_TIMEOUT_MS = 2_000L;

    private final Server server;
    private final ServerConnector connector;
    private final ServerSettings settings;

    private EventsServer(Server server, ServerConnector connector, ServerSettings settings) {
        this.server = server;
        this.connector = connector;
        this.settings = settings;
    }

    /**
     * Starts serving {@code config}'s streams from {@code queue}.
     *
     * @param name names the server's threads, e.g. the connector and task
     * @throws ConnectException when the port cannot be bound, saying which
     */
    public static EventsServer start(EventsSourceConfig config, IngestQueue queue, EventsMetrics metrics,
            String name) {
        ServerSettings settings = config.server();
        QueuedThreadPool threads = new QueuedThreadPool(settings.threadsMax(), Math.min(4, settings.threadsMax()));
        threads.setName("tributary-events-" + name);
        threads.setDaemon(true);
        Server server = new Server(threads);
        ServerConnector connector = connector(server, settings);
        server.addConnector(connector);
        IngestContext context = new IngestContext(config.streams(), new RequestAuth(config.auth()),
                new RequestReader(config.limits().requestMaxEvents()), queue, config.badEvents().policy(),
                config.badEvents().deadLetterTopic(), config.limits().requestMaxBytes(),
                config.limits().requestTimeoutMs(), metrics, System::currentTimeMillis);
        server.setHandler(new GracefulHandler(new EventsHandler(context)));
        server.setStopTimeout(STOP_TIMEOUT_MS);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            if (e instanceof IOException) {
                throw new ConnectException("The events source cannot listen on " + settings.bindAddress() + ":"
                        + settings.port() + ": " + e.getMessage() + ". Is another process, or another task of "
                        + "this connector, using the port? Run at most one task per worker (tasks.max = number "
                        + "of workers).", e);
            }
            throw new ConnectException("The events source's HTTP server did not start: " + e.getMessage(), e);
        }
        EventsServer started = new EventsServer(server, connector, settings);
        String url = (settings.tls() ? "https" : "http") + "://" + settings.bindAddress() + ":" + started.port()
                + "/v1/events/{stream}";
        metrics.serving(url);
        LOG.info("Events source serving {}", url);
        return started;
    }

    private static ServerConnector connector(Server server, ServerSettings settings) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(false);
        http.setHttpCompliance(HttpCompliance.RFC7230);
        ServerConnector connector;
        if (settings.tls()) {
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStorePath(settings.keystoreLocation());
            tls.setKeyStoreType(settings.keystoreType());
            tls.setKeyStorePassword(settings.keystorePassword());
            if (settings.keyPassword() != null) {
                tls.setKeyManagerPassword(settings.keyPassword());
            }
            http.addCustomizer(new SecureRequestCustomizer(false));
            connector = new ServerConnector(server, 1, 1, new SslConnectionFactory(tls, "http/1.1"),
                    new HttpConnectionFactory(http));
        } else {
            connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        }
        connector.setHost(settings.bindAddress());
        connector.setPort(settings.port());
        connector.setIdleTimeout(settings.idleTimeoutMs());
        connector.setReuseAddress(true);
        return connector;
    }

    /** The port the server listens on (the chosen one when configured as 0). */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() {
        stopQuietly(server);
        LOG.info("Events source stopped serving port {}", settings.port());
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("The events source's HTTP server did not stop cleanly: {}", e.toString());
        }
    }
}
