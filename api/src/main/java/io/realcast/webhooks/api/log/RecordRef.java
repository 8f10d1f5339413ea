package io.realcast.webhooks.api.log;

/** Where a record sits in Kafka: the log keeps these instead of bodies and reads a body back when it is needed. */
public record RecordRef(String topic, int partition, long offset) {}
