package io.tributary.bench.events;

import java.util.concurrent.CompletableFuture;

/** One way of getting a batch of clicks into Kafka: the events source over HTTP, or a raw producer. */
interface BatchSender {

    /**
     * Sends batch {@code batch} of the run's {@link ClickBatches}.
     *
     * @return completes once Kafka has acknowledged every event of the batch, or exceptionally saying what the
     *     system under test answered instead
     */
    CompletableFuture<Void> send(int batch);
}
