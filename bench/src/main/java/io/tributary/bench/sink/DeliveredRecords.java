package io.tributary.bench.sink;

/** Records of one topic handed to {@link CountingSinkConnector}'s tasks. */
final class DeliveredRecords implements Landing {

    private final String topic;

    DeliveredRecords(String topic) {
        this.topic = topic;
    }

    @Override
    public long count() {
        return CountingSinkConnector.delivered(topic);
    }

    @Override
    public String describe() {
        return "handed to put()";
    }

    @Override
    public void check() {
    }

    @Override
    public String toString() {
        return "of " + topic + " delivered to the counting sink";
    }
}
