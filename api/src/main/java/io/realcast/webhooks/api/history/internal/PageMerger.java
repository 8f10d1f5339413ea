package io.realcast.webhooks.api.history.internal;

import io.realcast.webhooks.api.history.DeliveryEntry;
import io.realcast.webhooks.api.history.Page;
import io.realcast.webhooks.api.history.Position;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Merges the pages of several partitions into one page of the global order. A partition that stopped early (at its
 * limit or its scan budget) may hold more matches after its last examined position, so nothing beyond the earliest
 * such position may be shown yet: the next page starts there. This keeps paging free of gaps and repeats however
 * the partitions' answers interleave.
 */
public final class PageMerger {
  private PageMerger() {}

  public static Page merge(List<PartitionPage> pages, int limit) {
    Optional<Position> boundary = pages.stream().filter(p -> !p.exhausted()).map(PartitionPage::lastExamined)
        .flatMap(Optional::stream).min(Comparator.naturalOrder());
    List<DeliveryEntry> all = new ArrayList<>();
    pages.forEach(p -> all.addAll(p.items()));
    all.sort(Comparator.comparing(DeliveryEntry::position));
    List<DeliveryEntry> shown = new ArrayList<>();
    boolean more = false;
    for (DeliveryEntry e : all) {
      if (boundary.isPresent() && e.position().compareTo(boundary.get()) > 0) {
        more = true;
        break;
      }
      if (shown.size() == limit) {
        more = true;
        break;
      }
      shown.add(e);
    }
    more |= boundary.isPresent();
    if (!more) {
      return new Page(shown, Optional.empty());
    }
    Position next = shown.size() == limit ? shown.get(shown.size() - 1).position() : boundary.orElseGet(
        () -> shown.get(shown.size() - 1).position());
    return new Page(shown, Optional.of(next));
  }
}
