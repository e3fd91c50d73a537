package io.tributary.bench.sink;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Produces the benchmark's records: the bulk as fast as the broker takes it, a probe one at a time. */
final class ClickProducer implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;

    ClickProducer(String bootstrapServers) {
        // Large batches and no compression: the producer should cost the two cores as little as it can, since
        // the sink under test shares them.
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "none"),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Sends value {@code i} to partition {@code i % partitions}, and returns once all are acknowledged. */
    void sendAll(String topic, byte[][] values, int partitions) {
        for (int i = 0; i < values.length; i++) {
            producer.send(new ProducerRecord<>(topic, i % partitions, null, values[i]));
        }
        producer.flush();
    }

    /** Sends one record and waits for its acknowledgement. */
    void sendOne(String topic, int partition, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, partition, null, value)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while producing to " + topic, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not produce to " + topic, e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
