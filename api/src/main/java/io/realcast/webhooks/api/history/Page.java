package io.realcast.webhooks.api.history;

import java.util.List;
import java.util.Optional;

/**
 * One page of deliveries, newest first. {@code next} is where the following page starts; it is empty once
 * nothing older matches. A page may hold fewer than the limit and still have a next one: a search stops
 * examining entries after a budget, so a rare filter cannot make one request scan a whole history.
 */
public record Page(List<DeliveryEntry> items, Optional<Position> next) {
  public Page {
    items = List.copyOf(items);
  }
}
