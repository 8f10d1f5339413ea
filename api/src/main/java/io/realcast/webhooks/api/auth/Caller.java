package io.realcast.webhooks.api.auth;

import io.realcast.webhooks.id.AppId;

/** Who sent a request: the operator with the admin key, or one app with its own key. */
public sealed interface Caller {
  /** Whether this caller may see and change {@code app}'s webhooks and deliveries. */
  boolean canAccess(AppId app);

  boolean isAdmin();

  record Admin() implements Caller {
    @Override
    public boolean canAccess(AppId app) {
      return true;
    }

    @Override
    public boolean isAdmin() {
      return true;
    }
  }

  record OfApp(AppId app) implements Caller {
    @Override
    public boolean canAccess(AppId other) {
      return app.equals(other);
    }

    @Override
    public boolean isAdmin() {
      return false;
    }
  }
}
