package io.realcast.webhooks.router.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.event.ViewerCountUpdatePayload;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ViewerCountTickerTest {
  private static final Instant T0 = Instant.parse("2024-12-09T10:00:00Z");
  private static final StreamState LIVE = StreamState.started("s1", AppId.of("app_a"), EventId.of("evt_live"), "t", T0);

  @Test
  void shouldCountTheFirstChangeFromZero() {
    ViewerCountTicker.Tick tick = ViewerCountTicker.tick(LIVE.withViewers(125), T0.plusSeconds(30));

    assertThat(tick.update().data()).isEqualTo(new ViewerCountUpdatePayload("s1", 125, 125));
    assertThat(tick.update().timestamp()).isEqualTo(T0.plusSeconds(30));
    assertThat(tick.next().lastReportedViewers()).isEqualTo(125);
    assertThat(tick.next().updates()).isEqualTo(1);
  }

  @Test
  void shouldReportTheChangeSinceThePreviousUpdateIncludingDrops() {
    StreamState afterFirst = ViewerCountTicker.tick(LIVE.withViewers(125), T0).next();

    ViewerCountTicker.Tick up = ViewerCountTicker.tick(afterFirst.withViewers(128), T0.plusSeconds(30));
    ViewerCountTicker.Tick down = ViewerCountTicker.tick(up.next().withViewers(100), T0.plusSeconds(60));

    assertThat(up.update().data()).isEqualTo(new ViewerCountUpdatePayload("s1", 128, 3));
    assertThat(down.update().data()).isEqualTo(new ViewerCountUpdatePayload("s1", 100, -28));
  }

  @Test
  void shouldDeriveTheSameIdForTheSameTickAndDifferentIdsForOthers() {
    ViewerCountTicker.Tick a = ViewerCountTicker.tick(LIVE, T0);
    ViewerCountTicker.Tick again = ViewerCountTicker.tick(LIVE, T0.plusSeconds(1));
    ViewerCountTicker.Tick next = ViewerCountTicker.tick(a.next(), T0.plusSeconds(30));
    StreamState otherSession = StreamState.started("s1", AppId.of("app_a"), EventId.of("evt_live2"), "t", T0);

    assertThat(again.update().id()).isEqualTo(a.update().id());
    assertThat(next.update().id()).isNotEqualTo(a.update().id());
    assertThat(ViewerCountTicker.tick(otherSession, T0).update().id()).isNotEqualTo(a.update().id());
  }
}
