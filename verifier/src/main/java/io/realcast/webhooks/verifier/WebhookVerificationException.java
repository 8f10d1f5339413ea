package io.realcast.webhooks.verifier;

/** A webhook request that must be refused: the message says which check failed, never a secret. */
public final class WebhookVerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  public WebhookVerificationException(String message) {
    super(message);
  }
}
