package io.tributary.bench.common;

import io.tributary.testkit.Await;
import io.tributary.testkit.ConnectCluster;
import io.tributary.testkit.ConnectRestException;
import java.time.Duration;

/** What every benchmark does with a connector on its embedded worker besides creating it. */
public final class WorkerConnectors {

    private static final Duration DELETION = Duration.ofSeconds(120);

    private WorkerConnectors() {
    }

    /** The connector's status as the REST API reports it, for failure messages. */
    public static String status(ConnectCluster cluster, String name) {
        try {
            return cluster.rest().status(name).toString();
        } catch (ConnectRestException e) {
            return e.getMessage();
        }
    }

    /** Deletes the connector and waits until the worker no longer knows it, so the next shot starts clean. */
    public static void delete(ConnectCluster cluster, String name) {
        cluster.rest().deleteConnector(name);
        Await.until("connector " + name + " deleted", DELETION, () -> {
            try {
                cluster.rest().status(name);
                return null;
            } catch (ConnectRestException e) {
                return e.status() == 404 ? Boolean.TRUE : null;
            }
        }, () -> status(cluster, name));
    }
}
