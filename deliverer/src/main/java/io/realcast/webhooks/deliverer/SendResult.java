package io.realcast.webhooks.deliverer;

import java.time.Duration;

/** What happened on the wire during one attempt, before any judgement: the input of {@link Classifier}. */
public sealed interface SendResult {
  Duration latency();

  /** The endpoint answered with a status line. */
  record Response(int status, String retryAfter, Duration latency) implements SendResult {}

  /** No status arrived. */
  record Failure(FailureKind kind, String detail, Duration latency) implements SendResult {}

  /** The URL's host resolved to an address the egress policy forbids; nothing was sent. */
  record Refused(String detail) implements SendResult {
    @Override
    public Duration latency() {
      return Duration.ZERO;
    }
  }

  /** Kinds of transport failure; each is a bounded metric tag. */
  enum FailureKind {
    TIMEOUT("timeout"),
    CONNECTION_REFUSED("connection_refused"),
    CONNECTION_RESET("connection_reset"),
    DNS("dns_failure"),
    BAD_URL("bad_url"),
    IO("io_error");

    private final String code;

    FailureKind(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }
}
