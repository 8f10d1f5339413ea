package io.realcast.webhooks.api.http;

/** Who may call a route. */
public enum Access {
  /** Any valid key; what it then sees depends on the key (an app key sees its own app only). */
  ANY_KEY,
  /** The admin key only. */
  ADMIN
}
