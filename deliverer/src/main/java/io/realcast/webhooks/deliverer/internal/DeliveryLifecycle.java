package io.realcast.webhooks.deliverer.internal;

import io.realcast.webhooks.BuildInfo;
import io.realcast.webhooks.deliverer.Classifier;
import io.realcast.webhooks.deliverer.Decision;
import io.realcast.webhooks.deliverer.DelivererMetrics;
import io.realcast.webhooks.deliverer.Outcome;
import io.realcast.webhooks.deliverer.RetryPolicy;
import io.realcast.webhooks.deliverer.SendResult;
import io.realcast.webhooks.delivery.Attempt;
import io.realcast.webhooks.delivery.DeadReason;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.signing.SignedHeaders;
import io.realcast.webhooks.subscription.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One delivery, start to durable end: prepare (look up the subscription) → send (signed POST) →
 * classify → decide → record. The stage completes when the outcome is acknowledged by Kafka.
 */
public final class DeliveryLifecycle {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveryLifecycle.class);

  /** How long a delivery for a webhook the view has never seen waits for the view to catch up. */
  static final Duration UNKNOWN_WEBHOOK_GRACE = Duration.ofMinutes(5);

  private final Function<WebhookId, Optional<Subscription>> subscriptions;
  private final java.util.function.Predicate<WebhookId> deleted;
  private final GoneWebhooks gone;
  private final HttpSender sender;
  private final RetryPolicy policy;
  private final Recorder recorder;
  private final DelivererMetrics metrics;
  private final Clock clock;

  /**
   * @param deleted whether the view has seen the webhook's tombstone (as opposed to not seeing it yet)
   */
  public DeliveryLifecycle(Function<WebhookId, Optional<Subscription>> subscriptions,
      java.util.function.Predicate<WebhookId> deleted, GoneWebhooks gone, HttpSender sender, RetryPolicy policy,
      Recorder recorder, DelivererMetrics metrics, Clock clock) {
    this.subscriptions = subscriptions;
    this.deleted = deleted;
    this.gone = gone;
    this.sender = sender;
    this.policy = policy;
    this.recorder = recorder;
    this.metrics = metrics;
    this.clock = clock;
  }

  public CompletionStage<Void> run(Delivery delivery) {
    Optional<Subscription> found = subscriptions.apply(delivery.webhookId());
    if (found.isEmpty() && mayBeLagging(delivery)) {
      // The router knew this webhook before our view of realcast.webhooks did: wait, do not dead-letter.
      Duration wait = policy.deferral(null);
      LOG.debug("Webhook {} not in the view yet; {} waits {}", delivery.webhookId(), delivery.id(), wait);
      metrics.deferred();
      Instant now = clock.instant();
      return recorder.forward(delivery, now.plus(wait), recorder.retryTopic(wait));
    }
    Optional<Decision.Dead> undeliverable = prepare(found);
    if (undeliverable.isPresent()) {
      Decision.Dead dead = undeliverable.get();
      LOG.debug("Not sending {} to {}: {}", delivery.id(), delivery.webhookId(), dead.reason());
      metrics.dead(dead.reason().code());
      return recorder.deadWithoutAttempt(delivery, dead.reason(), dead.detail(), clock.instant());
    }
    Subscription subscription = found.get();
    Instant started = clock.instant();
    return sender.send(subscription.url(), headers(delivery, subscription, started), delivery.body())
        .thenCompose(result -> conclude(delivery, started, result));
  }

  private boolean mayBeLagging(Delivery delivery) {
    return !deleted.test(delivery.webhookId()) && !policy.schedule().delays().isEmpty()
        && Duration.between(delivery.createdAt(), clock.instant()).compareTo(UNKNOWN_WEBHOOK_GRACE) < 0;
  }

  /** Why the delivery cannot be sent at all, if so. */
  Optional<Decision.Dead> prepare(Optional<Subscription> subscription) {
    if (subscription.isEmpty()) {
      return Optional.of(new Decision.Dead(DeadReason.WEBHOOK_DELETED, "the webhook was deleted"));
    }
    Subscription s = subscription.get();
    if (!s.enabled()) {
      return Optional.of(new Decision.Dead(DeadReason.WEBHOOK_DISABLED,
          s.disabledReason() == null ? "the webhook is disabled" : "the webhook is disabled: " + s.disabledReason()));
    }
    if (gone.isGone(s)) {
      return Optional.of(new Decision.Dead(DeadReason.GONE, "the endpoint answered 410 Gone to an earlier delivery"));
    }
    return Optional.empty();
  }

  private CompletionStage<Void> conclude(Delivery delivery, Instant started, SendResult result) {
    Instant now = clock.instant();
    Outcome outcome = Classifier.classify(result, now);
    int number = delivery.nextAttemptNumber();
    Decision decision = policy.decide(number, outcome, now);
    Attempt attempt = new Attempt(number, started, result.latency().toMillis(), outcome.status(), outcome.error(), outcome.result());
    observe(delivery, outcome, decision, result.latency(), now);
    return recorder.record(delivery, attempt, decision, now);
  }

  private void observe(Delivery delivery, Outcome outcome, Decision decision, Duration latency, Instant now) {
    String event = delivery.event().wireName();
    metrics.attempt(event, outcome.code());
    metrics.httpDuration(outcome.result().code(), latency);
    if (outcome instanceof Outcome.Delivered) {
      metrics.endToEnd(event, Duration.between(delivery.eventTime(), now));
    } else if (outcome instanceof Outcome.Gone && gone.mark(delivery.webhookId(), now)) {
      metrics.disabled(DeadReason.GONE.code());
      LOG.info("Webhook {} answered 410 Gone: no further sends from this instance until it changes", delivery.webhookId());
    }
    if (decision instanceof Decision.Retry retry) {
      metrics.retry(io.realcast.webhooks.topic.RetrySchedule.label(retry.tier()));
    } else if (decision instanceof Decision.Dead dead) {
      metrics.dead(dead.reason().code());
    }
    if (LOG.isDebugEnabled()) {
      MDC.put("delivery_id", delivery.id().value());
      MDC.put("webhook_id", delivery.webhookId().value());
      LOG.debug("Attempt {} of {}: {} -> {}", delivery.nextAttemptNumber(), delivery.id(), outcome.code(), decision);
      MDC.clear();
    }
  }

  /** SPEC §3, in order; signatures from common's {@link SignedHeaders}. */
  static Map<String, String> headers(Delivery delivery, Subscription subscription, Instant now) {
    Map<String, String> h = new LinkedHashMap<>(12);
    h.put("Content-Type", "application/json");
    h.put("User-Agent", BuildInfo.userAgent());
    h.put("X-RealCast-Event", delivery.event().wireName());
    h.put("X-RealCast-Webhook-Id", delivery.id().value());
    h.put("X-RealCast-Delivery-Attempt", Integer.toString(delivery.nextAttemptNumber()));
    h.putAll(SignedHeaders.sign(subscription.secret(), subscription.previousSecretAt(now), delivery.id().value(),
        now.getEpochSecond(), delivery.body()));
    return h;
  }
}
