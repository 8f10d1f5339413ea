package io.realcast.webhooks.deliverer;

import io.realcast.webhooks.deliverer.SendResult.Failure;
import io.realcast.webhooks.deliverer.SendResult.Refused;
import io.realcast.webhooks.deliverer.SendResult.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The one place where an attempt is judged (docs/DELIVERY.md, "Classification"): 2xx delivered; 408, 429, 5xx and transport
 * failures temporary; 410 gone; other 4xx and every 3xx (redirects are not followed) permanent.
 */
public final class Classifier {
  private Classifier() {}

  public static Outcome classify(SendResult result, Instant now) {
    // Java 17: no pattern switch yet; the sealed SendResult keeps this list complete.
    if (result instanceof Response r) {
      return classifyStatus(r.status(), r.retryAfter(), now);
    }
    if (result instanceof Failure f) {
      return new Outcome.Temporary(0, f.kind().code(), Optional.empty());
    }
    return new Outcome.Refused(((Refused) result).detail());
  }

  static Outcome classifyStatus(int status, String retryAfter, Instant now) {
    if (status >= 200 && status < 300) {
      return new Outcome.Delivered(status);
    }
    if (status == 410) {
      return new Outcome.Gone(status);
    }
    if (status == 429 || status == 503) {
      return new Outcome.Temporary(status, null, parseRetryAfter(retryAfter, now));
    }
    if (status == 408 || (status >= 500 && status < 600)) {
      return new Outcome.Temporary(status, null, Optional.empty());
    }
    return new Outcome.Permanent(status, null);
  }

  /** {@code Retry-After} as delay-seconds or an HTTP-date; empty when absent or unreadable. */
  static Optional<Duration> parseRetryAfter(String value, Instant now) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    String v = value.trim();
    if (v.chars().allMatch(Character::isDigit)) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
      } catch (NumberFormatException e) {
        return Optional.of(Duration.ofDays(1)); // absurdly long: capped later
      }
    }
    try {
      Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration wait = Duration.between(now, at);
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
