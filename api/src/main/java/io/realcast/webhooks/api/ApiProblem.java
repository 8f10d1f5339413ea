package io.realcast.webhooks.api;

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

  public ApiProblem(int status, String code, String message, String field) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  public static ApiProblem invalid(String code, String field, String message) {
    return new ApiProblem(400, code, message, field);
  }

  public static ApiProblem notFound(String what) {
    return new ApiProblem(404, "not_found", what + " not found", null);
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
}
