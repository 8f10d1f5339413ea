package io.realcast.webhooks.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.json.Json;
import java.time.Instant;
import java.util.Objects;

/**
 * A webhook whose attempts fail, as the deliverer keeps it in the compacted topic {@code realcast.webhooks.health}
 * (key: webhook id; a tombstone once an attempt succeeds again). It is how the platform remembers, across restarts and
 * between instances, how long a webhook has been failing, so that it can disable it (docs/DELIVERY.md).
 *
 * @param webhookVersion the subscription version the failures were counted against: a change to the webhook (a new URL,
 *     a re-enable) starts the count afresh
 * @param failingSince the first failed attempt after the last success
 * @param deadLetters deliveries dead-lettered after a failed attempt since then
 * @param lastFailure what the last failed attempt ended with (an outcome code such as {@code http_503})
 */
public record WebhookHealth(WebhookId webhookId, long webhookVersion, Instant failingSince, long deadLetters,
    Instant lastFailureAt, String lastFailure) {

  public WebhookHealth {
    Objects.requireNonNull(webhookId, "webhook_id");
    Objects.requireNonNull(failingSince, "failing_since");
    Objects.requireNonNull(lastFailureAt, "last_failure_at");
    lastFailure = lastFailure == null ? "" : lastFailure;
  }

  /** The first failure after a success (or ever). */
  public static WebhookHealth failing(WebhookId webhook, long webhookVersion, Instant at, String failure) {
    return new WebhookHealth(webhook, webhookVersion, at, 0, at, failure);
  }

  /** One more failed attempt; {@code deadLettered} when it was the delivery's last. */
  public WebhookHealth failedAgain(Instant at, String failure, boolean deadLettered) {
    return new WebhookHealth(webhookId, webhookVersion, failingSince, deadLetters + (deadLettered ? 1 : 0), at, failure);
  }

  public byte[] encode() {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("webhook_id", webhookId.value());
    node.put("webhook_version", webhookVersion);
    node.put("failing_since", failingSince.toString());
    node.put("dead_letters", deadLetters);
    node.put("last_failure_at", lastFailureAt.toString());
    node.put("last_failure", lastFailure);
    return Json.toBytes(node);
  }

  public static WebhookHealth decode(byte[] bytes) {
    JsonNode n = Json.readTree(bytes);
    return new WebhookHealth(WebhookId.of(n.path("webhook_id").asText()), n.path("webhook_version").asLong(),
        Instant.parse(n.path("failing_since").asText()), n.path("dead_letters").asLong(),
        Instant.parse(n.path("last_failure_at").asText()), n.path("last_failure").asText(""));
  }
}
