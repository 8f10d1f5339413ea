package io.realcast.webhooks.api.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.api.ApiProblem;
import io.realcast.webhooks.subscription.DeliveryOptions;
import io.realcast.webhooks.subscription.DeliveryOptions.Ordering;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The delivery options of a webhook as a client sends them (docs/DELIVERY.md, "Stream-aware delivery"). Each field is
 * empty when not given (a {@code PATCH} leaves it as it is); {@code null} sets it back to its default.
 *
 * @param rateLimitPerSecond empty: not given; an empty value: no limit
 * @param maxInFlight empty: not given; an empty value: the deliverer's own limit
 * @param headers empty: not given; an empty map: none
 */
public record DeliveryOptionsInput(Optional<Ordering> ordering, Optional<OptionalInt> rateLimitPerSecond,
    Optional<OptionalInt> maxInFlight, Optional<Map<String, String>> headers) {

  public static final Set<String> FIELDS = Set.of("ordering", "rate_limit_per_second", "max_in_flight", "headers");
  public static final DeliveryOptionsInput NONE = new DeliveryOptionsInput(Optional.empty(), Optional.empty(), Optional.empty(),
      Optional.empty());

  static DeliveryOptionsInput parse(JsonNode json) {
    return new DeliveryOptionsInput(ordering(json), limit(json, "rate_limit_per_second", DeliveryOptions.MAX_RATE_LIMIT),
        limit(json, "max_in_flight", DeliveryOptions.MAX_IN_FLIGHT), headers(json));
  }

  /** {@code current} with the given fields changed. */
  public DeliveryOptions applyTo(DeliveryOptions current) {
    return current.withOrdering(ordering.orElse(current.ordering()))
        .withRateLimitPerSecond(rateLimitPerSecond.orElse(current.rateLimitPerSecond()))
        .withMaxInFlight(maxInFlight.orElse(current.maxInFlight()))
        .withHeaders(headers.orElse(current.headers()));
  }

  private static Optional<Ordering> ordering(JsonNode json) {
    if (!json.has("ordering")) {
      return Optional.empty();
    }
    String code = JsonBodies.string(json, "ordering", 16);
    if (code == null) {
      return Optional.of(Ordering.NONE);
    }
    return Optional.of(Ordering.fromCode(code).orElseThrow(() -> ApiProblem.invalid("invalid_field", "ordering",
        "ordering must be \"none\" (as fast as possible, in any order) or \"stream\" (each stream's events in order)")));
  }

  private static Optional<OptionalInt> limit(JsonNode json, String field, int max) {
    if (!json.has(field)) {
      return Optional.empty();
    }
    return Optional.of(JsonBodies.wholeNumber(json, field, 1, max).map(n -> OptionalInt.of(n.intValue())).orElse(OptionalInt.empty()));
  }

  private static Optional<Map<String, String>> headers(JsonNode json) {
    JsonNode v = json.get("headers");
    if (v == null) {
      return Optional.empty();
    }
    if (v.isNull()) {
      return Optional.of(Map.of());
    }
    if (!v.isObject()) {
      throw ApiProblem.invalid("invalid_type", "headers", "headers must be an object of header names to values, e.g. "
          + "{\"Authorization\":\"Bearer …\"}");
    }
    if (v.size() > DeliveryOptions.MAX_HEADERS) {
      throw ApiProblem.invalid("too_long", "headers", "headers may name at most " + DeliveryOptions.MAX_HEADERS + " headers");
    }
    Map<String, String> headers = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String name = e.getKey();
      if (!e.getValue().isTextual()) {
        throw ApiProblem.invalid("invalid_type", "headers", "the value of header " + JsonBodies.quote(name) + " must be a string");
      }
      DeliveryOptions.headerProblem(name, e.getValue().asText()).ifPresent(problem -> {
        throw ApiProblem.invalid("invalid_header", "headers", JsonBodies.quote(name) + ": " + problem);
      });
      if (!seen.add(name.toLowerCase(Locale.ROOT))) {
        throw ApiProblem.invalid("invalid_header", "headers", "header " + name + " is given twice (names ignore case)");
      }
      headers.put(name, e.getValue().asText());
    }
    return Optional.of(headers);
  }
}
