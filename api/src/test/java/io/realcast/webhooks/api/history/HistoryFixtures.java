package io.realcast.webhooks.api.history;

import io.realcast.webhooks.delivery.Attempt;
import io.realcast.webhooks.delivery.AttemptResult;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Deliveries and attempts for the history's tests. */
public final class HistoryFixtures {
  public static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  public static final WebhookId WH = WebhookId.of("wh_a");
  public static final AppId APP = AppId.of("app_a");

  private HistoryFixtures() {}

  public static Delivery delivery(WebhookId webhook, String event, Instant createdAt) {
    return Delivery.first(webhook, APP, WebhookEventType.STREAM_LIVE, EventId.of("evt_" + event), createdAt, createdAt,
        ("{\"event\":\"stream.live\",\"timestamp\":\"" + createdAt + "\",\"data\":{\"stream_id\":\"stream_" + event
            + "\"}}").getBytes(StandardCharsets.UTF_8));
  }

  public static Delivery delivery(String event, Instant createdAt) {
    return delivery(WH, event, createdAt);
  }

  public static Attempt attempt(int n, Instant at, int status, AttemptResult result) {
    return new Attempt(n, at, 40L * n, status, status == 0 ? "connection refused" : null, result);
  }
}
