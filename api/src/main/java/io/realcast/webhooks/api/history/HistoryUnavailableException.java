package io.realcast.webhooks.api.history;

/**
 * The history cannot answer right now: it is still restoring its stores, or partitions are moving between api
 * instances. The API answers 503 with Retry-After; nothing is lost, the answer comes once it settles.
 */
public final class HistoryUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public HistoryUnavailableException(String message) {
    super(message);
  }

  public HistoryUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
