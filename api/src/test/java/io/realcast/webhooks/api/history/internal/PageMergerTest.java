package io.realcast.webhooks.api.history.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.api.history.DeliveryEntry;
import io.realcast.webhooks.api.history.DeliveryHistory;
import io.realcast.webhooks.api.history.HistoryEvent;
import io.realcast.webhooks.api.history.HistoryFixtures;
import io.realcast.webhooks.api.history.Page;
import io.realcast.webhooks.api.history.Position;
import io.realcast.webhooks.api.history.RecordRef;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PageMergerTest {
  private static DeliveryEntry at(long seconds) {
    var d = HistoryFixtures.delivery("e" + seconds, HistoryFixtures.T0.plusSeconds(seconds));
    return DeliveryHistory.apply(null, new HistoryEvent.Queued(d, new RecordRef("d", 0, seconds), d.createdAt(), Optional.empty()),
        Duration.ofDays(1)).after();
  }

  private static PartitionPage done(int p, DeliveryEntry... items) {
    return new PartitionPage(p, List.of(items), true, Optional.empty());
  }

  private static PartitionPage stopped(int p, Position last, DeliveryEntry... items) {
    return new PartitionPage(p, List.of(items), false, Optional.of(last));
  }

  @Test
  void shouldMergePartitionsNewestFirstAndEndWithoutACursorWhenAllAreExhausted() {
    Page page = PageMerger.merge(List.of(done(0, at(9), at(5)), done(1, at(8), at(1))), 10);
    assertThat(page.items()).extracting(e -> e.createdAt().getEpochSecond() - HistoryFixtures.T0.getEpochSecond())
        .containsExactly(9L, 8L, 5L, 1L);
    assertThat(page.next()).isEmpty();
  }

  @Test
  void shouldCutAtTheLimitAndContinueAfterTheLastShown() {
    Page page = PageMerger.merge(List.of(done(0, at(9), at(5)), done(1, at(8), at(1))), 3);
    assertThat(page.items()).hasSize(3);
    assertThat(page.next()).contains(at(5).position());
  }

  @Test
  void shouldShowNothingBeyondAPartitionThatStoppedEarlySoTheNextPageHasNoGap() {
    // Partition 1 looked only down to 7 (budget): partition 0's 5 and 1 wait for the next page.
    Page page = PageMerger.merge(List.of(done(0, at(9), at(5), at(1)), stopped(1, at(7).position(), at(8))), 10);
    assertThat(page.items()).extracting(DeliveryEntry::position).containsExactly(at(9).position(), at(8).position());
    assertThat(page.next()).contains(at(7).position());
  }

  @Test
  void shouldAnswerAnEmptyPageWithACursorWhenABudgetRanOutBeforeAnyMatch() {
    Page page = PageMerger.merge(List.of(stopped(0, at(3).position())), 10);
    assertThat(page.items()).isEmpty();
    assertThat(page.next()).contains(at(3).position());
  }
}
