package io.realcast.webhooks.api.history;

import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A search of the history: one webhook's or one app's deliveries, newest first, filtered, one page after an
 * optional position. Empty sets and absent options filter nothing.
 *
 * @param since deliveries created at or after this time
 * @param until deliveries created before this time
 */
public record HistoryQuery(
    Scope scope,
    Set<DeliveryStatus> statuses,
    Set<WebhookEventType> eventTypes,
    Optional<Instant> since,
    Optional<Instant> until,
    Optional<EventId> eventId,
    Optional<String> streamId,
    Optional<DeliveryId> deliveryId,
    Optional<Position> after,
    int limit) {

  /** Whose deliveries. */
  public sealed interface Scope {
    String id();

    boolean contains(DeliveryEntry e);
  }

  public record OfWebhook(WebhookId webhook) implements Scope {
    @Override
    public String id() {
      return webhook.value();
    }

    @Override
    public boolean contains(DeliveryEntry e) {
      return e.webhookId().equals(webhook);
    }
  }

  public record OfApp(AppId app) implements Scope {
    @Override
    public String id() {
      return app.value();
    }

    @Override
    public boolean contains(DeliveryEntry e) {
      return e.appId().equals(app);
    }
  }

  public HistoryQuery {
    Objects.requireNonNull(scope, "scope");
    statuses = statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
    eventTypes = eventTypes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(eventTypes));
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive");
    }
  }

  /** Everything of a scope, newest first. */
  public static HistoryQuery all(Scope scope, int limit) {
    return new HistoryQuery(scope, Set.of(), Set.of(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty(), limit);
  }

  public HistoryQuery after(Position position) {
    return new HistoryQuery(scope, statuses, eventTypes, since, until, eventId, streamId, deliveryId, Optional.of(position), limit);
  }

  public HistoryQuery withLimit(int newLimit) {
    return new HistoryQuery(scope, statuses, eventTypes, since, until, eventId, streamId, deliveryId, after, newLimit);
  }

  /** The one delivery this query can name without a scan, if any: by id, or by event id within one webhook. */
  public Optional<DeliveryId> singleDelivery() {
    if (deliveryId.isPresent()) {
      return deliveryId;
    }
    if (scope instanceof OfWebhook w && eventId.isPresent()) {
      return Optional.of(DeliveryId.derive(eventId.get(), w.webhook()));
    }
    return Optional.empty();
  }

  /** Whether {@code e} passes every filter (the index has already placed it in scope, time and status, or not). */
  public boolean matches(DeliveryEntry e) {
    long created = e.createdAt().toEpochMilli();
    return scope.contains(e)
        && (statuses.isEmpty() || statuses.contains(e.status()))
        && (eventTypes.isEmpty() || eventTypes.contains(e.identity().event()))
        && since.map(s -> created >= s.toEpochMilli()).orElse(true)
        && until.map(u -> created < u.toEpochMilli()).orElse(true)
        && eventId.map(id -> id.equals(e.identity().eventId())).orElse(true)
        && streamId.map(id -> id.equals(e.identity().streamId())).orElse(true)
        && deliveryId.map(id -> id.equals(e.id())).orElse(true)
        && after.map(p -> e.position().compareTo(p) > 0).orElse(true);
  }
}
