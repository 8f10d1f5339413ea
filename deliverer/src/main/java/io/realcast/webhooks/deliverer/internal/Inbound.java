package io.realcast.webhooks.deliverer.internal;

import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.delivery.DeliveryCodec;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** One record read from a deliveries or retry topic, decoded on the poll thread: a delivery, or bytes nobody can read. */
public sealed interface Inbound {
  long offset();

  /** The record's timestamp: when it was written to its topic. */
  Instant writtenAt();

  record Readable(long offset, Instant writtenAt, Delivery delivery) implements Inbound {}

  /** Kept byte for byte so it can be dead-lettered and read again by a newer version. */
  record Unreadable(long offset, Instant writtenAt, String key, byte[] value, String problem) implements Inbound {}

  static Inbound of(ConsumerRecord<String, byte[]> record) {
    Instant writtenAt = Instant.ofEpochMilli(record.timestamp());
    if (record.value() == null) {
      return new Unreadable(record.offset(), writtenAt, record.key(), new byte[0], "the record has no value");
    }
    try {
      return new Readable(record.offset(), writtenAt, DeliveryCodec.decodeDelivery(record.value()));
    } catch (RuntimeException e) {
      return new Unreadable(record.offset(), writtenAt, record.key(), record.value(), String.valueOf(e.getMessage()));
    }
  }
}
