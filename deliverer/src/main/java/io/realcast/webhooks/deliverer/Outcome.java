package io.realcast.webhooks.deliverer;

import io.realcast.webhooks.delivery.AttemptResult;
import java.time.Duration;
import java.util.Optional;

/** The judgement on one attempt (docs/DELIVERY.md, "Classification"), made by {@link Classifier} alone. */
public sealed interface Outcome {
  /** 0 when no response arrived. */
  int status();

  /** What went wrong without a status, or null. */
  String error();

  AttemptResult result();

  /** A short bounded code for metrics: {@code 2xx}, {@code 5xx}, {@code timeout}, ... */
  String code();

  /** 2xx. */
  record Delivered(int status) implements Outcome {
    public String error() {
      return null;
    }

    public AttemptResult result() {
      return AttemptResult.DELIVERED;
    }

    public String code() {
      return "2xx";
    }
  }

  /** Worth another try; {@code retryAfter} is the endpoint's own request (429/503), uncapped. */
  record Temporary(int status, String error, Optional<Duration> retryAfter) implements Outcome {
    public AttemptResult result() {
      return AttemptResult.TEMPORARY;
    }

    public String code() {
      return status > 0 ? statusCode(status) : error;
    }
  }

  /** Trying again cannot help: other 4xx, any 3xx. */
  record Permanent(int status, String error) implements Outcome {
    public AttemptResult result() {
      return AttemptResult.PERMANENT;
    }

    public String code() {
      return status > 0 ? statusCode(status) : error;
    }
  }

  /** 410: permanent, and the subscription is to be disabled. */
  record Gone(int status) implements Outcome {
    public String error() {
      return null;
    }

    public AttemptResult result() {
      return AttemptResult.GONE;
    }

    public String code() {
      return "410";
    }
  }

  /** The target address is not allowed by the egress policy; nothing was sent. */
  record Refused(String error) implements Outcome {
    public int status() {
      return 0;
    }

    public AttemptResult result() {
      return AttemptResult.PERMANENT;
    }

    public String code() {
      return "target_refused";
    }
  }

  private static String statusCode(int status) {
    // 408, 410, 429 are named; the rest by class, so the tag stays bounded and meaningful.
    return switch (status) {
      case 408, 410, 429 -> Integer.toString(status);
      default -> (status / 100) + "xx";
    };
  }
}
