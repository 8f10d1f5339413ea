package io.realcast.webhooks.api.store;

/** Kafka did not take a write, or a view did not catch up with it in time: the API answers 503. */
public final class StoreUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
