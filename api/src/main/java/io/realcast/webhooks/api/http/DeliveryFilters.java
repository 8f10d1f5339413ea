package io.realcast.webhooks.api.http;

import io.realcast.webhooks.api.ApiProblem;
import io.realcast.webhooks.api.history.DeliveryStatus;
import io.realcast.webhooks.api.history.HistoryQuery;
import io.realcast.webhooks.api.history.Position;
import io.realcast.webhooks.api.validation.WebhookInput;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.EventId;
import io.vertx.core.MultiMap;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The query parameters of the delivery lists: {@code status}, {@code event_type} (comma-separated lists),
 * {@code since}, {@code until}, {@code event_id}, {@code stream_id}, {@code delivery_id}, {@code cursor},
 * {@code limit}. Every bad value is a 400 naming its parameter.
 */
final class DeliveryFilters {
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 500;
  static final List<String> PARAMETERS =
      List.of("status", "event_type", "since", "until", "event_id", "stream_id", "delivery_id", "cursor", "limit");
  private static final int MAX_TEXT = 200;

  private DeliveryFilters() {}

  static HistoryQuery parse(MultiMap params, HistoryQuery.Scope scope) {
    for (String name : params.names()) {
      if (!PARAMETERS.contains(name)) {
        throw ApiProblem.invalid("unknown_parameter", name, "unknown query parameter " + name + "; allowed: "
            + String.join(", ", PARAMETERS));
      }
    }
    Optional<Instant> since = one(params, "since").map(t -> time("since", t));
    Optional<Instant> until = one(params, "until").map(t -> time("until", t));
    if (since.isPresent() && until.isPresent() && !since.get().isBefore(until.get())) {
      throw ApiProblem.invalid("invalid_field", "until", "until must be later than since");
    }
    return new HistoryQuery(scope, statuses(one(params, "status")), eventTypes(one(params, "event_type")), since, until,
        one(params, "event_id").map(id("event_id", EventId::of)), one(params, "stream_id"),
        one(params, "delivery_id").map(id("delivery_id", DeliveryId::of)), one(params, "cursor").map(DeliveryFilters::cursor),
        limit(one(params, "limit")));
  }

  static Set<DeliveryStatus> statuses(Optional<String> list) {
    Set<DeliveryStatus> statuses = EnumSet.noneOf(DeliveryStatus.class);
    list.ifPresent(text -> {
      for (String s : items(text, "status")) {
        statuses.add(DeliveryStatus.parse(s).orElseThrow(() -> ApiProblem.invalid("invalid_field", "status",
            "status must be one or more of pending, retrying, delivered, dead (or failed), superseded")));
      }
    });
    return statuses;
  }

  static Set<WebhookEventType> eventTypes(Optional<String> list) {
    Set<WebhookEventType> types = EnumSet.noneOf(WebhookEventType.class);
    list.ifPresent(text -> {
      for (String t : items(text, "event_type")) {
        types.add(WebhookInput.eventType(t.trim(), "event_type"));
      }
    });
    return types;
  }

  /** The entries of a comma-separated list; an empty entry ({@code a,,b}, a trailing comma) is a 400. */
  private static List<String> items(String text, String field) {
    List<String> items = List.of(text.split(",", -1));
    if (items.stream().anyMatch(String::isBlank)) {
      throw ApiProblem.invalid("invalid_field", field, field + " is a comma-separated list without empty entries");
    }
    return items;
  }

  static Instant time(String field, String text) {
    try {
      return Instant.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw ApiProblem.invalid("invalid_field", field, field + " must be an ISO-8601 UTC time such as 2024-12-09T10:00:00Z");
    }
  }

  private static Optional<String> one(MultiMap params, String name) {
    List<String> values = params.getAll(name);
    if (values.isEmpty()) {
      return Optional.empty();
    }
    if (values.size() > 1) {
      throw ApiProblem.invalid("invalid_field", name, name + " may be given once (use commas for several values)");
    }
    String v = values.get(0);
    if (v.length() > MAX_TEXT) {
      throw ApiProblem.invalid("too_long", name, name + " must be at most " + MAX_TEXT + " characters");
    }
    return v.isBlank() ? Optional.empty() : Optional.of(v.trim());
  }

  private static <T> Function<String, T> id(String field, Function<String, T> parse) {
    return text -> {
      try {
        return parse.apply(text);
      } catch (IllegalArgumentException e) {
        throw ApiProblem.invalid("invalid_field", field, e.getMessage());
      }
    };
  }

  private static Position cursor(String text) {
    try {
      return Position.fromCursor(text);
    } catch (IllegalArgumentException e) {
      throw ApiProblem.invalid("invalid_field", "cursor", "cursor must be a next_cursor this API returned");
    }
  }

  private static int limit(Optional<String> text) {
    if (text.isEmpty()) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text.get());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiProblem.invalid("invalid_field", "limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
  }
}
