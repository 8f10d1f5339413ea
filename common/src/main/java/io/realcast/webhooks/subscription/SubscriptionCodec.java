package io.realcast.webhooks.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.json.Json;
import io.realcast.webhooks.signing.WebhookSecret;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Optional;
import java.util.Set;

/** JSON form of a {@link Subscription} in {@code realcast.webhooks}; a null value is a deletion. */
public final class SubscriptionCodec {
  private SubscriptionCodec() {}

  public static byte[] encode(Subscription s) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    node.put("id", s.id().value());
    node.put("app_id", s.appId().value());
    node.put("url", s.url());
    ArrayNode events = node.putArray("events");
    s.events().stream().sorted().forEach(e -> events.add(e.wireName()));
    node.put("enabled", s.enabled());
    node.put("description", s.description());
    node.put("secret", s.secret().value());
    s.previousSecret().ifPresent(p -> {
      node.put("previous_secret", p.secret().value());
      node.put("previous_secret_expires_at", p.expiresAt().toString());
    });
    node.put("created_at", s.createdAt().toString());
    node.put("updated_at", s.updatedAt().toString());
    if (s.disabledReason() != null) {
      node.put("disabled_reason", s.disabledReason());
    }
    // Written only when they differ from the defaults: older readers ignore them, and records stay as they were.
    DeliveryOptions o = s.options();
    if (o.ordered()) {
      node.put("ordering", o.ordering().code());
    }
    o.rateLimitPerSecond().ifPresent(r -> node.put("rate_limit_per_second", r));
    o.maxInFlight().ifPresent(m -> node.put("max_in_flight", m));
    if (!o.headers().isEmpty()) {
      ObjectNode headers = node.putObject("headers");
      o.headers().forEach(headers::put);
    }
    node.put(VersionRule.FIELD, s.version());
    return Json.toBytes(node);
  }

  public static Subscription decode(byte[] bytes) {
    JsonNode n = Json.readTree(bytes);
    Set<WebhookEventType> events = EnumSet.noneOf(WebhookEventType.class);
    for (JsonNode e : n.path("events")) {
      // An event type this version does not know (written by a newer API) is skipped, not fatal.
      WebhookEventType.fromWireName(e.asText()).ifPresent(events::add);
    }
    Optional<Subscription.RotatedSecret> previous = n.hasNonNull("previous_secret")
        ? Optional.of(new Subscription.RotatedSecret(
            new WebhookSecret(n.get("previous_secret").asText()), Instant.parse(n.get("previous_secret_expires_at").asText())))
        : Optional.empty();
    return new Subscription(
        WebhookId.of(n.path("id").asText()),
        AppId.of(n.path("app_id").asText()),
        n.path("url").asText(),
        events,
        n.path("enabled").asBoolean(false),
        n.path("description").asText(""),
        new WebhookSecret(n.path("secret").asText()),
        previous,
        Instant.parse(n.path("created_at").asText()),
        Instant.parse(n.path("updated_at").asText()),
        n.hasNonNull("disabled_reason") ? n.get("disabled_reason").asText() : null,
        options(n),
        VersionRule.read(n));
  }

  private static DeliveryOptions options(JsonNode n) {
    Map<String, String> headers = new LinkedHashMap<>();
    n.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
    return new DeliveryOptions(
        DeliveryOptions.Ordering.fromCode(n.path("ordering").asText("none")).orElse(DeliveryOptions.Ordering.NONE),
        n.hasNonNull("rate_limit_per_second") ? OptionalInt.of(n.get("rate_limit_per_second").asInt()) : OptionalInt.empty(),
        n.hasNonNull("max_in_flight") ? OptionalInt.of(n.get("max_in_flight").asInt()) : OptionalInt.empty(),
        headers);
  }
}
