package io.realcast.webhooks.api.history.internal;

import io.realcast.webhooks.api.history.DeliveryEntry;
import io.realcast.webhooks.api.history.Position;
import java.util.List;
import java.util.Optional;

/**
 * What one partition answers to a search: matching entries in order, and whether it looked at everything in range.
 *
 * @param lastExamined the position of the last index entry it looked at; meaningful only when not exhausted (it
 *     stopped at its limit or its budget), where it bounds what a merged page may show
 */
public record PartitionPage(int partition, List<DeliveryEntry> items, boolean exhausted, Optional<Position> lastExamined) {
  public PartitionPage {
    items = List.copyOf(items);
  }
}
