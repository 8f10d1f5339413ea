package io.realcast.webhooks.api.manage;

import java.time.Duration;
import java.util.Optional;

/**
 * What a {@code PATCH} of an app changes; an empty field is left as it is.
 *
 * @param historyRetention days the history keeps the app's deliveries, or an empty value for the default
 * @param operationalWebhookUrl where {@code webhook.disabled} goes, checked like any webhook URL, or an empty value for
 *     nowhere (the operational webhook is deleted)
 */
public record AppChange(Optional<String> name, Optional<Optional<Duration>> historyRetention,
    Optional<Optional<String>> operationalWebhookUrl) {

  /** Whether the change touches the app's own record (realcast.apps), not only its operational webhook. */
  boolean changesRecord() {
    return name.isPresent() || historyRetention.isPresent();
  }
}
