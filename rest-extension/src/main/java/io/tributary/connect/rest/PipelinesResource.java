package io.tributary.connect.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;

/**
 * {@code /tributary} on a Connect worker: {@code pipelines} (every Tributary connector on the cluster with live
 * figures), {@code health} (200 or 503 with reasons) and {@code local} (this worker's tasks only; what workers
 * ask each other). Documented in docs/operations.md.
 */
@Path("/tributary")
@Produces(MediaType.APPLICATION_JSON)
public class PipelinesResource {

    private final ClusterPipelines pipelines;
    private final ExtensionSettings.Thresholds thresholds;
    private final ObjectMapper json;

    PipelinesResource(ClusterPipelines pipelines, ExtensionSettings.Thresholds thresholds, ObjectMapper json) {
        this.pipelines = pipelines;
        this.thresholds = thresholds;
        this.json = json.copy().enable(SerializationFeature.INDENT_OUTPUT);
    }

    @GET
    @Path("/pipelines")
    public Response pipelines(@Context UriInfo uri, @Context HttpHeaders headers) {
        return ok(pipelines.gather(uri.getBaseUri().getScheme(), authorization(headers)).body());
    }

    /**
     * @param maxLag       overrides {@code tributary.health.sink.max.lag.records} for this request
     * @param maxFreshness overrides {@code tributary.health.sink.max.freshness.ms}
     * @param maxIncremental overrides {@code tributary.health.jdbc.max.incremental.lag.ms}
     */
    @GET
    @Path("/health")
    public Response health(@Context UriInfo uri, @Context HttpHeaders headers, @QueryParam("max-lag") Long maxLag,
            @QueryParam("max-freshness-ms") Long maxFreshness,
            @QueryParam("max-incremental-lag-ms") Long maxIncremental) {
        ClusterPipelines.Gathered gathered = pipelines.gather(uri.getBaseUri().getScheme(), authorization(headers));
        List<String> reasons = Health.reasons(gathered, thresholds.overriddenBy(maxLag, maxFreshness, maxIncremental));
        return Response.status(reasons.isEmpty() ? 200 : 503).entity(text(Health.body(reasons, gathered)))
                .type(MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/local")
    public Response local() {
        return ok(LocalTasks.read());
    }

    private Response ok(Object body) {
        return Response.ok(text(body), MediaType.APPLICATION_JSON).build();
    }

    private String text(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the figures as JSON", e);
        }
    }

    private static String authorization(HttpHeaders headers) {
        return headers.getHeaderString(HttpHeaders.AUTHORIZATION);
    }
}
