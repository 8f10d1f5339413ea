package io.realcast.webhooks.router.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.event.ViewerCountUpdatePayload;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ViewerCountTickerTest {
  private static final Instant T0 = Instant.parse("2024-12-09T10:00:00Z");
  private static final long NOW = T0.toEpochMilli();
  private static final long INTERVAL = 30_000;
  private static final StreamState LIVE = live("evt_live");

  private static StreamState live(String liveId) {
    return StreamState.started(new StreamState.Session("s1", AppId.of("app_a"), EventId.of(liveId), "t", T0), T0, NOW, INTERVAL);
  }

  private static StreamState viewers(StreamState state, long n) {
    return state.withViewers(new StreamState.ViewerCounts(n, 0, Math.max(n, state.peakViewers()), state.viewers().lastReported()));
  }

  @Test
  void shouldCountTheFirstChangeFromZero() {
    ViewerCountTicker.Tick tick = ViewerCountTicker.tick(viewers(LIVE, 125), NOW + INTERVAL, INTERVAL);

    assertThat(tick.update().data()).isEqualTo(new ViewerCountUpdatePayload("s1", 125, 125));
    assertThat(tick.update().timestamp()).isEqualTo(T0.plusSeconds(30));
    assertThat(tick.next().viewers().lastReported()).isEqualTo(125);
    assertThat(tick.next().cadence()).isEqualTo(new StreamState.Cadence(1, NOW + 2 * INTERVAL));
  }

  @Test
  void shouldReportTheChangeSinceThePreviousUpdateIncludingDrops() {
    StreamState afterFirst = ViewerCountTicker.tick(viewers(LIVE, 125), NOW + INTERVAL, INTERVAL).next();

    ViewerCountTicker.Tick up = ViewerCountTicker.tick(viewers(afterFirst, 128), NOW + 2 * INTERVAL, INTERVAL);
    ViewerCountTicker.Tick down = ViewerCountTicker.tick(viewers(up.next(), 100), NOW + 3 * INTERVAL, INTERVAL);

    assertThat(up.update().data()).isEqualTo(new ViewerCountUpdatePayload("s1", 128, 3));
    assertThat(down.update().data()).isEqualTo(new ViewerCountUpdatePayload("s1", 100, -28));
  }

  @Test
  void shouldKeepTheStreamsOwnPhaseAndNotMakeUpMissedUpdates() {
    // Due at +30 s; nobody ran until +2 min 10 s: one update now, the next at +2 min 30 s.
    ViewerCountTicker.Tick late = ViewerCountTicker.tick(LIVE, NOW + 130_000, INTERVAL);

    assertThat(late.next().cadence()).isEqualTo(new StreamState.Cadence(1, NOW + 150_000));
    assertThat(late.update().timestamp()).isEqualTo(T0.plusSeconds(130));
  }

  @Test
  void shouldDeriveTheSameIdForTheSameTickAndDifferentIdsForOthers() {
    ViewerCountTicker.Tick a = ViewerCountTicker.tick(LIVE, NOW + INTERVAL, INTERVAL);
    ViewerCountTicker.Tick again = ViewerCountTicker.tick(LIVE, NOW + INTERVAL + 1000, INTERVAL);
    ViewerCountTicker.Tick next = ViewerCountTicker.tick(a.next(), NOW + 2 * INTERVAL, INTERVAL);

    assertThat(again.update().id()).isEqualTo(a.update().id());
    assertThat(a.update().id().value()).startsWith("evt_vcu_");
    assertThat(next.update().id()).isNotEqualTo(a.update().id());
    assertThat(ViewerCountTicker.tick(live("evt_live2"), NOW + INTERVAL, INTERVAL).update().id()).isNotEqualTo(a.update().id());
  }
}
