package io.realcast.webhooks.api.history;

import io.realcast.webhooks.id.AppId;
import java.time.Duration;

/** How long the history keeps an app's deliveries after their last activity (the default, or the app's own). */
@FunctionalInterface
public interface RetentionPolicy {
  Duration of(AppId app);
}
