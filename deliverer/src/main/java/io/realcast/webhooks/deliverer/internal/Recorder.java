package io.realcast.webhooks.deliverer.internal;

import io.realcast.webhooks.deliverer.Decision;
import io.realcast.webhooks.deliverer.RetryPolicy;
import io.realcast.webhooks.delivery.Attempt;
import io.realcast.webhooks.delivery.AttemptLog;
import io.realcast.webhooks.delivery.DeadLetter;
import io.realcast.webhooks.delivery.DeadReason;
import io.realcast.webhooks.delivery.DeliveryState;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.topic.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the outcome of an attempt durable: the attempt log plus the retry or dead-letter record. The
 * returned stage completes only when the broker has acknowledged every record (acks=all), which is what
 * lets the poll loop commit the source offset. A failed send is tried again, never dropped.
 */
public final class Recorder {
  private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
  private static final Duration RESEND_BACKOFF = Duration.ofSeconds(1);

  private final Producer<String, byte[]> producer;
  private final Topics topics;
  private final RetryPolicy policy;
  private volatile boolean closed;

  public Recorder(Producer<String, byte[]> producer, Topics topics, RetryPolicy policy) {
    this.producer = producer;
    this.topics = topics;
    this.policy = policy;
  }

  /** Records attempt {@code attempt} of {@code delivery} and what follows it. */
  public CompletionStage<Void> record(Delivery delivery, Attempt attempt, Decision decision, Instant now) {
    String key = delivery.webhookId().value();
    if (decision instanceof Decision.Retry retry) {
      Delivery next = delivery.after(attempt, retry.dueAt());
      String topic = topics.retry(policy.parkingTier(Duration.between(now, retry.dueAt())));
      return both(send(topics.attempts(), key, DeliveryCodec.encode(AttemptLog.of(delivery, attempt, DeliveryState.RETRYING, retry.dueAt()))),
          send(topic, key, DeliveryCodec.encode(next)));
    }
    if (decision instanceof Decision.Dead dead) {
      DeadLetter letter = new DeadLetter(delivery.after(attempt, null), dead.reason(), dead.detail(), now);
      return both(send(topics.attempts(), key, DeliveryCodec.encode(AttemptLog.of(delivery, attempt, DeliveryState.DEAD, null))),
          send(topics.dead(), key, DeliveryCodec.encode(letter)));
    }
    return send(topics.attempts(), key, DeliveryCodec.encode(AttemptLog.of(delivery, attempt, DeliveryState.DELIVERED, null)));
  }

  /** Dead-letters a delivery that was not attempted (its webhook is deleted, disabled or gone). */
  public CompletionStage<Void> deadWithoutAttempt(Delivery delivery, DeadReason reason, String detail, Instant now) {
    return send(topics.dead(), delivery.webhookId().value(), DeliveryCodec.encode(new DeadLetter(delivery, reason, detail, now)));
  }

  /** Writes {@code delivery} (unchanged but for its due time) to {@code topic}: deferral and re-parking. */
  public CompletionStage<Void> forward(Delivery delivery, Instant dueAt, String topic) {
    Delivery moved = new Delivery(delivery.id(), delivery.webhookId(), delivery.appId(), delivery.event(), delivery.eventId(),
        delivery.eventTime(), delivery.createdAt(), delivery.body(), delivery.attempts(), dueAt);
    return send(topic, delivery.webhookId().value(), DeliveryCodec.encode(moved));
  }

  public String retryTopic(Duration delay) {
    return topics.retry(delay);
  }

  public void close() {
    closed = true;
  }

  private CompletionStage<Void> send(String topic, String key, byte[] value) {
    CompletableFuture<Void> acked = new CompletableFuture<>();
    sendUntilAcked(new ProducerRecord<>(topic, key, value), acked);
    return acked;
  }

  private void sendUntilAcked(ProducerRecord<String, byte[]> record, CompletableFuture<Void> acked) {
    try {
      producer.send(record, (metadata, error) -> {
        if (error == null) {
          acked.complete(null);
        } else {
          resend(record, acked, error);
        }
      });
    } catch (RuntimeException e) {
      resend(record, acked, e);
    }
  }

  private void resend(ProducerRecord<String, byte[]> record, CompletableFuture<Void> acked, Throwable error) {
    if (closed) {
      acked.completeExceptionally(new ClosedException(error));
      return;
    }
    // The producer already retried within delivery.timeout.ms; keep trying: the offset stays uncommitted meanwhile.
    LOG.error("Could not write to {}; trying again in {}: {}", record.topic(), RESEND_BACKOFF, error.toString());
    CompletableFuture.delayedExecutor(RESEND_BACKOFF.toMillis(), TimeUnit.MILLISECONDS)
        .execute(() -> sendUntilAcked(record, acked));
  }

  /** Stopping: the outcome was not recorded, so the offset stays uncommitted and the next owner retries it. */
  public static final class ClosedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClosedException(Throwable cause) {
      super("recorder closed", cause);
    }
  }

  private static CompletionStage<Void> both(CompletionStage<Void> a, CompletionStage<Void> b) {
    return a.thenCombine(b, (x, y) -> null);
  }
}
