package io.realcast.webhooks.verifier;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Verifies RealCast webhooks in a Java receiver. The caller names the scheme it trusts:
 *
 * <ul>
 *   <li>{@link #verifyStandardWebhooks}: the {@code webhook-id}, {@code webhook-timestamp} and
 *       {@code webhook-signature} headers, which sign the timestamp too, so a captured request is refused once
 *       it is older than the tolerance (5 minutes by default). Use this one.
 *   <li>{@link #verifyRealcastSignatureWithoutReplayProtection}: {@code X-RealCast-Signature} alone, for
 *       receivers that must check exactly what the Node.js, Python and PHP examples check. It has no
 *       timestamp: a captured request verifies again later. When Standard Webhooks headers are present it
 *       checks them as well, so only a request stripped of all three falls back to the weaker check.
 * </ul>
 *
 * <p>Holding several secrets covers a rotation: a request verifies when any secret signed it. Every
 * comparison is constant-time. Thread-safe.
 *
 * <pre>{@code
 * WebhookVerifier verifier = WebhookVerifier.withSecrets(System.getenv("WEBHOOK_SECRET"));
 * verifier.verifyStandardWebhooks(body, exchange.getRequestHeaders()::getFirst); // throws WebhookVerificationException
 * }</pre>
 */
public final class WebhookVerifier {
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
  public static final String REALCAST_SIGNATURE = "X-RealCast-Signature";
  public static final String REALCAST_SIGNATURE_PREVIOUS = "X-RealCast-Signature-Previous";
  public static final String WEBHOOK_ID = "webhook-id";
  public static final String WEBHOOK_TIMESTAMP = "webhook-timestamp";
  public static final String WEBHOOK_SIGNATURE = "webhook-signature";

  private final List<String> secrets;
  private final List<byte[]> standardKeys;
  private final Duration tolerance;
  private final Clock clock;

  private WebhookVerifier(Builder builder) {
    if (builder.secrets.isEmpty()) {
      throw new IllegalArgumentException("a verifier needs at least one secret");
    }
    if (builder.tolerance.isNegative()) {
      throw new IllegalArgumentException("the timestamp tolerance cannot be negative");
    }
    this.secrets = List.copyOf(builder.secrets);
    this.standardKeys = secrets.stream().map(WebhookSignatures::standardKey).toList();
    this.tolerance = builder.tolerance;
    this.clock = builder.clock;
  }

  /** A verifier for these secrets (one, or the old and the new during a rotation), 5 minutes' tolerance. */
  public static WebhookVerifier withSecrets(String... secrets) {
    Builder builder = builder();
    for (String secret : secrets) {
      builder.secret(secret);
    }
    return builder.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Standard Webhooks: all three {@code webhook-*} headers must be present, the timestamp within the
   * tolerance of this verifier's clock, and one {@code v1,} entry must match a held secret.
   */
  public void verifyStandardWebhooks(byte[] body, HeaderLookup headers) throws WebhookVerificationException {
    String id = headers.get(WEBHOOK_ID);
    String timestamp = headers.get(WEBHOOK_TIMESTAMP);
    String signatures = headers.get(WEBHOOK_SIGNATURE);
    if (id == null || timestamp == null || signatures == null) {
      throw new WebhookVerificationException("missing " + WEBHOOK_ID + ", " + WEBHOOK_TIMESTAMP + " or " + WEBHOOK_SIGNATURE + " header");
    }
    long seconds = withinTolerance(timestamp);
    for (byte[] key : standardKeys) {
      String expected = WebhookSignatures.standard(key, id, seconds, body);
      for (String candidate : signatures.split(" ")) {
        if (constantTimeEquals(expected, candidate)) {
          return;
        }
      }
    }
    throw new WebhookVerificationException("no " + WEBHOOK_SIGNATURE + " entry matches");
  }

  /**
   * {@code X-RealCast-Signature} (or, during a rotation, {@code X-RealCast-Signature-Previous}) over the raw
   * body. <b>No replay protection</b>: the signature covers no time. If any Standard Webhooks header is
   * present, {@link #verifyStandardWebhooks} must pass too, timestamp tolerance included.
   */
  public void verifyRealcastSignatureWithoutReplayProtection(byte[] body, HeaderLookup headers)
      throws WebhookVerificationException {
    if (headers.get(WEBHOOK_ID) != null || headers.get(WEBHOOK_TIMESTAMP) != null || headers.get(WEBHOOK_SIGNATURE) != null) {
      verifyStandardWebhooks(body, headers);
    }
    List<String> offered = new ArrayList<>(2);
    for (String name : List.of(REALCAST_SIGNATURE, REALCAST_SIGNATURE_PREVIOUS)) {
      String value = headers.get(name);
      if (value != null) {
        offered.add(value);
      }
    }
    if (offered.isEmpty() || !offered.get(0).startsWith(WebhookSignatures.REALCAST_PREFIX)) {
      throw new WebhookVerificationException("missing or malformed " + REALCAST_SIGNATURE + " header");
    }
    for (String secret : secrets) {
      String expected = WebhookSignatures.realcast(secret, body);
      for (String candidate : offered) {
        if (constantTimeEquals(expected, candidate)) {
          return;
        }
      }
    }
    throw new WebhookVerificationException(REALCAST_SIGNATURE + " does not match");
  }

  private long withinTolerance(String timestamp) throws WebhookVerificationException {
    long seconds;
    try {
      seconds = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      throw new WebhookVerificationException(WEBHOOK_TIMESTAMP + " is not a number of seconds");
    }
    long now = clock.instant().getEpochSecond();
    if (Math.abs(now - seconds) > tolerance.toSeconds()) {
      throw new WebhookVerificationException(WEBHOOK_TIMESTAMP + " is outside the tolerance of " + tolerance);
    }
    return seconds;
  }

  private static boolean constantTimeEquals(String expected, String actual) {
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
  }

  /** Secrets (at least one), tolerance (default 5 minutes) and clock (default the system's, UTC). */
  public static final class Builder {
    private final List<String> secrets = new ArrayList<>();
    private Duration tolerance = DEFAULT_TOLERANCE;
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** A secret as the dashboard shows it, {@code whsec_…}; add the old and the new one during a rotation. */
    public Builder secret(String secret) {
      WebhookSignatures.standardKey(secret); // fails fast on a malformed secret
      secrets.add(secret);
      return this;
    }

    /** How far {@code webhook-timestamp} may be from the clock, either way. */
    public Builder tolerance(Duration tolerance) {
      this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public WebhookVerifier build() {
      return new WebhookVerifier(this);
    }
  }
}
