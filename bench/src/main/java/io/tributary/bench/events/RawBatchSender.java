package io.tributary.bench.events;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The ceiling: a bare {@link KafkaProducer} in the benchmark JVM sending each batch's events as records, with
 * the settings a Connect worker gives its source tasks' producers (Kafka 4.3's {@code Worker}): {@code acks=all},
 * one request in flight per connection, no idempotence, no delivery timeout, and the client's defaults for the
 * rest ({@code linger.ms=5}, {@code batch.size=16384}, no compression). No HTTP, no JSON parsing, no Connect.
 */
final class RawBatchSender implements BatchSender, AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;
    private final ClickBatches batches;

    RawBatchSender(String bootstrapServers, String topic, ClickBatches batches) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.MAX_VALUE),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topic;
        this.batches = batches;
    }

    @Override
    public CompletableFuture<Void> send(int batch) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        AtomicInteger unacknowledged = new AtomicInteger(ClickBatches.SIZE);
        for (int event = batch * ClickBatches.SIZE; event < (batch + 1) * ClickBatches.SIZE; event++) {
            producer.send(new ProducerRecord<>(topic, batches.key(event), batches.value(event)), (metadata, e) -> {
                if (e != null) {
                    acknowledged.completeExceptionally(e);
                } else if (unacknowledged.decrementAndGet() == 0) {
                    acknowledged.complete(null);
                }
            });
        }
        return acknowledged;
    }

    @Override
    public void close() {
        producer.close();
    }
}
