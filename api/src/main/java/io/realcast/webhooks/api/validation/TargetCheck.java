package io.realcast.webhooks.api.validation;

import java.util.Optional;

/** Decides whether a webhook URL's host may be a target; the deliverer checks again at connect time. */
@FunctionalInterface
public interface TargetCheck {
  /** Accepts every host: local and demo mode (REALCAST_ALLOW_PRIVATE_TARGETS=true). */
  TargetCheck ALLOW_ALL = host -> Optional.empty();

  /** Why {@code host} is refused (e.g. it resolves to a private address), or empty if it is acceptable. */
  Optional<String> refusal(String host);
}
