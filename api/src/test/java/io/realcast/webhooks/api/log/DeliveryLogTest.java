package io.realcast.webhooks.api.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.delivery.Attempt;
import io.realcast.webhooks.delivery.AttemptLog;
import io.realcast.webhooks.delivery.DeliveryState;
import io.realcast.webhooks.delivery.AttemptResult;
import io.realcast.webhooks.delivery.DeadLetter;
import io.realcast.webhooks.delivery.DeadReason;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeliveryLogTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
  private static final WebhookId WH = WebhookId.of("wh_a");
  private static final AppId APP = AppId.of("app_a");
  private static final RecordRef REF = new RecordRef("d", 0, 1);

  private final MutableClock clock = new MutableClock(T0.plusSeconds(60));
  private final List<AttemptLog> gone = new ArrayList<>();
  private final DeliveryLog log = new DeliveryLog(clock, Duration.ofDays(7), 3, gone::add);

  private static Delivery delivery(String event, Instant at) {
    return Delivery.first(WH, APP, WebhookEventType.STREAM_LIVE, EventId.of("evt_" + event), at, at,
        "{}".getBytes(StandardCharsets.UTF_8));
  }

  private static Attempt attempt(int n, Instant at, int status, AttemptResult result) {
    return new Attempt(n, at, 40L * n, status, status == 0 ? "connection refused" : null, result);
  }

  @Test
  void shouldShowADeliveryAsPendingUntilItsFirstAttempt() {
    log.onDelivery(delivery("1", T0), REF, T0);
    assertThat(log.deliveries(WH, Optional.empty(), 10)).singleElement()
        .satisfies(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.PENDING));
  }

  @Test
  void shouldFollowADeliveryThroughRetriesToDelivered() {
    Delivery d = delivery("1", T0);
    log.onDelivery(d, REF, T0);
    log.onAttempt(AttemptLog.of(d, attempt(1, T0.plusSeconds(1), 500, AttemptResult.TEMPORARY), DeliveryState.RETRYING, T0.plusSeconds(2)));
    assertThat(log.find(d.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.RETRYING);
    assertThat(log.find(d.id()).orElseThrow().nextDueAt()).isEqualTo(T0.plusSeconds(2));
    log.onAttempt(AttemptLog.of(d, attempt(2, T0.plusSeconds(3), 200, AttemptResult.DELIVERED), DeliveryState.DELIVERED, null));

    DeliverySummary s = log.find(d.id()).orElseThrow();
    assertThat(s.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(s.attempts()).extracting(Attempt::statusCode).containsExactly(500, 200);
    assertThat(s.nextDueAt()).isNull();
  }

  @Test
  void shouldNotLetALateDeliveryRecordHideAttemptsReadBeforeIt() {
    Delivery d = delivery("1", T0);
    log.onAttempt(AttemptLog.of(d, attempt(1, T0.plusSeconds(1), 200, AttemptResult.DELIVERED), DeliveryState.DELIVERED, null));
    log.onDelivery(d, REF, T0);
    assertThat(log.find(d.id()).orElseThrow().status()).isEqualTo(DeliveryStatus.DELIVERED);
  }

  @Test
  void shouldMarkDeadLettersWithTheirReasonAndCountAttemptsOnce() {
    Delivery d = delivery("1", T0);
    Attempt a1 = attempt(1, T0.plusSeconds(1), 404, AttemptResult.PERMANENT);
    log.onAttempt(AttemptLog.of(d, a1, DeliveryState.DEAD, null));
    log.onDeadLetter(new DeadLetter(d.after(a1, null), DeadReason.PERMANENT_FAILURE, "HTTP 404", T0.plusSeconds(2)), new RecordRef("dead", 0, 7));

    DeliverySummary s = log.find(d.id()).orElseThrow();
    assertThat(s.status()).isEqualTo(DeliveryStatus.DEAD);
    assertThat(s.deadReason()).isEqualTo("permanent_failure");
    assertThat(s.attempts()).hasSize(1);
    assertThat(s.source()).contains(new RecordRef("dead", 0, 7));
    assertThat(log.deadSince(WH, T0)).hasSize(1);
    assertThat(log.deadSince(WH, T0.plusSeconds(3))).isEmpty();
  }

  @Test
  void shouldKeepTheDeadReasonWhenTheFinalAttemptIsReadBeforeItsDeadLetter() {
    Delivery d = delivery("1", T0);
    Attempt a1 = new Attempt(1, T0.plusSeconds(1), 900, 500, null, AttemptResult.TEMPORARY);
    log.onAttempt(AttemptLog.of(d, a1, DeliveryState.DEAD, null));
    // The deliverer stamped the dead letter a moment before the attempt's end as the log computes it.
    log.onDeadLetter(new DeadLetter(d.after(a1, null), DeadReason.RETRIES_EXHAUSTED, "", T0.plusMillis(1500)), new RecordRef("dead", 0, 3));

    DeliverySummary s = log.find(d.id()).orElseThrow();
    assertThat(s.status()).isEqualTo(DeliveryStatus.DEAD);
    assertThat(s.deadReason()).isEqualTo("retries_exhausted");
    assertThat(s.source()).contains(new RecordRef("dead", 0, 3));
  }

  @Test
  void shouldShowARedeliveryAsPendingAgain() {
    Delivery d = delivery("1", T0);
    log.onDelivery(d, REF, T0);
    log.onDeadLetter(new DeadLetter(d, DeadReason.RETRIES_EXHAUSTED, "", T0.plusSeconds(30)), new RecordRef("dead", 0, 1));
    log.onDelivery(d.restarted(), new RecordRef("d", 0, 9), T0.plusSeconds(40));

    DeliverySummary s = log.find(d.id()).orElseThrow();
    assertThat(s.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(s.deadReason()).isNull();
    assertThat(s.source()).contains(new RecordRef("d", 0, 9));
  }

  @Test
  void shouldListNewestFirstAndFilterByStatus() {
    for (int i = 0; i < 3; i++) {
      Delivery d = delivery(Integer.toString(i), T0.plusSeconds(i));
      log.onDelivery(d, REF, T0.plusSeconds(i));
      if (i == 1) {
        log.onAttempt(AttemptLog.of(d, attempt(1, T0.plusSeconds(10), 200, AttemptResult.DELIVERED), DeliveryState.DELIVERED, null));
      }
    }
    assertThat(log.deliveries(WH, Optional.empty(), 10)).extracting(d -> d.eventId().value())
        .containsExactly("evt_1", "evt_2", "evt_0");
    assertThat(log.deliveries(WH, Optional.of(DeliveryStatus.PENDING), 10)).extracting(d -> d.eventId().value())
        .containsExactly("evt_2", "evt_0");
    assertThat(log.deliveries(WH, Optional.empty(), 1)).hasSize(1);
  }

  @Test
  void shouldKeepABoundedNumberOfDeliveriesPerWebhook() {
    for (int i = 0; i < 5; i++) {
      log.onDelivery(delivery(Integer.toString(i), T0.plusSeconds(i)), REF, T0.plusSeconds(i));
    }
    assertThat(log.deliveries(WH, Optional.empty(), 10)).extracting(d -> d.eventId().value())
        .containsExactly("evt_4", "evt_3", "evt_2");
    assertThat(log.size()).isEqualTo(3);
  }

  @Test
  void shouldForgetDeliveriesIdleLongerThanTheRetention() {
    log.onDelivery(delivery("old", T0), REF, T0);
    clock.now = T0.plus(Duration.ofDays(7)).plusSeconds(1);
    log.onDelivery(delivery("new", clock.now), REF, clock.now);
    assertThat(log.deliveries(WH, Optional.empty(), 10)).extracting(d -> d.eventId().value()).containsExactly("evt_new");
  }

  @Test
  void shouldReportGoneAttempts() {
    Delivery d = delivery("1", T0);
    AttemptLog attempt = AttemptLog.of(d, attempt(1, T0.plusSeconds(1), 410, AttemptResult.GONE), DeliveryState.DEAD, null);
    log.onAttempt(attempt);
    assertThat(gone).containsExactly(attempt);
  }

  @Test
  void shouldComputeStatsInTheGuidesShapeWithLatencyPercentiles() {
    Delivery ok = delivery("ok", T0);
    log.onAttempt(AttemptLog.of(ok, attempt(1, T0.plusSeconds(1), 503, AttemptResult.TEMPORARY), DeliveryState.RETRYING, T0));
    log.onAttempt(AttemptLog.of(ok, attempt(2, T0.plusSeconds(2), 200, AttemptResult.DELIVERED), DeliveryState.DELIVERED, null));
    Delivery failing = delivery("failing", T0);
    log.onAttempt(AttemptLog.of(failing, attempt(1, T0.plusSeconds(3), 0, AttemptResult.TEMPORARY), DeliveryState.RETRYING, T0));

    WebhookStats s = log.stats(WH);
    assertThat(s.received()).isEqualTo(2);
    assertThat(s.processed()).isEqualTo(1);
    assertThat(s.failed()).isEqualTo(2);
    assertThat(s.retrying()).isEqualTo(1);
    assertThat(s.attempts()).isEqualTo(3);
    assertThat(s.p50LatencyMillis()).isEqualTo(40);
    assertThat(s.p99LatencyMillis()).isEqualTo(80);
    assertThat(s.lastSuccessAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(s.lastFailureAt()).isEqualTo(T0.plusSeconds(3));
    assertThat(s.lastFailure()).isEqualTo("connection refused");
  }

  @Test
  void shouldGiveEmptyStatsForAWebhookWithoutDeliveries() {
    WebhookStats s = log.stats(WH);
    assertThat(s.received()).isZero();
    assertThat(s.p50LatencyMillis()).isEqualTo(-1);
    assertThat(s.lastSuccessAt()).isNull();
  }

  static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
