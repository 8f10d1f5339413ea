package io.realcast.webhooks.api.log;

import io.realcast.webhooks.delivery.Attempt;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of one delivery as the log knows it: every attempt seen (numbering restarts at 1 after a
 * redelivery), its status and, when dead, why.
 *
 * @param source where the full delivery (with its body) can be read back for a redelivery
 */
public record DeliverySummary(
    DeliveryId id,
    WebhookId webhookId,
    AppId appId,
    WebhookEventType event,
    EventId eventId,
    Instant eventTime,
    Instant firstSeen,
    Instant lastActivity,
    DeliveryStatus status,
    List<Attempt> attempts,
    Instant nextDueAt,
    String deadReason,
    String deadDetail,
    Instant deadAt,
    Optional<RecordRef> source) {

  public DeliverySummary {
    attempts = List.copyOf(attempts);
  }

  public Optional<Attempt> lastAttempt() {
    return attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.get(attempts.size() - 1));
  }
}
