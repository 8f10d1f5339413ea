package io.realcast.webhooks.api.history;

import io.realcast.webhooks.delivery.Attempt;
import io.realcast.webhooks.delivery.AttemptLog;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.json.Json;
import io.realcast.webhooks.api.history.Change.NewAttempt;
import io.realcast.webhooks.api.history.DeliveryEntry.Death;
import io.realcast.webhooks.api.history.DeliveryEntry.Identity;
import io.realcast.webhooks.api.history.DeliveryEntry.Sources;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How one record changes one delivery's entry: a pure function, so the order in which records of the three
 * topics arrive does not matter and reprocessing a record (at-least-once) changes nothing.
 *
 * <p>Each state change carries its time, and an older one never overwrites a newer one: a delivery record read
 * after its own attempts leaves the status alone, while a redelivery (a newer delivery record) sets it back to
 * pending. An attempt already known (same number and start) is not added twice.
 */
public final class DeliveryHistory {
  /** Attempts kept per delivery; a delivery redelivered over and over keeps its newest ones. */
  public static final int MAX_ATTEMPTS = 24;

  private DeliveryHistory() {}

  /** @param retention how long the app keeps history: sets the entry's expiry from its last activity */
  public static Change apply(DeliveryEntry current, HistoryEvent event, Duration retention) {
    Draft d;
    if (event instanceof HistoryEvent.Queued q) {
      d = queued(current, q);
    } else if (event instanceof HistoryEvent.Attempted a) {
      d = attempted(current, a.log(), a.writtenAt());
    } else {
      d = deadLettered(current, (HistoryEvent.DeadLettered) event);
    }
    return new Change(current, d.build(retention), d.newAttempts);
  }

  private static Draft queued(DeliveryEntry current, HistoryEvent.Queued q) {
    Delivery delivery = q.delivery();
    Draft d = Draft.of(current, identity(delivery), delivery.createdAt(), true);
    d.sources = new Sources(q.ref(), d.sources.dead());
    if (delivery.attempts().isEmpty() && d.changeState(DeliveryStatus.PENDING, q.writtenAt())) {
      d.nextDueAt = null;
      d.enqueuedAt = q.writtenAt();
      q.replayId().ifPresent(id -> d.lastReplayId = id);
    }
    d.touch(q.writtenAt());
    return d;
  }

  private static Draft attempted(DeliveryEntry current, AttemptLog log, Instant writtenAt) {
    Identity identity = new Identity(log.deliveryId(), log.webhookId(), log.appId(), log.event(), log.eventId(), log.eventTime(),
        null);
    // Only attempts seen so far: the event time stands in for the creation time until the delivery itself is read.
    Draft d = Draft.of(current, identity, log.eventTime(), false);
    Attempt a = log.attempt();
    // A superseded delivery ends without an attempt: its record's time is when that was decided.
    Instant at = a == null ? writtenAt : a.startedAt().plusMillis(Math.max(0, a.latencyMillis()));
    DeliveryStatus outcome = DeliveryStatus.of(log.state());
    if (a != null) {
      d.addAttempt(a, outcome);
    }
    if (d.changeState(outcome, at)) {
      d.nextDueAt = log.nextDueAt();
      if (outcome == DeliveryStatus.RETRYING && d.enqueuedAt == null) {
        d.enqueuedAt = at;
      }
    }
    d.touch(at);
    return d;
  }

  private static Draft deadLettered(DeliveryEntry current, HistoryEvent.DeadLettered x) {
    Delivery delivery = x.dead().delivery();
    Instant at = x.dead().deadAt();
    Draft d = Draft.of(current, identity(delivery), delivery.createdAt(), true);
    List<Attempt> attempts = delivery.attempts();
    for (int i = 0; i < attempts.size(); i++) {
      Attempt a = attempts.get(i);
      boolean last = i == attempts.size() - 1;
      d.addAttempt(a, a.delivered() ? DeliveryStatus.DELIVERED : last ? DeliveryStatus.DEAD : DeliveryStatus.RETRYING);
    }
    d.sources = new Sources(d.sources.delivery(), x.ref());
    // The attempt that killed it may have been read first (and timed a little later): same episode, keep the reason.
    if (d.changeState(DeliveryStatus.DEAD, at) || d.status == DeliveryStatus.DEAD) {
      d.death = new Death(x.dead().reason().code(), x.dead().detail(), at);
      d.nextDueAt = null;
    }
    d.touch(at);
    return d;
  }

  /** The delivery's stream: the record's own field, or, in records of older routers, the body's. */
  private static Identity identity(Delivery d) {
    String stream = d.streamId() != null ? d.streamId() : streamId(d.body());
    return new Identity(d.id(), d.webhookId(), d.appId(), d.event(), d.eventId(), d.eventTime(), stream);
  }

  /** The body's {@code data.stream_id}, or null when it has none (or is not JSON). */
  static String streamId(byte[] body) {
    try {
      var node = Json.readTree(body).path("data").path("stream_id");
      return node.isTextual() ? node.asText() : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The entry being changed; only this class sees it mutable. */
  private static final class Draft {
    Identity identity;
    Instant createdAt;
    boolean createdAtKnown;
    DeliveryStatus status = DeliveryStatus.PENDING;
    Instant stateTime = Instant.EPOCH;
    Instant enqueuedAt;
    Instant lastActivity;
    List<Attempt> attempts = new ArrayList<>();
    Instant nextDueAt;
    Death death;
    Sources sources = Sources.NONE;
    String lastReplayId;
    final List<NewAttempt> newAttempts = new ArrayList<>();

    static Draft of(DeliveryEntry current, Identity seen, Instant createdAt, boolean createdAtKnown) {
      Draft d = new Draft();
      if (current == null) {
        d.identity = seen;
        d.createdAt = createdAt;
        d.createdAtKnown = createdAtKnown;
        d.lastActivity = createdAt;
        return d;
      }
      d.identity = current.identity().streamId() == null && seen.streamId() != null ? withStream(current.identity(), seen.streamId())
          : current.identity();
      boolean fix = createdAtKnown && !current.createdAtKnown();
      d.createdAt = fix ? createdAt : current.createdAt();
      d.createdAtKnown = current.createdAtKnown() || createdAtKnown;
      d.status = current.status();
      d.stateTime = current.stateTime();
      d.enqueuedAt = current.enqueuedAt();
      d.lastActivity = current.lastActivity();
      d.attempts = new ArrayList<>(current.attempts());
      d.nextDueAt = current.nextDueAt();
      d.death = current.death();
      d.sources = current.sources();
      d.lastReplayId = current.lastReplayId();
      return d;
    }

    private static Identity withStream(Identity i, String streamId) {
      return new Identity(i.id(), i.webhookId(), i.appId(), i.event(), i.eventId(), i.eventTime(), streamId);
    }

    /** Applies a state change unless a newer one was already applied; true if applied. */
    boolean changeState(DeliveryStatus newStatus, Instant at) {
      if (at.isBefore(stateTime)) {
        return false;
      }
      boolean wasFinal = status.isFinal();
      status = newStatus;
      stateTime = at;
      if (newStatus != DeliveryStatus.DEAD) {
        death = null;
      }
      if (newStatus.isFinal()) {
        enqueuedAt = null;
      } else if (wasFinal) {
        enqueuedAt = at;
      }
      return true;
    }

    /** Adds an attempt once: a dead letter repeats attempts the attempt records already showed. */
    void addAttempt(Attempt a, DeliveryStatus outcome) {
      for (Attempt known : attempts) {
        if (known.number() == a.number() && known.startedAt().equals(a.startedAt())) {
          return;
        }
      }
      attempts.add(a);
      attempts.sort(Comparator.comparing(Attempt::startedAt).thenComparingInt(Attempt::number));
      if (attempts.size() > MAX_ATTEMPTS) {
        attempts.subList(0, attempts.size() - MAX_ATTEMPTS).clear();
      }
      newAttempts.add(new NewAttempt(a, outcome));
    }

    void touch(Instant at) {
      if (at.isAfter(lastActivity)) {
        lastActivity = at;
      }
    }

    DeliveryEntry build(Duration retention) {
      if (!status.isFinal() && enqueuedAt == null) {
        enqueuedAt = stateTime.equals(Instant.EPOCH) ? lastActivity : stateTime;
      }
      return new DeliveryEntry(identity, createdAt, createdAtKnown, status, stateTime, status.isFinal() ? null : enqueuedAt,
          lastActivity, lastActivity.plus(retention), attempts, nextDueAt, death, sources, lastReplayId);
    }
  }
}
