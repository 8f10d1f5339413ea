package io.realcast.webhooks.delivery;

import io.realcast.webhooks.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * A delivery sent again (redelivery, recovery, replay, {@code realcast dlq}): its original id and body, attempts
 * counted from 1, written to realcast.deliveries under its webhook id like the router's own records. A replay
 * marks each record with its replay id, so the history can tell which request queued it.
 */
public final class Requeue {
  /** Header carrying the id of the replay request that queued the record (absent for single redeliveries). */
  public static final String REPLAY_HEADER = "realcast.replay-id";

  private Requeue() {}

  public static ProducerRecord<String, byte[]> record(Topics topics, Delivery original, Optional<String> replayId) {
    Delivery again = original.restarted();
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(topics.deliveries(), again.webhookId().value(), DeliveryCodec.encode(again));
    replayId.ifPresent(id -> record.headers().add(REPLAY_HEADER, id.getBytes(StandardCharsets.UTF_8)));
    return record;
  }

  /** The replay id a record carries, if a replay queued it. */
  public static Optional<String> replayId(Headers headers) {
    Header h = headers == null ? null : headers.lastHeader(REPLAY_HEADER);
    return h == null || h.value() == null ? Optional.empty() : Optional.of(new String(h.value(), StandardCharsets.UTF_8));
  }
}
