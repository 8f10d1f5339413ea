package io.realcast.webhooks.deliverer.internal;

import io.realcast.webhooks.deliverer.StreamGate;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.kafka.CompactedTopicView;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * The gates of the ordered streams whose webhooks live on one partition of {@code realcast.deliveries}, as its previous
 * owners left them: read once this instance's view of {@code realcast.deliveries.gates} holds everything written to it
 * so far, the previous owner's last writes included (they were acknowledged before it committed and let go of the
 * partition). Called on the poll thread when a partition is assigned, before any of its records is placed.
 */
public final class GateSnapshots {
  private final CompactedTopicView<StreamGate> view;
  private final String gatesTopic;
  private final Duration timeout;

  public GateSnapshots(CompactedTopicView<StreamGate> view, String gatesTopic, Duration timeout) {
    this.view = view;
    this.gatesTopic = gatesTopic;
    this.timeout = timeout;
  }

  /** The open gates of {@code deliveries}' webhooks; {@code consumer} is the caller's (only used for metadata). */
  public List<StreamGate> forPartition(Consumer<String, byte[]> consumer, TopicPartition deliveries) {
    if (view == null) {
      return List.of();
    }
    TopicPartition gates = new TopicPartition(gatesTopic, 0);
    long end = consumer.endOffsets(List.of(gates), timeout).getOrDefault(gates, 0L);
    try {
      if (end > 0) {
        view.awaitOffset(gates.partition(), end - 1, timeout);
      }
    } catch (TimeoutException e) {
      // Placing records without the gates could let an ordered stream's later delivery overtake a waiting one.
      throw new IllegalStateException("the view of " + gatesTopic + " did not reach offset " + end + " within " + timeout, e);
    }
    int partitions = consumer.partitionsFor(deliveries.topic(), timeout).size();
    return view.values().stream().filter(g -> partitionOf(g.webhookId(), partitions) == deliveries.partition()).toList();
  }

  /** The partition Kafka's default partitioner gives a record keyed by the webhook id (as every writer keys them). */
  static int partitionOf(WebhookId webhook, int partitions) {
    return Utils.toPositive(Utils.murmur2(webhook.value().getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  /** For tests of the poll loop alone: no gates. */
  public static GateSnapshots none() {
    return new GateSnapshots(null, "", Duration.ZERO);
  }
}
