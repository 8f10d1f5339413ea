package io.realcast.webhooks.event;

import io.realcast.webhooks.Coded;
import io.realcast.webhooks.json.JsonText;
import java.time.Instant;
import java.util.Objects;

/**
 * Operational webhook {@code webhook.disabled}: the platform stopped sending to one of the app's webhooks.
 *
 * @param failingSince when its attempts began to fail without a success since, or null when one answer ended it (410)
 * @param deadLetters dead letters since then
 */
public record WebhookDisabledPayload(String webhookId, String url, Reason reason, String detail, Instant failingSince,
    long deadLetters, Instant disabledAt) implements WebhookPayload {

  /** Why the platform disabled a webhook. */
  public enum Reason implements Coded {
    /** The endpoint answered 410 Gone: its owner says it is gone for good. */
    GONE,
    /** Every attempt failed for the configured time, with at least the configured number of dead letters. */
    FAILING
  }

  public WebhookDisabledPayload {
    Objects.requireNonNull(webhookId, "webhook_id");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(reason, "reason");
    detail = detail == null ? "" : detail;
    Objects.requireNonNull(disabledAt, "disabled_at");
  }

  @Override
  public WebhookEventType webhookType() {
    return WebhookEventType.WEBHOOK_DISABLED;
  }

  @Override
  public String streamId() {
    return null;
  }

  @Override
  public void writeFields(JsonText json) {
    json.field("webhook_id", webhookId).field("url", url).field("reason", reason.code()).field("detail", detail)
        .field("failing_since", Timestamps.format(failingSince)).field("dead_letters", deadLetters)
        .field("disabled_at", Timestamps.format(disabledAt));
  }
}
