package io.realcast.webhooks.api.manage;

import io.realcast.webhooks.api.history.DeliveryEntry;
import io.realcast.webhooks.api.history.History;
import io.realcast.webhooks.api.history.HistoryUnavailableException;
import io.realcast.webhooks.api.store.KafkaWriter;
import io.realcast.webhooks.api.store.StoreUnavailableException;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.WebhookId;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes deliveries to realcast.deliveries for the deliverer, and returns once the history shows the last of them,
 * so the next read (on any api instance) sees the write. Every record of one webhook goes to one partition, in
 * order, so seeing the last one means seeing them all.
 */
final class Queue {
  private static final Duration POLL = Duration.ofMillis(20);

  private final KafkaWriter writer;
  private final History history;

  Queue(KafkaWriter writer, History history) {
    this.writer = writer;
    this.history = history;
  }

  /** Writes the records (all of {@code webhook}) and waits until the history has applied the last one. */
  List<RecordMetadata> write(WebhookId webhook, DeliveryId last, List<ProducerRecord<String, byte[]>> records) {
    if (!history.isReady()) {
      // Refuse before writing: a write the history could not confirm would answer 503 after it was queued.
      throw new HistoryUnavailableException("the delivery history is still loading; try again shortly");
    }
    List<RecordMetadata> written = writer.writeAll(records);
    if (!written.isEmpty()) {
      await(webhook, last, written.get(written.size() - 1));
    }
    return written;
  }

  private void await(WebhookId webhook, DeliveryId id, RecordMetadata written) {
    long deadline = System.nanoTime() + writer.timeout().toNanos();
    while (true) {
      Optional<DeliveryEntry> e = findQuietly(id, webhook);
      if (e.isPresent() && e.get().sources().delivery() != null && e.get().sources().delivery().partition() == written.partition()
          && e.get().sources().delivery().offset() >= written.offset()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new StoreUnavailableException("the delivery history did not catch up with its own write", null);
      }
      try {
        Thread.sleep(POLL.toMillis()); // polling the store for our own record, bounded by the deadline above
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new StoreUnavailableException("interrupted while waiting for the delivery history", ex);
      }
    }
  }

  private Optional<DeliveryEntry> findQuietly(DeliveryId id, WebhookId webhook) {
    try {
      return history.find(id, Optional.of(webhook));
    } catch (HistoryUnavailableException e) {
      return Optional.empty(); // a rebalance in the middle: ask again until the deadline
    }
  }
}
