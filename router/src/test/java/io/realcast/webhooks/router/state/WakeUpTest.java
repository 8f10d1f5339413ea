package io.realcast.webhooks.router.state;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.event.StreamOfflinePayload;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WakeUpTest {
  private static final Instant T0 = Instant.parse("2024-12-09T10:00:00Z");
  private static final long NOW = T0.toEpochMilli();
  private static final StreamRules RULES = StreamRules.defaults(Duration.ofSeconds(30));
  private static final StreamState LIVE = StreamState.started(
      new StreamState.Session("s1", AppId.of("app_a"), EventId.of("evt_live"), "t", T0), T0, NOW, 30_000);

  @Test
  void shouldWaitForTheFirstUpdateOneIntervalAfterStreamLive() {
    assertThat(WakeUp.of(LIVE, NOW + 29_999, RULES)).isEqualTo(new WakeUp.Wait(NOW + 30_000));
    assertThat(WakeUp.dueAt(LIVE, RULES)).isEqualTo(NOW + 30_000);
  }

  @Test
  void shouldTickWhenTheUpdateIsDue() {
    WakeUp.Tick tick = (WakeUp.Tick) WakeUp.of(LIVE, NOW + 30_000, RULES);

    assertThat(tick.next().cadence().nextUpdateMillis()).isEqualTo(NOW + 60_000);
  }

  @Test
  void shouldExpireAStreamIdleForTheTimeoutWithItsLastActivity() {
    StreamState active = LIVE.withViewers(new StreamState.ViewerCounts(2, 0, 7, 2))
        .seen(NOW + 60_000, T0.plusSeconds(62));

    assertThat(WakeUp.of(active, NOW + 60_000 + 15 * 60_000 - 1000, RULES)).isInstanceOf(WakeUp.Tick.class);
    WakeUp.Expire expire = (WakeUp.Expire) WakeUp.of(active, NOW + 60_000 + 15 * 60_000, RULES);

    assertThat(expire.offline().data()).isEqualTo(new StreamOfflinePayload("s1", 62, 7, T0.plusSeconds(62)));
    assertThat(expire.offline().timestamp()).isEqualTo(T0.plusSeconds(62));
    assertThat(expire.offline().id()).isEqualTo(WakeUp.expiry(active).id());
    assertThat(expire.offline().id().value()).startsWith("evt_idle_");
  }

  @Test
  void shouldBeDueAtTheEndOfTheIdleTimeWhenThatComesBeforeTheNextUpdate() {
    StreamRules shortIdle = RULES.withIdleTimeout(Duration.ofSeconds(10));

    assertThat(WakeUp.dueAt(LIVE, shortIdle)).isEqualTo(NOW + 10_000);
  }

  @Test
  void shouldCompleteStateOfAnOlderVersionAtOnce() {
    StreamState old = new StreamState(LIVE.session(), new StreamState.ViewerCounts(5, 5, 5, 3),
        new StreamState.Activity(StreamState.Activity.UNKNOWN, T0), new StreamState.Cadence(4, StreamState.Activity.UNKNOWN));

    assertThat(WakeUp.dueAt(old, RULES)).isZero();
    WakeUp.Tick tick = (WakeUp.Tick) WakeUp.of(old, NOW + 5_000_000, RULES);

    assertThat(tick.next().activity().lastSeenMillis()).isEqualTo(NOW + 5_000_000);
    assertThat(tick.next().cadence()).isEqualTo(new StreamState.Cadence(5, NOW + 5_030_000));
  }
}
