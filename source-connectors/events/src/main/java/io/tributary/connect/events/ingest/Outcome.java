package io.tributary.connect.events.ingest;

/** How a request that was admitted to the queue ended. */
public sealed interface Outcome {

    /**
     * Every record of the request was settled by the worker.
     *
     * @param dropped records the worker settled without writing them: filtered by a transform, or skipped
     *     under {@code errors.tolerance=all}
     */
    record Durable(int dropped) implements Outcome {
    }

    /**
     * The request ended before all its records were acknowledged.
     *
     * @param partial whether some of its records had been handed to the worker, and so may be in Kafka
     */
    record Unfinished(Reason reason, boolean partial) implements Outcome {
    }

    /** Why a request ended unfinished. */
    enum Reason {
        /** Its events waited longer than {@code request.timeout.ms}. */
        TIMED_OUT,
        /** The task stopped (rebalance, restart, failure). */
        STOPPING
    }
}
