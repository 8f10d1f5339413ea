package io.realcast.webhooks.delivery;

import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One event for one webhook, as it travels through {@code realcast.deliveries}, the retry topics and the
 * dead-letter topic (key: webhook id). The body is fixed when the router creates it; URL and secret are
 * looked up at send time so that changes and rotations apply to pending deliveries.
 *
 * @param body the exact bytes to sign and post
 * @param attempts every attempt so far, oldest first
 * @param dueAt when the next attempt may start, or null for "now"
 * @param streamId the stream the event is about (every event type has one), or null in records of older routers
 * @param sequence its number in the (webhook, stream) sequence of an ordered webhook, or 0 when it has none
 * @param traceParent the W3C traceparent of the span it continues (the router's, or the producer's when the router
 *     does not trace), or null: attempts are traced as its children, and receivers get it in their request
 */
public record Delivery(
    DeliveryId id,
    WebhookId webhookId,
    AppId appId,
    WebhookEventType event,
    EventId eventId,
    Instant eventTime,
    Instant createdAt,
    byte[] body,
    List<Attempt> attempts,
    Instant dueAt,
    String streamId,
    long sequence,
    String traceParent) {

  public Delivery {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(webhookId, "webhook_id");
    Objects.requireNonNull(appId, "app_id");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(eventId, "event_id");
    Objects.requireNonNull(eventTime, "event_time");
    Objects.requireNonNull(createdAt, "created_at");
    Objects.requireNonNull(body, "body");
    attempts = List.copyOf(attempts);
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence must not be negative: " + sequence);
    }
  }

  /** A delivery without a trace. */
  public Delivery(DeliveryId id, WebhookId webhookId, AppId appId, WebhookEventType event, EventId eventId, Instant eventTime,
      Instant createdAt, byte[] body, List<Attempt> attempts, Instant dueAt, String streamId, long sequence) {
    this(id, webhookId, appId, event, eventId, eventTime, createdAt, body, attempts, dueAt, streamId, sequence, null);
  }

  /** A delivery that has not been tried yet, of an event with no stream known. */
  public static Delivery first(
      WebhookId webhook, AppId app, WebhookEventType event, EventId eventId, Instant eventTime, Instant createdAt, byte[] body) {
    return first(webhook, app, event, eventId, eventTime, createdAt, body, null, 0);
  }

  /** A delivery that has not been tried yet. */
  public static Delivery first(WebhookId webhook, AppId app, WebhookEventType event, EventId eventId, Instant eventTime,
      Instant createdAt, byte[] body, String streamId, long sequence) {
    return new Delivery(DeliveryId.derive(eventId, webhook), webhook, app, event, eventId, eventTime, createdAt, body, List.of(),
        null, streamId, sequence, null);
  }

  /** The same delivery, continuing the trace {@code parent} names (null: none). */
  public Delivery withTraceParent(String parent) {
    return new Delivery(id, webhookId, appId, event, eventId, eventTime, createdAt, body, attempts, dueAt, streamId, sequence,
        parent);
  }

  public int nextAttemptNumber() {
    return attempts.size() + 1;
  }

  /** This delivery after {@code attempt}, to be tried again at {@code nextDueAt} (or never, if null). */
  public Delivery after(Attempt attempt, Instant nextDueAt) {
    List<Attempt> all = new ArrayList<>(attempts.size() + 1);
    all.addAll(attempts);
    all.add(attempt);
    return new Delivery(id, webhookId, appId, event, eventId, eventTime, createdAt, body, all, nextDueAt, streamId, sequence,
        traceParent);
  }

  /** The same delivery, due at {@code at} (deferred without an attempt). */
  public Delivery dueAt(Instant at) {
    return new Delivery(id, webhookId, appId, event, eventId, eventTime, createdAt, body, attempts, at, streamId, sequence,
        traceParent);
  }

  /**
   * A fresh start for a redelivery or recovery: same id and body, attempts counted from 1 again; still in the event's
   * trace, so the new attempts show beside the first ones.
   */
  public Delivery restarted() {
    return new Delivery(id, webhookId, appId, event, eventId, eventTime, createdAt, body, List.of(), null, streamId, sequence,
        traceParent);
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Delivery d
        && id.equals(d.id) && webhookId.equals(d.webhookId) && appId.equals(d.appId) && event == d.event
        && eventId.equals(d.eventId) && eventTime.equals(d.eventTime) && createdAt.equals(d.createdAt)
        && Arrays.equals(body, d.body) && attempts.equals(d.attempts) && Objects.equals(dueAt, d.dueAt)
        && Objects.equals(streamId, d.streamId) && sequence == d.sequence && Objects.equals(traceParent, d.traceParent);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, webhookId, attempts.size());
  }

  @Override
  public String toString() {
    return "Delivery[" + id + " " + event + " to " + webhookId + ", attempts=" + attempts.size() + "]";
  }
}
