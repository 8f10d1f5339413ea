package io.realcast.webhooks.api.manage;

import io.realcast.webhooks.api.ApiProblem;
import io.realcast.webhooks.api.history.DeliveryEntry;
import io.realcast.webhooks.api.history.History;
import io.realcast.webhooks.api.store.App;
import io.realcast.webhooks.api.store.KafkaWriter;
import io.realcast.webhooks.api.store.RecordFetcher;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.delivery.Requeue;
import io.realcast.webhooks.event.SampleEvents;
import io.realcast.webhooks.event.WebhookEvent;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.topic.Topics;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Test events and single redeliveries: each writes a delivery to realcast.deliveries (key: webhook id) for the
 * deliverer to sign and send as usual, and returns once the history shows it.
 */
public final class Deliveries {
  private final Topics topics;
  private final Queue queue;
  private final History history;
  private final Originals originals;
  private final Clock clock;
  private final Predicate<WebhookId> webhookExists;

  public Deliveries(Topics topics, KafkaWriter writer, History history, RecordFetcher fetcher, Clock clock,
      Predicate<WebhookId> webhookExists) {
    this.topics = topics;
    this.queue = new Queue(writer, history);
    this.history = history;
    this.originals = new Originals(topics, fetcher);
    this.clock = clock;
    this.webhookExists = webhookExists;
  }

  /** Queues the guide's example of {@code type} for this one webhook. */
  public Delivery sendTest(Subscription webhook, WebhookEventType type) {
    requireEnabled(webhook);
    WebhookEvent event = SampleEvents.sample(type, clock);
    Delivery d = Delivery.first(webhook.id(), webhook.appId(), type, event.id(), event.timestamp(), clock.instant(), event.body());
    queue.write(webhook.id(), d.id(),
        List.of(new ProducerRecord<>(topics.deliveries(), d.webhookId().value(), DeliveryCodec.encode(d))));
    return d;
  }

  /** Sends one delivery of {@code app} again, from its dead letter or its original record; 404 if unknown. */
  public DeliveryEntry redeliver(App app, String deliveryParam) {
    DeliveryId id;
    try {
      id = DeliveryId.of(deliveryParam);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.notFound("delivery");
    }
    DeliveryEntry entry = history.find(id, Optional.empty()).filter(e -> e.appId().equals(app.id()))
        .orElseThrow(() -> ApiProblem.notFound("delivery"));
    if (!webhookExists.test(entry.webhookId())) {
      // Its webhook was deleted: the deliverer would only dead-letter it again.
      throw ApiProblem.notFound("webhook of this delivery");
    }
    Delivery original = originals.read(List.of(entry)).get(id);
    if (original == null) {
      throw expired(id);
    }
    queue.write(entry.webhookId(), id, List.of(Requeue.record(topics, original, Optional.empty())));
    return history.find(id, Optional.of(entry.webhookId())).orElse(entry);
  }

  static void requireEnabled(Subscription webhook) {
    if (!webhook.enabled()) {
      throw new ApiProblem(409, "webhook_disabled", "the webhook is disabled; enable it first", null);
    }
  }

  static ApiProblem expired(DeliveryId id) {
    return new ApiProblem(410, "delivery_expired",
        "the body of delivery " + id + " is no longer retained in Kafka and cannot be sent again", null);
  }
}
