package io.tributary.bench.events;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Tributary's events source end to end — NDJSON batches of 100 clicks posted over HTTP to one task, each
 * answered once Kafka acknowledged all its events — beside a bare {@code KafkaProducer} in this JVM sending the
 * same events with a Connect worker's producer settings (the ceiling). The source runs twice: writing schemaless
 * maps through {@code JsonConverter} (the default), and writing each event's JSON as sent
 * ({@code record.value.format=json}, {@code ByteArrayConverter}).
 *
 * <p>Each fork runs one system at one {@code rate} on its own embedded broker and worker. Every iteration is
 * one shot: at {@code rate=max}, {@link IngestRun#CLIENTS} clients each send their next batch when the last one
 * was acknowledged; at a number, batches are due at that many events per second and sent when due (open
 * loop). A batch's ack latency runs from when it was sent (closed loop) or due (open loop) until the system
 * acknowledged all of it: the HTTP answer 200, or the producer's last callback. The results are aux counters,
 * {@code eventsPerSecond} (acknowledged) and {@code ackP50Millis}, {@code ackP99Millis}, {@code ackMaxMillis},
 * which bench/run shows as the rows of its table; JMH's own score is the shot's duration. A measured shot fails
 * on any answer but a full acknowledgement (a warm-up shot logs them); every shot fails when the topic did not
 * grow by the events acknowledged (plus at most those of unacknowledged batches, which may have landed).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dlog4j2.configurationFile=log4j2-bench.properties"})
@Warmup(iterations = 5)
@Measurement(iterations = 3)
public class EventsIngestBenchmark {

    /** What a shot reports besides its time. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class IngestResults {
        public double eventsPerSecond;
        public double ackP50Millis;
        public double ackP99Millis;
        public double ackMaxMillis;
    }

    @Benchmark
    public void tributary(EventsSource source, IngestResults results) {
        source.shoot(results);
    }

    @Benchmark
    public void tributaryJsonValues(EventsSourceJsonValues source, IngestResults results) {
        source.shoot(results);
    }

    @Benchmark
    public void ceilingRawProducer(RawProducer producer, IngestResults results) {
        producer.shoot(results);
    }

    /**
     * The events connector from the built zip, one task, writing schemaless maps through {@code JsonConverter}
     * (the default); its clients per {@code client}.
     */
    @State(Scope.Benchmark)
    public static class EventsSource extends IngestRun {
        private URI endpoint;
        private JettyBatchSender jetty;

        @Override
        String systemName() {
            return "tributary";
        }

        /** Whether the connector writes each event's JSON as sent ({@code record.value.format=json}). */
        boolean jsonValues() {
            return false;
        }

        @Override
        void prepare() {
            endpoint = stack.startEventsConnector(jsonValues());
            if ("jetty".equals(client)) {
                jetty = new JettyBatchSender(endpoint, batches);
            } else if (!"jdk".equals(client)) {
                throw new IllegalArgumentException("client must be jetty or jdk, not " + client);
            }
        }

        @Override
        BatchSender sender() {
            return jetty != null ? jetty : new HttpBatchSender(endpoint, batches);
        }

        @Override
        String state() {
            return "; connector status " + stack.status();
        }

        @Override
        void release() {
            // The worker stops the connector with the stack.
            if (jetty != null) {
                jetty.close();
            }
        }
    }

    /** The same, with {@code record.value.format=json} and {@code ByteArrayConverter}: no conversion in the worker. */
    @State(Scope.Benchmark)
    public static class EventsSourceJsonValues extends EventsSource {
        @Override
        String systemName() {
            return "tributary json values";
        }

        @Override
        boolean jsonValues() {
            return true;
        }
    }

    /** One producer for the whole trial, as a Connect task has. */
    @State(Scope.Benchmark)
    public static class RawProducer extends IngestRun {
        private RawBatchSender sender;

        @Override
        String systemName() {
            return "raw producer";
        }

        @Override
        void prepare() {
            sender = new RawBatchSender(stack.bootstrapServers(), IngestStack.TOPIC, batches);
        }

        @Override
        BatchSender sender() {
            return sender;
        }

        @Override
        String state() {
            return "";
        }

        @Override
        void release() {
            if (sender != null) {
                sender.close();
            }
        }
    }
}
