package io.realcast.webhooks.api;

import java.util.OptionalLong;

/**
 * A request the API refuses, answered as {@code {"error":{"code":…,"message":…,"field":…}}} with its status.
 *
 * @param field the JSON field or parameter at fault, or null
 */
public final class ApiProblem extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final String field;
  private final long retryAfterSeconds;

  public ApiProblem(int status, String code, String message, String field) {
    this(status, code, message, field, -1);
  }

  private ApiProblem(int status, String code, String message, String field, long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public static ApiProblem invalid(String code, String field, String message) {
    return new ApiProblem(400, code, message, field);
  }

  public static ApiProblem notFound(String what) {
    return new ApiProblem(404, "not_found", what + " not found", null);
  }

  /** 429 with {@code Retry-After}: the caller went over a rate limit and may try again after that many seconds. */
  public static ApiProblem rateLimited(String message, long retryAfterSeconds) {
    return new ApiProblem(429, "rate_limited", message, null, Math.max(1, retryAfterSeconds));
  }

  /** 503 with {@code Retry-After}: try again shortly. */
  public static ApiProblem unavailable(String message, long retryAfterSeconds) {
    return new ApiProblem(503, "unavailable", message, null, Math.max(1, retryAfterSeconds));
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }

  /** Seconds for a {@code Retry-After} header, if the answer has one. */
  public OptionalLong retryAfterSeconds() {
    return retryAfterSeconds < 0 ? OptionalLong.empty() : OptionalLong.of(retryAfterSeconds);
  }
}
