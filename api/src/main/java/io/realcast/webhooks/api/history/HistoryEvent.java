package io.realcast.webhooks.api.history;

import io.realcast.webhooks.delivery.AttemptLog;
import io.realcast.webhooks.delivery.DeadLetter;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.WebhookId;
import java.time.Instant;
import java.util.Optional;

/** One record of the three topics the history is built from, decoded. */
public sealed interface HistoryEvent {
  DeliveryId deliveryId();

  WebhookId webhookId();

  AppId appId();

  /**
   * A record on realcast.deliveries: the router's delivery, a test event, a redelivery or a replay.
   *
   * @param writtenAt the record's timestamp
   * @param replayId the replay request that queued it, if any
   */
  record Queued(Delivery delivery, RecordRef ref, Instant writtenAt, Optional<String> replayId) implements HistoryEvent {
    @Override
    public DeliveryId deliveryId() {
      return delivery.id();
    }

    @Override
    public WebhookId webhookId() {
      return delivery.webhookId();
    }

    @Override
    public AppId appId() {
      return delivery.appId();
    }
  }

  /**
   * A record on realcast.attempts: one attempt (none for a superseded delivery) and where the delivery stands after it.
   *
   * @param writtenAt the record's timestamp: when a state change without an attempt happened
   */
  record Attempted(AttemptLog log, Instant writtenAt) implements HistoryEvent {
    @Override
    public DeliveryId deliveryId() {
      return log.deliveryId();
    }

    @Override
    public WebhookId webhookId() {
      return log.webhookId();
    }

    @Override
    public AppId appId() {
      return log.appId();
    }
  }

  /** A record on realcast.deliveries.dead: the delivery with every attempt, given up on. */
  record DeadLettered(DeadLetter dead, RecordRef ref) implements HistoryEvent {
    @Override
    public DeliveryId deliveryId() {
      return dead.delivery().id();
    }

    @Override
    public WebhookId webhookId() {
      return dead.delivery().webhookId();
    }

    @Override
    public AppId appId() {
      return dead.delivery().appId();
    }
  }
}
