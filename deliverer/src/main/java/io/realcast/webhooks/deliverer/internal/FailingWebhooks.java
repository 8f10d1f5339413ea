package io.realcast.webhooks.deliverer.internal;

import io.realcast.webhooks.deliverer.DelivererMetrics;
import io.realcast.webhooks.deliverer.DisableRule;
import io.realcast.webhooks.deliverer.Outcome;
import io.realcast.webhooks.deliverer.Situation;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.event.WebhookDisabledPayload;
import io.realcast.webhooks.event.WebhookDisabledPayload.Reason;
import io.realcast.webhooks.event.WebhookEvent;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.subscription.WebhookHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the health of the webhooks whose attempts fail, and disables one when the {@link DisableRule} says so: it writes
 * the disabled subscription to {@code realcast.webhooks} itself (no API instance needs to run) and tells the app through
 * its operational webhooks. Owned by the dispatcher's context.
 *
 * <p>Health is kept in memory and written to {@code realcast.webhooks.health} at most every {@link #FLUSH_EVERY} per
 * webhook (a crash loses at most that much of the count), so that a restart or a rebalance does not restart the clock;
 * other instances' records arrive through the same topic (the retries of one webhook may be on another instance). A
 * webhook that recovers within one flush costs no write at all.
 */
public final class FailingWebhooks {
  private static final Logger LOG = LoggerFactory.getLogger(FailingWebhooks.class);
  static final Duration FLUSH_EVERY = Duration.ofSeconds(10);

  private final DisableRule rule;
  private final Subscriptions subscriptions;
  private final Recorder recorder;
  private final DelivererMetrics metrics;
  private final Map<WebhookId, WebhookHealth> failing = new HashMap<>();
  /** Changed here since the last flush: a record from the topic does not overwrite them. */
  private final Set<WebhookId> unwritten = new HashSet<>();
  /** Whose health the topic holds now (as far as this instance knows): a recovery writes a tombstone for these only. */
  private final Set<WebhookId> written = new HashSet<>();
  private final StoppedHere stopped = new StoppedHere();
  private volatile int failingSeen;

  public FailingWebhooks(DisableRule rule, Subscriptions subscriptions, Recorder recorder, DelivererMetrics metrics) {
    this.rule = rule;
    this.subscriptions = subscriptions;
    this.recorder = recorder;
    this.metrics = metrics;
    metrics.failingWebhooks(() -> failingSeen);
  }

  /** After every attempt; {@code deadLettered}: it was the delivery's last. */
  public void attempted(Delivery d, Outcome outcome, boolean deadLettered, Instant now) {
    if (outcome instanceof Outcome.Delivered && !failing.containsKey(d.webhookId())) {
      return; // the common case: a healthy webhook stays healthy
    }
    Optional<Subscription> webhook = subscriptions.get(d.webhookId()).filter(Subscription::enabled);
    if (webhook.isEmpty()) {
      return; // deleted or disabled meanwhile: nothing to watch
    }
    DisableRule.Verdict verdict =
        rule.afterAttempt(Optional.ofNullable(failing.get(d.webhookId())), webhook.get(), outcome, deadLettered, now);
    remember(d.webhookId(), verdict.health());
    verdict.disable().ifPresent(disable -> disable(webhook.get(), disable, now));
  }

  /** How a webhook stands if this instance has disabled it and its view does not show that yet. */
  public Optional<Situation.Webhook> stoppedHere(Subscription s) {
    return stopped.find(s);
  }

  /** A record of {@code realcast.webhooks.health}, from another instance or this one's own echo. */
  public void read(WebhookId id, Optional<WebhookHealth> health) {
    if (unwritten.contains(id)) {
      return; // ours is newer, and is written at the next flush
    }
    if (health.isPresent()) {
      failing.put(id, health.get());
      written.add(id);
    } else {
      failing.remove(id);
      written.remove(id);
    }
    failingSeen = failing.size();
  }

  /** Writes what changed since the last flush: the health of failing webhooks, tombstones for recovered ones. */
  public void flush() {
    for (WebhookId id : unwritten) {
      WebhookHealth health = failing.get(id);
      if (health != null) {
        recorder.health(id, Optional.of(health));
        written.add(id);
      } else if (written.remove(id)) {
        recorder.health(id, Optional.empty());
      }
    }
    unwritten.clear();
  }

  private void remember(WebhookId id, Optional<WebhookHealth> health) {
    boolean changed = health.isPresent() ? !health.get().equals(failing.put(id, health.get())) : failing.remove(id) != null;
    if (changed) {
      unwritten.add(id);
      failingSeen = failing.size();
    }
  }

  private void disable(Subscription webhook, DisableRule.Disable disable, Instant now) {
    Situation.Webhook as = disable.reason() == Reason.GONE ? Situation.Webhook.not(Situation.Webhook.Status.GONE, "")
        : Situation.Webhook.not(Situation.Webhook.Status.DISABLED, reasonText(disable));
    if (!stopped.stop(webhook.id(), now, as)) {
      return; // already on its way
    }
    metrics.disabled(disable.reason());
    Subscription disabled = webhook.disabled(reasonText(disable), now);
    List<Delivery> notices = notices(webhook, disabled.version(), disable, now);
    LOG.warn("Disabling webhook {} of {}: {}; telling {} operational webhook(s)", webhook.id(), webhook.appId(),
        reasonText(disable), notices.size());
    recorder.disabled(disabled, notices);
  }

  /** {@code webhook.disabled} for every enabled webhook of the app that subscribed to it, the disabled one aside. */
  private List<Delivery> notices(Subscription webhook, long disabledVersion, DisableRule.Disable disable, Instant now) {
    // The same id for the same disable: written again after a crash, receivers see one event.
    EventId id = EventId.derive(WebhookEventType.WEBHOOK_DISABLED.wireName(), webhook.id().value(),
        Long.toString(disabledVersion));
    WebhookEvent event = new WebhookEvent(id, now, new WebhookDisabledPayload(webhook.id().value(), webhook.url(),
        disable.reason(), disable.detail(), disable.failingSince(), disable.deadLetters(), now));
    byte[] body = event.body();
    return subscriptions.all().stream()
        .filter(s -> s.appId().equals(webhook.appId()) && !s.id().equals(webhook.id()))
        .filter(s -> s.wants(WebhookEventType.WEBHOOK_DISABLED))
        .map(s -> Delivery.first(s.id(), s.appId(), WebhookEventType.WEBHOOK_DISABLED, id, now, now, body))
        .toList();
  }

  private static String reasonText(DisableRule.Disable disable) {
    return disable.reason().code() + ": " + disable.detail();
  }
}
