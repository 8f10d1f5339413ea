package io.realcast.webhooks.event;

/** A raw event that breaks the raw event contract (producer/README.md); names the reason and the offending field. */
public final class InvalidRawEventException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final InvalidReason reason;
  private final String field;

  public InvalidRawEventException(InvalidReason reason, String field, String message) {
    super(field == null ? message : field + ": " + message, null, false, false);
    this.reason = reason;
    this.field = field;
  }

  public InvalidReason reason() {
    return reason;
  }

  /** The JSON path of the offending field ({@code data.viewer_id}), or null when the whole input is bad. */
  public String field() {
    return field;
  }
}
