package io.realcast.webhooks.delivery;

import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import java.time.Instant;

/**
 * One record of {@code realcast.attempts} (key: webhook id): the source of delivery logs and stats.
 *
 * @param attempt the attempt this record is about; null when the delivery ended without one (superseded)
 * @param nextDueAt when the next attempt is due, or null if there will be none
 * @param state where the delivery stands after it
 */
public record AttemptLog(
    DeliveryId deliveryId,
    WebhookId webhookId,
    AppId appId,
    WebhookEventType event,
    EventId eventId,
    Instant eventTime,
    Attempt attempt,
    DeliveryState state,
    Instant nextDueAt) {

  public static AttemptLog of(Delivery delivery, Attempt attempt, DeliveryState state, Instant nextDueAt) {
    return new AttemptLog(delivery.id(), delivery.webhookId(), delivery.appId(), delivery.event(), delivery.eventId(),
        delivery.eventTime(), attempt, state, nextDueAt);
  }
}
