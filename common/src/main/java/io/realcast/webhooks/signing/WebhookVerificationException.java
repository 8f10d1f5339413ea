package io.realcast.webhooks.signing;

/** A webhook request that must be rejected: the message says which check failed, never a secret. */
public final class WebhookVerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  public WebhookVerificationException(String message) {
    super(message);
  }
}
