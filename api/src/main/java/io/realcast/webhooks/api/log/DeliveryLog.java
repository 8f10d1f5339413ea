package io.realcast.webhooks.api.log;

import io.realcast.webhooks.delivery.Attempt;
import io.realcast.webhooks.delivery.AttemptLog;
import io.realcast.webhooks.delivery.AttemptResult;
import io.realcast.webhooks.delivery.DeadLetter;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The delivery log in memory, built from realcast.deliveries, realcast.attempts and the dead-letter topic:
 * per webhook, its deliveries with every attempt. Bounded twice: entries idle longer than the retention are
 * dropped, and each webhook keeps at most {@code maxPerWebhook} deliveries (the oldest go first).
 *
 * <p>Records of the three topics arrive in no fixed order between topics, so each state change carries
 * its time and an older one never overwrites a newer one: a delivery record read after its own attempts
 * leaves the status alone, while a redelivery (a newer delivery record) sets it back to pending.
 * Thread-safe: one writer (the tail thread) and many readers (request handlers).
 */
public final class DeliveryLog {
  private final Clock clock;
  private final Duration retention;
  private final int maxPerWebhook;
  private final Consumer<AttemptLog> goneListener;
  private final Map<WebhookId, LinkedHashMap<DeliveryId, Entry>> byWebhook = new HashMap<>();
  private final Map<DeliveryId, Entry> byId = new HashMap<>();

  /** @param goneListener called (on the writer's thread) for every attempt whose endpoint answered 410 Gone */
  public DeliveryLog(Clock clock, Duration retention, int maxPerWebhook, Consumer<AttemptLog> goneListener) {
    this.clock = clock;
    this.retention = retention;
    this.maxPerWebhook = maxPerWebhook;
    this.goneListener = goneListener;
  }

  /** A delivery was written to realcast.deliveries (by the router, a test event or a redelivery) at {@code writtenAt}. */
  public synchronized void onDelivery(Delivery d, RecordRef ref, Instant writtenAt) {
    Entry e = entry(d.id(), d.webhookId(), d.appId(), d.event(), d.eventId(), d.eventTime(), writtenAt);
    e.deliveryRef = ref;
    if (d.attempts().isEmpty() && e.changeState(DeliveryStatus.PENDING, writtenAt)) {
      e.nextDueAt = null;
    }
    e.touch(writtenAt);
  }

  public synchronized void onAttempt(AttemptLog log) {
    Attempt a = log.attempt();
    // A superseded delivery ends without an attempt.
    Instant at = a == null ? log.eventTime() : a.startedAt().plusMillis(Math.max(0, a.latencyMillis()));
    Entry e = entry(log.deliveryId(), log.webhookId(), log.appId(), log.event(), log.eventId(), log.eventTime(), at);
    if (a != null) {
      e.addAttempt(a);
    }
    if (e.changeState(DeliveryStatus.fromAttemptState(log.state()), at)) {
      e.nextDueAt = log.nextDueAt();
    }
    e.touch(at);
    if (a != null && a.result() == AttemptResult.GONE) {
      goneListener.accept(log);
    }
  }

  public synchronized void onDeadLetter(DeadLetter dead, RecordRef ref) {
    Delivery d = dead.delivery();
    Entry e = entry(d.id(), d.webhookId(), d.appId(), d.event(), d.eventId(), d.eventTime(), dead.deadAt());
    d.attempts().forEach(e::addAttempt);
    e.deadRef = ref;
    // The attempt that killed it may have been read first (and timed a little later): same episode, keep the reason.
    if (e.changeState(DeliveryStatus.DEAD, dead.deadAt()) || e.status == DeliveryStatus.DEAD) {
      e.deadReason = dead.reason().code();
      e.deadDetail = dead.detail();
      e.deadAt = dead.deadAt();
      e.nextDueAt = null;
    }
    e.touch(dead.deadAt());
  }

  /** The webhook's deliveries, most recently active first, optionally only those in {@code status}. */
  public synchronized List<DeliverySummary> deliveries(WebhookId webhook, Optional<DeliveryStatus> status, int limit) {
    evictExpired();
    Map<DeliveryId, Entry> entries = byWebhook.getOrDefault(webhook, new LinkedHashMap<>());
    return entries.values().stream()
        .filter(e -> status.isEmpty() || e.status == status.get())
        .sorted(Comparator.comparing((Entry e) -> e.lastActivity).reversed())
        .limit(limit)
        .map(Entry::summary)
        .toList();
  }

  public synchronized Optional<DeliverySummary> find(DeliveryId id) {
    evictExpired();
    return Optional.ofNullable(byId.get(id)).map(Entry::summary);
  }

  /** Dead deliveries of {@code webhook} given up on at or after {@code since}, oldest first. */
  public synchronized List<DeliverySummary> deadSince(WebhookId webhook, Instant since) {
    evictExpired();
    return byWebhook.getOrDefault(webhook, new LinkedHashMap<>()).values().stream()
        .filter(e -> e.status == DeliveryStatus.DEAD && e.deadAt != null && !e.deadAt.isBefore(since))
        .sorted(Comparator.comparing((Entry e) -> e.deadAt))
        .map(Entry::summary)
        .toList();
  }

  public synchronized WebhookStats stats(WebhookId webhook) {
    evictExpired();
    return WebhookStats.of(byWebhook.getOrDefault(webhook, new LinkedHashMap<>()).values().stream().map(Entry::summary).toList());
  }

  public synchronized int size() {
    return byId.size();
  }

  /** Drops entries idle for longer than the retention. */
  public synchronized void evictExpired() {
    Instant cutoff = clock.instant().minus(retention);
    Iterator<Map.Entry<WebhookId, LinkedHashMap<DeliveryId, Entry>>> webhooks = byWebhook.entrySet().iterator();
    while (webhooks.hasNext()) {
      LinkedHashMap<DeliveryId, Entry> entries = webhooks.next().getValue();
      entries.values().removeIf(e -> {
        boolean expired = e.lastActivity.isBefore(cutoff);
        if (expired) {
          byId.remove(e.id);
        }
        return expired;
      });
      if (entries.isEmpty()) {
        webhooks.remove();
      }
    }
  }

  private Entry entry(DeliveryId id, WebhookId webhook, AppId app, WebhookEventType event, EventId eventId, Instant eventTime,
      Instant at) {
    Entry existing = byId.get(id);
    if (existing != null) {
      return existing;
    }
    Entry e = new Entry(id, webhook, app, event, eventId, eventTime, at);
    LinkedHashMap<DeliveryId, Entry> entries = byWebhook.computeIfAbsent(webhook, w -> new LinkedHashMap<>());
    entries.put(id, e);
    byId.put(id, e);
    if (entries.size() > maxPerWebhook) {
      Iterator<Entry> oldest = entries.values().iterator();
      byId.remove(oldest.next().id);
      oldest.remove();
    }
    return e;
  }

  /** Mutable state of one delivery; only touched under the log's lock. */
  private static final class Entry {
    final DeliveryId id;
    final WebhookId webhookId;
    final AppId appId;
    final WebhookEventType event;
    final EventId eventId;
    final Instant eventTime;
    final Instant firstSeen;
    final List<Attempt> attempts = new ArrayList<>();
    Instant lastActivity;
    DeliveryStatus status = DeliveryStatus.PENDING;
    Instant stateTime = Instant.MIN;
    Instant nextDueAt;
    String deadReason;
    String deadDetail;
    Instant deadAt;
    RecordRef deliveryRef;
    RecordRef deadRef;

    Entry(DeliveryId id, WebhookId webhookId, AppId appId, WebhookEventType event, EventId eventId, Instant eventTime, Instant at) {
      this.id = id;
      this.webhookId = webhookId;
      this.appId = appId;
      this.event = event;
      this.eventId = eventId;
      this.eventTime = eventTime;
      this.firstSeen = at;
      this.lastActivity = at;
    }

    /** Applies a state change unless a newer one was already applied; true if applied. */
    boolean changeState(DeliveryStatus newStatus, Instant at) {
      if (at.isBefore(stateTime)) {
        return false;
      }
      status = newStatus;
      stateTime = at;
      if (newStatus != DeliveryStatus.DEAD) {
        deadReason = null;
        deadDetail = null;
        deadAt = null;
      }
      return true;
    }

    /** Adds an attempt once: a dead letter repeats attempts the attempt log already showed. */
    void addAttempt(Attempt a) {
      for (Attempt known : attempts) {
        if (known.number() == a.number() && known.startedAt().equals(a.startedAt())) {
          return;
        }
      }
      attempts.add(a);
      attempts.sort(Comparator.comparing(Attempt::startedAt));
    }

    void touch(Instant at) {
      if (at.isAfter(lastActivity)) {
        lastActivity = at;
      }
    }

    DeliverySummary summary() {
      // A dead letter carries the whole delivery; otherwise the record in realcast.deliveries does.
      Optional<RecordRef> source = Optional.ofNullable(status == DeliveryStatus.DEAD && deadRef != null ? deadRef
          : deliveryRef != null ? deliveryRef : deadRef);
      return new DeliverySummary(id, webhookId, appId, event, eventId, eventTime, firstSeen, lastActivity, status,
          attempts, nextDueAt, deadReason, deadDetail, deadAt, source);
    }
  }
}
