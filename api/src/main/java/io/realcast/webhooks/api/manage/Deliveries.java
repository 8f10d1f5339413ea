package io.realcast.webhooks.api.manage;

import io.realcast.webhooks.api.ApiProblem;
import io.realcast.webhooks.api.log.DeliveryLog;
import io.realcast.webhooks.api.log.DeliveryStatus;
import io.realcast.webhooks.api.log.DeliverySummary;
import io.realcast.webhooks.api.log.LogTail;
import io.realcast.webhooks.api.log.RecordFetcher;
import io.realcast.webhooks.api.log.RecordRef;
import io.realcast.webhooks.api.store.App;
import io.realcast.webhooks.api.store.KafkaWriter;
import io.realcast.webhooks.api.store.StoreUnavailableException;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.event.SampleEvents;
import io.realcast.webhooks.event.WebhookEvent;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.topic.Topics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Test events, redelivery and recovery: each writes a delivery to realcast.deliveries (key: webhook id) for
 * the deliverer to sign and send as usual, and returns once the delivery log shows it.
 */
public final class Deliveries {
  private final Topics topics;
  private final KafkaWriter writer;
  private final DeliveryLog log;
  private final LogTail tail;
  private final RecordFetcher fetcher;
  private final Clock clock;
  private final Predicate<WebhookId> webhookExists;

  public Deliveries(Topics topics, KafkaWriter writer, DeliveryLog log, LogTail tail, RecordFetcher fetcher, Clock clock,
      Predicate<WebhookId> webhookExists) {
    this.topics = topics;
    this.writer = writer;
    this.log = log;
    this.tail = tail;
    this.fetcher = fetcher;
    this.clock = clock;
    this.webhookExists = webhookExists;
  }

  /** Queues the guide's example of {@code type} for this one webhook. */
  public Delivery sendTest(Subscription webhook, WebhookEventType type) {
    if (!webhook.enabled()) {
      throw new ApiProblem(409, "webhook_disabled", "the webhook is disabled; enable it to send a test event", null);
    }
    WebhookEvent event = SampleEvents.sample(type, clock);
    Delivery d = Delivery.first(webhook.id(), webhook.appId(), type, event.id(), event.timestamp(), clock.instant(), event.body());
    write(d);
    return d;
  }

  public List<DeliverySummary> list(Subscription webhook, Optional<DeliveryStatus> status, int limit) {
    return log.deliveries(webhook.id(), status, limit);
  }

  /** Sends one delivery of {@code app} again, from its dead letter or its original record; 404 if unknown. */
  public DeliverySummary redeliver(App app, String deliveryParam) {
    DeliveryId id;
    try {
      id = DeliveryId.of(deliveryParam);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.notFound("delivery");
    }
    DeliverySummary summary = log.find(id).filter(s -> s.appId().equals(app.id()))
        .orElseThrow(() -> ApiProblem.notFound("delivery"));
    if (!webhookExists.test(summary.webhookId())) {
      // Its webhook was deleted: the deliverer would only dead-letter it again.
      throw ApiProblem.notFound("webhook of this delivery");
    }
    write(original(summary).restarted());
    return log.find(id).orElse(summary);
  }

  /** Requeues every dead delivery of {@code webhook} given up on since {@code since}; returns their ids. */
  public List<DeliveryId> recover(Subscription webhook, Instant since) {
    List<DeliveryId> requeued = new ArrayList<>();
    for (DeliverySummary dead : log.deadSince(webhook.id(), since)) {
      write(original(dead).restarted());
      requeued.add(dead.id());
    }
    return requeued;
  }

  private Delivery original(DeliverySummary summary) {
    RecordRef ref = summary.source().orElseThrow(() -> gone(summary));
    byte[] value = fetcher.fetch(ref).orElseThrow(() -> gone(summary));
    return ref.topic().equals(topics.dead()) ? DeliveryCodec.decodeDeadLetter(value).delivery() : DeliveryCodec.decodeDelivery(value);
  }

  private static ApiProblem gone(DeliverySummary summary) {
    return new ApiProblem(410, "delivery_expired",
        "the body of delivery " + summary.id() + " is no longer retained in Kafka and cannot be sent again", null);
  }

  private void write(Delivery d) {
    RecordMetadata written = writer.write(topics.deliveries(), d.webhookId().value(), DeliveryCodec.encode(d));
    try {
      tail.awaitOffset(written.topic(), written.partition(), written.offset(), writer.timeout());
    } catch (TimeoutException e) {
      throw new StoreUnavailableException("the delivery log did not catch up with its own write", e);
    }
  }
}
