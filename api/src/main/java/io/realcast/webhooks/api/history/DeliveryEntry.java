package io.realcast.webhooks.api.history;

import io.realcast.webhooks.delivery.Attempt;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One delivery as the history knows it: what it is, where it stands, every attempt seen (numbering restarts at 1
 * after a redelivery), and where its full record (with the body) can be read back from Kafka.
 *
 * @param createdAt when the delivery was created; the history's sort order (newest first) and time filters use it
 * @param createdAtKnown false while only attempts have been seen (createdAt is then the event time, provisionally)
 * @param stateTime the time of the state change that set {@code status}: an older change never overwrites a newer
 * @param enqueuedAt when it last became not final (queued or requeued): the age of the subscriber's lag
 * @param expiresAt when the history forgets it (last activity + the app's retention)
 * @param lastReplayId the replay request that last queued it, or null: a repeated request skips it
 */
public record DeliveryEntry(
    Identity identity,
    Instant createdAt,
    boolean createdAtKnown,
    DeliveryStatus status,
    Instant stateTime,
    Instant enqueuedAt,
    Instant lastActivity,
    Instant expiresAt,
    List<Attempt> attempts,
    Instant nextDueAt,
    Death death,
    Sources sources,
    String lastReplayId) {

  /**
   * What a delivery is; never changes.
   *
   * @param streamId the body's {@code data.stream_id}, or null (unknown until the delivery or its dead letter is seen)
   */
  public record Identity(DeliveryId id, WebhookId webhookId, AppId appId, WebhookEventType event, EventId eventId,
      Instant eventTime, String streamId) {
    public Identity {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(webhookId, "webhook_id");
      Objects.requireNonNull(appId, "app_id");
      Objects.requireNonNull(event, "event");
      Objects.requireNonNull(eventId, "event_id");
      Objects.requireNonNull(eventTime, "event_time");
    }
  }

  /** Why and when it was given up on. */
  public record Death(String reason, String detail, Instant at) {}

  /** Where its records are: the latest on realcast.deliveries and the latest dead letter (either may be null). */
  public record Sources(RecordRef delivery, RecordRef dead) {
    public static final Sources NONE = new Sources(null, null);
  }

  public DeliveryEntry {
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(createdAt, "created_at");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(stateTime, "state_time");
    Objects.requireNonNull(lastActivity, "last_activity");
    attempts = List.copyOf(attempts);
    sources = sources == null ? Sources.NONE : sources;
  }

  public DeliveryId id() {
    return identity.id();
  }

  public WebhookId webhookId() {
    return identity.webhookId();
  }

  public AppId appId() {
    return identity.appId();
  }

  public Optional<Attempt> lastAttempt() {
    return attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.get(attempts.size() - 1));
  }

  /** The record to send again: the dead letter when it is dead (it carries every attempt), otherwise the delivery. */
  public Optional<RecordRef> source() {
    if (status == DeliveryStatus.DEAD && sources.dead() != null) {
      return Optional.of(sources.dead());
    }
    return Optional.ofNullable(sources.delivery() != null ? sources.delivery() : sources.dead());
  }

  /** Its place in the newest-first order. */
  public Position position() {
    return Position.of(createdAt, identity.id());
  }
}
