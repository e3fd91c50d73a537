package io.tributary.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.exceptions.BadRequestException;
import org.apache.iceberg.exceptions.CommitFailedException;
import org.apache.iceberg.exceptions.NamespaceNotEmptyException;
import org.apache.iceberg.exceptions.NoSuchNamespaceException;
import org.apache.iceberg.exceptions.NoSuchTableException;
import org.apache.iceberg.exceptions.NotFoundException;
import org.apache.iceberg.exceptions.ServiceUnavailableException;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.rest.CatalogHandlers;
import org.apache.iceberg.rest.Endpoint;
import org.apache.iceberg.rest.RESTCatalogProperties;
import org.apache.iceberg.rest.RESTCatalogProperties.SnapshotMode;
import org.apache.iceberg.rest.RESTSerializers;
import org.apache.iceberg.rest.RESTUtil;
import org.apache.iceberg.rest.requests.CreateNamespaceRequest;
import org.apache.iceberg.rest.requests.CreateTableRequest;
import org.apache.iceberg.rest.requests.RegisterTableRequest;
import org.apache.iceberg.rest.requests.RenameTableRequest;
import org.apache.iceberg.rest.requests.UpdateNamespacePropertiesRequest;
import org.apache.iceberg.rest.requests.UpdateTableRequest;
import org.apache.iceberg.rest.responses.ConfigResponse;
import org.apache.iceberg.rest.responses.ErrorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Iceberg REST catalog server for tests: the JDK's HTTP server on 127.0.0.1 and a random port, speaking
 * the REST catalog spec to Iceberg's own {@code RESTCatalog} client, backed by a JDBC catalog in a SQLite file.
 * Each operation is delegated to Iceberg's {@link CatalogHandlers} and all JSON goes through Iceberg's own
 * serializers, so commit requirement checks, stage-create and the wire format are Iceberg's, not ours. Unlike a
 * bare JDBC catalog, it refuses tables in namespaces that do not exist, as real REST servers do.
 *
 * <p>Served, and advertised in {@code GET /v1/config} so the client calls nothing else: namespaces (list, create,
 * load, exists, drop, update properties) and tables (list, create incl. stage-create, load, exists, commit, drop
 * incl. purge, rename, register). Not served: views, multi-table transactions, metrics reports, scan planning,
 * credential vending, OAuth, prefixes, ETags, idempotency keys.
 *
 * <p>Failures become the spec's error model with the status the client maps back to the same exception: missing
 * namespace or table 404; {@link AlreadyExistsException}, {@link NamespaceNotEmptyException} and
 * {@link CommitFailedException} 409 (a commit whose requirements no longer hold, because another writer committed
 * first, is a 409: that is what lets the client's retry and the sink's fencing work); bad requests 400; anything
 * else 500, which the client reports as {@code CommitStateUnknownException} for a commit and
 * {@code ServiceFailureException} otherwise.
 *
 * <p>Requests are handled one at a time on a single thread: SQLite allows one writer per file, and serializing
 * keeps lock errors out of tests. Conflicts between concurrent <em>clients</em> still happen exactly as with a
 * real server, because each commit carries the table state it was based on and is checked against the current
 * one. Not Jetty: Connect's own Jetty runs in the same JVM in other tests.
 */
public final class TestRestCatalog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TestRestCatalog.class);
    private static final ObjectMapper JSON = restMapper();
    /** The client's default: namespace levels joined by the URL-encoded unit separator, {@code %1F}. */
    private static final String NAMESPACE_SEPARATOR = RESTCatalogProperties.NAMESPACE_SEPARATOR_DEFAULT;
    private static final List<Endpoint> ENDPOINTS = List.of(
            Endpoint.V1_LIST_NAMESPACES, Endpoint.V1_CREATE_NAMESPACE, Endpoint.V1_LOAD_NAMESPACE,
            Endpoint.V1_NAMESPACE_EXISTS, Endpoint.V1_DELETE_NAMESPACE, Endpoint.V1_UPDATE_NAMESPACE,
            Endpoint.V1_LIST_TABLES, Endpoint.V1_CREATE_TABLE, Endpoint.V1_LOAD_TABLE, Endpoint.V1_TABLE_EXISTS,
            Endpoint.V1_UPDATE_TABLE, Endpoint.V1_DELETE_TABLE, Endpoint.V1_RENAME_TABLE,
            Endpoint.V1_REGISTER_TABLE);

    private final Catalog backend;
    private final SupportsNamespaces namespaces;
    private final HttpServer server;
    private final ExecutorService executor;
    private volatile Consumer<TableIdentifier> beforeCommit;

    /** What a handler answers: a status and a body to serialize, or none. */
    private record Reply(int status, Object body) {
        static final Reply NO_CONTENT = new Reply(204, null);

        static Reply ok(Object body) {
            return new Reply(200, body);
        }
    }

    private TestRestCatalog(Catalog backend, HttpServer server, ExecutorService executor) {
        this.backend = backend;
        this.namespaces = (SupportsNamespaces) backend;
        this.server = server;
        this.executor = executor;
    }

    /** Starts a server whose catalog ({@code catalog.db}) and warehouse ({@code warehouse/}) live in {@code dir}. */
    public static TestRestCatalog start(Path dir) {
        Path warehouse = dir.resolve("warehouse").toAbsolutePath();
        Catalog backend = null;
        try {
            Files.createDirectories(warehouse);
            backend = CatalogUtil.buildIcebergCatalog("backend", Map.of("type", "jdbc",
                    "uri", "jdbc:sqlite:" + dir.resolve("catalog.db").toAbsolutePath(),
                    "warehouse", "file:" + warehouse, "jdbc.schema-version", "V1",
                    // Like real REST servers, refuse tables in namespaces that do not exist.
                    "jdbc.strict-mode", "true"), new Configuration());
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "test-rest-catalog");
                thread.setDaemon(true);
                return thread;
            });
            TestRestCatalog catalog = new TestRestCatalog(backend, server, executor);
            server.createContext("/", catalog::handle);
            server.setExecutor(executor);
            server.start();
            LOG.info("Iceberg REST catalog serving {} from {}", catalog.uri(), dir);
            return catalog;
        } catch (IOException e) {
            closeQuietly(backend);
            throw new UncheckedIOException("Could not start the REST catalog", e);
        }
    }

    /** The value for the client's {@code uri} property ({@code iceberg.catalog.uri} of the sink). */
    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The JDBC catalog behind the server, named "backend", to inspect tables without going through REST. */
    public Catalog backend() {
        return backend;
    }

    /**
     * Runs {@code action} on the server before each table commit (a POST to the table) is applied, or no action
     * when {@code null}. Iceberg's client refreshes the table right before it commits, so two writers only meet in
     * a genuine race; this makes one happen on cue: commit something to {@link #backend()} here, and the client's
     * commit, based on the state before, is refused with 409. Throwing answers the commit with an error instead:
     * {@link CommitFailedException} 409, {@link ServiceUnavailableException} 503, any other exception 500.
     */
    public void beforeCommit(Consumer<TableIdentifier> action) {
        this.beforeCommit = action;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        closeQuietly(backend);
    }

    private void handle(HttpExchange exchange) {
        String method = exchange.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = exchange.getRequestURI().getRawPath();
        try {
            Reply reply;
            try {
                String[] segments = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
                Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
                reply = route(method, segments, query, exchange.getRequestBody().readAllBytes());
            } catch (RuntimeException | IOException e) {
                reply = error(method, path, e);
            }
            LOG.debug("{} {} -> {}", method, path, reply.status());
            send(exchange, reply);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not answer {} {}", method, path, e);
        } finally {
            exchange.close();
        }
    }

    /** Dispatches on the path below {@code /v1}; there is no prefix. */
    private Reply route(String method, String[] path, Map<String, String> query, byte[] body) throws IOException {
        if (path.length < 2 || !path[0].equals("v1")) {
            throw unsupported(method, "/" + String.join("/", path));
        }
        if (path.length == 2 && path[1].equals("config") && method.equals("GET")) {
            // Listing the endpoints tells the client exactly what it may call, and that HEAD is served.
            return Reply.ok(ConfigResponse.builder().withEndpoints(ENDPOINTS).build());
        }
        if (path.length == 3 && path[1].equals("tables") && path[2].equals("rename") && method.equals("POST")) {
            CatalogHandlers.renameTable(backend, read(body, RenameTableRequest.class));
            return Reply.NO_CONTENT;
        }
        if (!path[1].equals("namespaces")) {
            throw unsupported(method, "/" + String.join("/", path));
        }
        if (path.length == 2) {
            return namespaces(method, query, body);
        }
        Namespace namespace = RESTUtil.decodeNamespaceAsPathSegment(path[2], NAMESPACE_SEPARATOR);
        if (path.length == 3) {
            return namespace(method, namespace);
        }
        if (path.length == 4 && method.equals("POST") && path[3].equals("properties")) {
            return Reply.ok(CatalogHandlers.updateNamespaceProperties(namespaces, namespace,
                    read(body, UpdateNamespacePropertiesRequest.class)));
        }
        if (path.length == 4 && method.equals("POST") && path[3].equals("register")) {
            return Reply.ok(CatalogHandlers.registerTable(backend, namespace, read(body, RegisterTableRequest.class)));
        }
        if (path.length == 4 && path[3].equals("tables")) {
            return tables(method, namespace, query, body);
        }
        if (path.length == 5 && path[3].equals("tables")) {
            TableIdentifier table = TableIdentifier.of(namespace, RESTUtil.decodePathSegment(path[4]));
            return table(method, table, query, body);
        }
        throw unsupported(method, "/" + String.join("/", path));
    }

    private Reply namespaces(String method, Map<String, String> query, byte[] body) throws IOException {
        switch (method) {
            case "GET":
                Namespace parent = query.containsKey("parent")
                        ? RESTUtil.namespaceFromQueryParam(query.get("parent")) : Namespace.empty();
                String pageSize = query.get("pageSize");
                return Reply.ok(pageSize == null ? CatalogHandlers.listNamespaces(namespaces, parent)
                        : CatalogHandlers.listNamespaces(namespaces, parent, query.get("pageToken"), pageSize));
            case "POST":
                return Reply.ok(CatalogHandlers.createNamespace(namespaces, read(body, CreateNamespaceRequest.class)));
            default:
                throw unsupported(method, "namespaces");
        }
    }

    private Reply namespace(String method, Namespace namespace) {
        switch (method) {
            case "GET":
                return Reply.ok(CatalogHandlers.loadNamespace(namespaces, namespace));
            case "HEAD":
                CatalogHandlers.namespaceExists(namespaces, namespace);
                return Reply.NO_CONTENT;
            case "DELETE":
                CatalogHandlers.dropNamespace(namespaces, namespace);
                return Reply.NO_CONTENT;
            default:
                throw unsupported(method, "namespace " + namespace);
        }
    }

    private Reply tables(String method, Namespace namespace, Map<String, String> query, byte[] body)
            throws IOException {
        switch (method) {
            case "GET":
                String pageSize = query.get("pageSize");
                return Reply.ok(pageSize == null ? CatalogHandlers.listTables(backend, namespace)
                        : CatalogHandlers.listTables(backend, namespace, query.get("pageToken"), pageSize));
            case "POST":
                CreateTableRequest request = read(body, CreateTableRequest.class);
                // A staged create only reserves a location; the table appears with the transaction's commit,
                // a POST to the table that requires it not to exist (see CatalogHandlers.updateTable).
                return Reply.ok(request.stageCreate()
                        ? CatalogHandlers.stageTableCreate(backend, namespace, request)
                        : CatalogHandlers.createTable(backend, namespace, request));
            default:
                throw unsupported(method, "tables of " + namespace);
        }
    }

    private Reply table(String method, TableIdentifier table, Map<String, String> query, byte[] body)
            throws IOException {
        switch (method) {
            case "GET":
                String snapshots = query.getOrDefault(RESTCatalogProperties.SNAPSHOTS_QUERY_PARAMETER, "all");
                return Reply.ok(CatalogHandlers.loadTable(backend, table,
                        SnapshotMode.valueOf(snapshots.toUpperCase(Locale.ROOT))));
            case "HEAD":
                CatalogHandlers.tableExists(backend, table);
                return Reply.NO_CONTENT;
            case "POST":
                UpdateTableRequest request = read(body, UpdateTableRequest.class);
                Consumer<TableIdentifier> action = beforeCommit;
                if (action != null) {
                    action.accept(table);
                }
                return Reply.ok(CatalogHandlers.updateTable(backend, table, request));
            case "DELETE":
                if (Boolean.parseBoolean(query.get("purgeRequested"))) {
                    CatalogHandlers.purgeTable(backend, table);
                } else {
                    CatalogHandlers.dropTable(backend, table);
                }
                return Reply.NO_CONTENT;
            default:
                throw unsupported(method, "table " + table);
        }
    }

    private static UnsupportedOperationException unsupported(String method, String what) {
        return new UnsupportedOperationException(method + " " + what + " is not served by TestRestCatalog");
    }

    /**
     * The spec's error model. The type is the exception's simple name: the client tells a missing namespace
     * from a missing table by it, and re-raises an {@link IllegalArgumentException} as one.
     */
    private static Reply error(String method, String path, Exception failure) {
        int status = statusOf(failure);
        if (status == 500) {
            LOG.warn("{} {} failed", method, path, failure);
        } else {
            LOG.debug("{} {} answered {}: {}", method, path, status, failure.toString());
        }
        return new Reply(status, ErrorResponse.builder()
                .responseCode(status)
                .withType(failure.getClass().getSimpleName())
                .withMessage(failure.getMessage() == null ? failure.toString() : failure.getMessage())
                .build());
    }

    private static int statusOf(Exception failure) {
        if (failure instanceof NoSuchTableException || failure instanceof NoSuchNamespaceException
                || failure instanceof NotFoundException) {
            return 404;
        }
        if (failure instanceof AlreadyExistsException || failure instanceof CommitFailedException
                || failure instanceof NamespaceNotEmptyException) {
            return 409;
        }
        if (failure instanceof ValidationException || failure instanceof IllegalArgumentException
                || failure instanceof BadRequestException || failure instanceof JsonProcessingException) {
            return 400;
        }
        if (failure instanceof ServiceUnavailableException) {
            return 503;
        }
        if (failure instanceof UnsupportedOperationException) {
            return 501;  // the client raises UnsupportedOperationException again
        }
        return 500;
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        // A HEAD response never has a body, not even an error: the client then goes by the status alone.
        if (reply.body() == null || exchange.getRequestMethod().equalsIgnoreCase("HEAD")) {
            exchange.sendResponseHeaders(reply.status(), -1);
            return;
        }
        byte[] json = JSON.writeValueAsBytes(reply.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(reply.status(), json.length);
        exchange.getResponseBody().write(json);
    }

    /** A missing or malformed body fails as a {@link JsonProcessingException}, answered with 400. */
    private static <T> T read(byte[] body, Class<T> type) throws IOException {
        return JSON.readValue(body, type);
    }

    /**
     * The JSON mapping the client uses. Iceberg's own ({@code RESTObjectMapper}) is package-private, so this
     * repeats its settings: fields by name in kebab case, unknown fields ignored, Iceberg's serializers.
     */
    private static ObjectMapper restMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.setPropertyNamingStrategy(new PropertyNamingStrategies.KebabCaseStrategy());
        RESTSerializers.registerAll(mapper);
        return mapper;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                parameters.put(URLDecoder.decode(key, StandardCharsets.UTF_8),
                        URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return parameters;
    }

    private static void closeQuietly(Catalog catalog) {
        if (catalog instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException | RuntimeException e) {
                LOG.warn("Could not close the REST catalog's backend", e);
            }
        }
    }
}
