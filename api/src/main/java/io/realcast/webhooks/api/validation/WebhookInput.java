package io.realcast.webhooks.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.api.ApiProblem;
import io.realcast.webhooks.event.WebhookEventType;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * A webhook as a client sends it ({@code POST} or {@code PATCH}): every field optional here, required ones
 * checked by {@link #requireForCreate()}.
 */
public record WebhookInput(Optional<String> url, Optional<Set<WebhookEventType>> events, Optional<Boolean> enabled,
    Optional<String> description, DeliveryOptionsInput options) {

  public static final Set<String> FIELDS = fields();
  public static final int MAX_DESCRIPTION = 500;
  public static final int MAX_EVENTS = 64;

  /** Reads and checks the body's fields (URL rules included) without deciding which are required. */
  public static WebhookInput parse(byte[] body, WebhookUrls urls) {
    JsonNode json = JsonBodies.object(body, FIELDS);
    String url = JsonBodies.string(json, "url", WebhookUrls.MAX_LENGTH);
    return new WebhookInput(
        Optional.ofNullable(url).map(urls::check),
        events(json),
        Optional.ofNullable(JsonBodies.bool(json, "enabled")),
        Optional.ofNullable(JsonBodies.string(json, "description", MAX_DESCRIPTION)),
        DeliveryOptionsInput.parse(json));
  }

  public WebhookInput requireForCreate() {
    if (url.isEmpty()) {
      throw ApiProblem.invalid("missing_field", "url", "url is required");
    }
    if (events.isEmpty()) {
      throw ApiProblem.invalid("missing_field", "events", "events is required: a list of event types, e.g. [\"stream.live\"]");
    }
    return this;
  }

  private static Set<String> fields() {
    Set<String> all = new HashSet<>(Set.of("url", "events", "enabled", "description"));
    all.addAll(DeliveryOptionsInput.FIELDS);
    return Set.copyOf(all);
  }

  private static Optional<Set<WebhookEventType>> events(JsonNode json) {
    JsonNode v = json.get("events");
    if (v == null || v.isNull()) {
      return Optional.empty();
    }
    if (!v.isArray()) {
      throw ApiProblem.invalid("invalid_type", "events", "events must be a list of event types");
    }
    if (v.isEmpty()) {
      throw ApiProblem.invalid("empty_events", "events", "events must name at least one event type");
    }
    if (v.size() > MAX_EVENTS) {
      throw ApiProblem.invalid("too_long", "events", "events must have at most " + MAX_EVENTS + " entries");
    }
    Set<WebhookEventType> types = EnumSet.noneOf(WebhookEventType.class);
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw ApiProblem.invalid("invalid_type", "events", "events must be a list of strings");
      }
      types.add(eventType(e.asText(), "events"));
    }
    return Optional.of(types);
  }

  /** A known event type, or a 400 naming {@code field} and listing the known ones. */
  public static WebhookEventType eventType(String name, String field) {
    return WebhookEventType.fromWireName(name).orElseThrow(() -> ApiProblem.invalid("unknown_event", field,
        "unknown event type " + JsonBodies.quote(name) + "; known: "
            + String.join(", ", WebhookEventType.ALL.stream().map(WebhookEventType::wireName).toList())));
  }
}
