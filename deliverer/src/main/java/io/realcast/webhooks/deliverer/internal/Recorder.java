package io.realcast.webhooks.deliverer.internal;

import io.realcast.webhooks.deliverer.Placement;
import io.realcast.webhooks.deliverer.StreamGate;
import io.realcast.webhooks.delivery.Attempt;
import io.realcast.webhooks.delivery.AttemptLog;
import io.realcast.webhooks.delivery.DeadLetter;
import io.realcast.webhooks.delivery.DeadReason;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.delivery.DeliveryState;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.subscription.SubscriptionCodec;
import io.realcast.webhooks.subscription.WebhookHealth;
import io.realcast.webhooks.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what a placement says, and nothing else: the attempt log plus the retry record or dead letter after an
 * attempt; the deferred record; the dead letter of a delivery that was not sent; the bytes of a record nobody can read;
 * and what {@link FailingWebhooks} and {@link StreamGates} decide: a webhook's health, a disabled webhook and its
 * notices, an ordered stream's gate.
 * {@code durable} runs when the broker has acknowledged every record of the call (acks=all), which is what lets the
 * source offset be committed. A failed write is tried again, never dropped; one that can never succeed (not
 * authorized, too large) is counted as stuck, which makes the deliverer unhealthy until it goes through.
 */
public final class Recorder {
  private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
  private static final Duration RESEND_BACKOFF = Duration.ofSeconds(1);
  /** Headers of an unreadable record in the dead-letter topic: its value is the original bytes. */
  public static final String UNREADABLE_REASON_HEADER = "realcast.dead.reason";
  public static final String UNREADABLE_DETAIL_HEADER = "realcast.dead.detail";
  public static final String UNREADABLE_SOURCE_HEADER = "realcast.dead.source";

  private final Producer<String, byte[]> producer;
  private final Topics topics;
  private final AtomicInteger stuck = new AtomicInteger();
  private volatile boolean closed;

  public Recorder(Producer<String, byte[]> producer, Topics topics) {
    this.producer = producer;
    this.topics = topics;
  }

  /**
   * After an attempt: its log, and the retry record or the dead letter that {@code next} says. {@code heldBack}: for an
   * ordered webhook, the deliveries of the stream that waited behind a dead one.
   */
  public void attempted(Delivery delivery, Attempt attempt, Placement next, Instant now, List<DeadLetter.HeldBack> heldBack,
      Runnable durable) {
    String key = delivery.webhookId().value();
    if (next instanceof Placement.Superseded) {
      send(topics.attempts(), key, DeliveryCodec.encode(AttemptLog.of(delivery, attempt, DeliveryState.SUPERSEDED, null)), durable);
    } else if (next instanceof Placement.Retry retry) {
      Runnable both = both(durable);
      send(topics.attempts(), key, DeliveryCodec.encode(AttemptLog.of(delivery, attempt, DeliveryState.RETRYING, retry.dueAt())),
          both);
      send(topics.retry(retry.tier()), key, DeliveryCodec.encode(delivery.after(attempt, retry.dueAt())), both);
    } else if (next instanceof Placement.Dead dead) {
      Runnable both = both(durable);
      send(topics.attempts(), key, DeliveryCodec.encode(AttemptLog.of(delivery, attempt, DeliveryState.DEAD, null)), both);
      send(topics.dead(), key, DeliveryCodec.encode(new DeadLetter(delivery.after(attempt, null), dead.reason(), dead.detail(), now,
          heldBack)), both);
    } else {
      send(topics.attempts(), key, DeliveryCodec.encode(AttemptLog.of(delivery, attempt, DeliveryState.DELIVERED, null)), durable);
    }
  }

  /** A delivery that waits in a retry topic without an attempt; nothing about it changes but its due time. */
  public void deferred(Delivery delivery, Placement.Defer defer, Runnable durable) {
    send(topics.retry(defer.tier()), delivery.webhookId().value(), DeliveryCodec.encode(delivery.dueAt(defer.dueAt())), durable);
  }

  /** A viewer count that ends without an attempt: a newer one replaced it. */
  public void superseded(Delivery delivery, Runnable durable) {
    send(topics.attempts(), delivery.webhookId().value(),
        DeliveryCodec.encode(AttemptLog.of(delivery, null, DeliveryState.SUPERSEDED, null)), durable);
  }

  /** A delivery given up on without an attempt (its webhook is deleted, disabled or gone). */
  public void dead(Delivery delivery, Placement.Dead dead, Instant now, Runnable durable) {
    send(topics.dead(), delivery.webhookId().value(),
        DeliveryCodec.encode(new DeadLetter(delivery, dead.reason(), dead.detail(), now)), durable);
  }

  /** A delivery of an ordered webhook back to the deliveries topic, where the owner of its partition decides it. */
  public void returned(Delivery delivery, Runnable durable) {
    send(topics.deliveries(), delivery.webhookId().value(), DeliveryCodec.encode(delivery.dueAt(null)), durable);
  }

  /** An ordered stream's gate, or a tombstone once it closed (empty). */
  public void gate(String key, Optional<StreamGate> gate, Runnable durable) {
    send(topics.gates(), key, gate.map(StreamGate::encode).orElse(null), durable);
  }

  /** The health of a failing webhook, or a tombstone once it recovered (empty). */
  public void health(WebhookId webhook, Optional<WebhookHealth> health) {
    send(topics.webhookHealth(), webhook.value(), health.map(WebhookHealth::encode).orElse(null), () -> {});
  }

  /**
   * A webhook the platform disabled: first the {@code webhook.disabled} notices for its app's operational webhooks, then,
   * once they are durable, the disabled subscription. After a crash in between, the webhook is still enabled, fails again
   * and is disabled again, with notices of the same ids (receivers see one event).
   */
  public void disabled(Subscription disabled, List<Delivery> notices) {
    Runnable writeSubscription = () -> send(topics.webhooks(), disabled.id().value(), SubscriptionCodec.encode(disabled), () -> {});
    if (notices.isEmpty()) {
      writeSubscription.run();
      return;
    }
    AtomicInteger left = new AtomicInteger(notices.size());
    for (Delivery notice : notices) {
      send(topics.deliveries(), notice.webhookId().value(), DeliveryCodec.encode(notice), () -> {
        if (left.decrementAndGet() == 0) {
          writeSubscription.run();
        }
      });
    }
  }

  /** A record nobody can read: its bytes as they are, with why and where from in headers. */
  public void unreadable(PartitionLease source, Inbound.Unreadable record, Runnable durable) {
    ProducerRecord<String, byte[]> r = new ProducerRecord<>(topics.dead(), record.key(), record.value());
    r.headers().add(new RecordHeader(UNREADABLE_REASON_HEADER, DeadReason.UNREADABLE.code().getBytes(StandardCharsets.UTF_8)));
    r.headers().add(new RecordHeader(UNREADABLE_DETAIL_HEADER, record.problem().getBytes(StandardCharsets.UTF_8)));
    r.headers().add(new RecordHeader(UNREADABLE_SOURCE_HEADER,
        (source.partition() + "@" + record.offset()).getBytes(StandardCharsets.UTF_8)));
    sendUntilAcked(r, durable, false);
  }

  /** Writes that failed with an error no retry can fix and have not gone through since. */
  public int stuck() {
    return stuck.get();
  }

  public void close() {
    closed = true;
  }

  private void send(String topic, String key, byte[] value, Runnable durable) {
    sendUntilAcked(new ProducerRecord<>(topic, key, value), durable, false);
  }

  private void sendUntilAcked(ProducerRecord<String, byte[]> record, Runnable durable, boolean wasStuck) {
    try {
      producer.send(record, (metadata, error) -> {
        if (error == null) {
          if (wasStuck) {
            stuck.decrementAndGet();
          }
          durable.run();
        } else {
          resend(record, durable, wasStuck, error);
        }
      });
    } catch (RuntimeException e) {
      resend(record, durable, wasStuck, e);
    }
  }

  private void resend(ProducerRecord<String, byte[]> record, Runnable durable, boolean wasStuck, Throwable error) {
    if (closed) {
      // Stopping: the outcome is not recorded, so the offset stays uncommitted and the next owner delivers it again.
      if (wasStuck) {
        stuck.decrementAndGet();
      }
      return;
    }
    boolean fatal = !(error instanceof RetriableException) && !(error instanceof org.apache.kafka.common.errors.TimeoutException);
    boolean nowStuck = wasStuck || fatal;
    if (fatal && !wasStuck) {
      stuck.incrementAndGet();
      LOG.error("Writing to {} fails with an error no retry can fix ({}); the deliverer reports unhealthy and keeps the "
          + "source offset uncommitted until it goes through", record.topic(), error.toString());
    } else {
      // The producer already retried within delivery.timeout.ms; keep trying: the offset stays uncommitted meanwhile.
      LOG.warn("Could not write to {}; trying again in {}: {}", record.topic(), RESEND_BACKOFF, error.toString());
    }
    CompletableFuture.delayedExecutor(RESEND_BACKOFF.toMillis(), TimeUnit.MILLISECONDS)
        .execute(() -> sendUntilAcked(record, durable, nowStuck));
  }

  /** A callback that runs {@code durable} once both of two writes are acknowledged. */
  static Runnable both(Runnable durable) {
    AtomicInteger left = new AtomicInteger(2);
    return () -> {
      if (left.decrementAndGet() == 0) {
        durable.run();
      }
    };
  }
}
