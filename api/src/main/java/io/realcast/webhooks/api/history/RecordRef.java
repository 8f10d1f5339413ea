package io.realcast.webhooks.api.history;

/** Where a record sits in Kafka: the history keeps these instead of bodies and reads a body back when it is needed. */
public record RecordRef(String topic, int partition, long offset) {}
