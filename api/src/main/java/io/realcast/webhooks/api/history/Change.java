package io.realcast.webhooks.api.history;

import io.realcast.webhooks.delivery.Attempt;
import java.util.List;

/**
 * What one record did to one delivery: its entry before (null if new) and after, and the attempts this record
 * made known for the first time, each with the outcome it stands for in the charts.
 */
public record Change(DeliveryEntry before, DeliveryEntry after, List<NewAttempt> newAttempts) {
  public Change {
    newAttempts = List.copyOf(newAttempts);
  }

  /** @param outcome where the delivery stood after this attempt */
  public record NewAttempt(Attempt attempt, DeliveryStatus outcome) {}

  public boolean isNew() {
    return before == null;
  }

  public boolean statusChanged() {
    return before == null || before.status() != after.status();
  }
}
