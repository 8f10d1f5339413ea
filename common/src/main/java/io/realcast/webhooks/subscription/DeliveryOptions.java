package io.realcast.webhooks.subscription;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * How a webhook wants its deliveries sent (docs/DELIVERY.md, "Stream-aware delivery"): in order per stream or not, at most how fast, how many at once,
 * and which extra request headers. The defaults keep a webhook exactly as the integration guide describes it.
 *
 * @param rateLimitPerSecond requests per second at most, or empty for no limit
 * @param maxInFlight requests in flight at once, or empty for the deliverer's own limit
 * @param headers extra request headers, in order; never one of ours (see {@link #headerProblem})
 */
public record DeliveryOptions(Ordering ordering, OptionalInt rateLimitPerSecond, OptionalInt maxInFlight,
    Map<String, String> headers) {

  public static final DeliveryOptions DEFAULTS = new DeliveryOptions(Ordering.NONE, OptionalInt.empty(), OptionalInt.empty(), Map.of());
  public static final int MAX_HEADERS = 20;
  public static final int MAX_HEADER_VALUE_LENGTH = 1024;
  public static final int MAX_RATE_LIMIT = 100_000;
  public static final int MAX_IN_FLIGHT = 1024;

  /** Headers a webhook may not set: ours (they carry the signature and the delivery's identity) and the transport's. */
  private static final Set<String> RESERVED = Set.of("content-type", "content-length", "content-encoding", "host",
      "user-agent", "transfer-encoding", "connection", "keep-alive", "upgrade", "te", "trailer", "expect",
      "proxy-authorization", "proxy-connection", "traceparent", "tracestate");
  private static final String[] RESERVED_PREFIXES = {"x-realcast-", "webhook-"};

  /** Whether a webhook's deliveries of one stream go out one at a time, in the order the router made them. */
  public enum Ordering {
    NONE,
    STREAM;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Ordering> fromCode(String code) {
      for (Ordering o : values()) {
        if (o.code().equals(code)) {
          return Optional.of(o);
        }
      }
      return Optional.empty();
    }
  }

  public DeliveryOptions {
    ordering = ordering == null ? Ordering.NONE : ordering;
    rateLimitPerSecond = rateLimitPerSecond == null ? OptionalInt.empty() : rateLimitPerSecond;
    maxInFlight = maxInFlight == null ? OptionalInt.empty() : maxInFlight;
    headers = headers == null || headers.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  public boolean ordered() {
    return ordering == Ordering.STREAM;
  }

  public DeliveryOptions withOrdering(Ordering o) {
    return new DeliveryOptions(o, rateLimitPerSecond, maxInFlight, headers);
  }

  public DeliveryOptions withRateLimitPerSecond(OptionalInt limit) {
    return new DeliveryOptions(ordering, limit, maxInFlight, headers);
  }

  public DeliveryOptions withMaxInFlight(OptionalInt n) {
    return new DeliveryOptions(ordering, rateLimitPerSecond, n, headers);
  }

  public DeliveryOptions withHeaders(Map<String, String> h) {
    return new DeliveryOptions(ordering, rateLimitPerSecond, maxInFlight, h);
  }

  /** What is wrong with a custom header, in words fit for an API error, or empty if it may be sent. */
  public static Optional<String> headerProblem(String name, String value) {
    if (name == null || name.isEmpty() || !isToken(name)) {
      return Optional.of("a header name is letters, digits and !#$%&'*+-.^_`|~ only");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (RESERVED.contains(lower)) {
      return Optional.of("header " + name + " is set by RealCast and cannot be overridden");
    }
    for (String prefix : RESERVED_PREFIXES) {
      if (lower.startsWith(prefix)) {
        return Optional.of("headers starting with " + prefix + " are RealCast's own");
      }
    }
    if (value == null || value.length() > MAX_HEADER_VALUE_LENGTH) {
      return Optional.of("header " + name + " needs a value of at most " + MAX_HEADER_VALUE_LENGTH + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f || c > 0xff) {
        return Optional.of("header " + name + " may hold visible ASCII and Latin-1 characters only");
      }
    }
    return Optional.empty();
  }

  /** RFC 9110 token characters. */
  private static boolean isToken(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
