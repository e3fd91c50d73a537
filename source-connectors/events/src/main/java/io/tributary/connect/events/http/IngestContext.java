package io.tributary.connect.events.http;

import io.tributary.connect.events.config.BadEventSettings;
import io.tributary.connect.events.config.StreamSettings;
import io.tributary.connect.events.ingest.IngestQueue;
import io.tributary.connect.events.ingest.RequestReader;
import io.tributary.connect.events.metrics.EventsMetrics;
import java.util.function.LongSupplier;

/**
 * What every request of one task shares: its streams, authentication, queue and limits.
 *
 * @param deadLetterTopic null when invalid events are not written anywhere
 * @param clock epoch milliseconds, for event times and signature windows
 */
record IngestContext(StreamSettings streams, RequestAuth auth, RequestReader reader, IngestQueue queue,
        BadEventSettings.Policy policy, String deadLetterTopic, int maxBytes, long timeoutMs,
        EventsMetrics metrics, LongSupplier clock) {
}
