package io.realcast.webhooks.api.history;

import static io.realcast.webhooks.api.history.HistoryFixtures.T0;
import static io.realcast.webhooks.api.history.HistoryFixtures.attempt;
import static io.realcast.webhooks.api.history.HistoryFixtures.delivery;
import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.delivery.Attempt;
import io.realcast.webhooks.delivery.AttemptLog;
import io.realcast.webhooks.delivery.AttemptResult;
import io.realcast.webhooks.delivery.DeadLetter;
import io.realcast.webhooks.delivery.DeadReason;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.delivery.DeliveryState;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How records of the three topics change one delivery's entry, in any order, applied any number of times. */
class DeliveryHistoryTest {
  private static final Duration RETENTION = Duration.ofDays(7);
  private static final RecordRef REF = new RecordRef("d", 0, 1);

  private DeliveryEntry entry;
  private Change last;

  private DeliveryHistoryTest queued(Delivery d, RecordRef ref, Instant at, Optional<String> replayId) {
    return apply(new HistoryEvent.Queued(d, ref, at, replayId));
  }

  private DeliveryHistoryTest queued(Delivery d, Instant at) {
    return queued(d, REF, at, Optional.empty());
  }

  private DeliveryHistoryTest attempted(Delivery d, Attempt a, DeliveryState state, Instant nextDue) {
    Instant written = a == null ? T0.plusSeconds(100) : a.startedAt().plusMillis(a.latencyMillis());
    return apply(new HistoryEvent.Attempted(AttemptLog.of(d, a, state, nextDue), written));
  }

  private DeliveryHistoryTest dead(Delivery d, DeadReason reason, Instant at, RecordRef ref) {
    return apply(new HistoryEvent.DeadLettered(new DeadLetter(d, reason, "detail", at), ref));
  }

  private DeliveryHistoryTest apply(HistoryEvent e) {
    last = DeliveryHistory.apply(entry, e, RETENTION);
    entry = last.after();
    return this;
  }

  @Test
  void shouldShowADeliveryAsPendingSinceItWasQueuedUntilItsFirstAttempt() {
    queued(delivery("1", T0), T0.plusMillis(5));
    assertThat(last.isNew()).isTrue();
    assertThat(entry.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(entry.createdAt()).isEqualTo(T0);
    assertThat(entry.enqueuedAt()).isEqualTo(T0.plusMillis(5));
    assertThat(entry.identity().streamId()).isEqualTo("stream_1");
    assertThat(entry.expiresAt()).isEqualTo(T0.plusMillis(5).plus(RETENTION));
  }

  @Test
  void shouldFollowADeliveryThroughRetriesToDelivered() {
    Delivery d = delivery("1", T0);
    queued(d, T0);
    attempted(d, attempt(1, T0.plusSeconds(1), 500, AttemptResult.TEMPORARY), DeliveryState.RETRYING, T0.plusSeconds(2));
    assertThat(entry.status()).isEqualTo(DeliveryStatus.RETRYING);
    assertThat(entry.nextDueAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(entry.enqueuedAt()).as("still the same wait").isEqualTo(T0);
    attempted(d, attempt(2, T0.plusSeconds(3), 200, AttemptResult.DELIVERED), DeliveryState.DELIVERED, null);

    assertThat(entry.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(entry.attempts()).extracting(Attempt::statusCode).containsExactly(500, 200);
    assertThat(entry.nextDueAt()).isNull();
    assertThat(entry.enqueuedAt()).as("final: no longer lag").isNull();
    assertThat(last.newAttempts()).singleElement().satisfies(n -> assertThat(n.outcome()).isEqualTo(DeliveryStatus.DELIVERED));
  }

  @Test
  void shouldNotLetALateDeliveryRecordHideAttemptsReadBeforeIt() {
    Delivery d = delivery("1", T0);
    attempted(d, attempt(1, T0.plusSeconds(1), 200, AttemptResult.DELIVERED), DeliveryState.DELIVERED, null);
    assertThat(entry.createdAtKnown()).isFalse();
    queued(d, T0);
    assertThat(entry.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(entry.createdAtKnown()).isTrue();
    assertThat(entry.sources().delivery()).isEqualTo(REF);
  }

  @Test
  void shouldChangeNothingWhenTheSameRecordIsAppliedAgain() {
    Delivery d = delivery("1", T0);
    queued(d, T0);
    attempted(d, attempt(1, T0.plusSeconds(1), 503, AttemptResult.TEMPORARY), DeliveryState.RETRYING, T0.plusSeconds(2));
    DeliveryEntry once = entry;
    attempted(d, attempt(1, T0.plusSeconds(1), 503, AttemptResult.TEMPORARY), DeliveryState.RETRYING, T0.plusSeconds(2));
    assertThat(entry).isEqualTo(once);
    assertThat(last.newAttempts()).isEmpty();
    assertThat(last.statusChanged()).isFalse();
    queued(d, T0);
    assertThat(entry).isEqualTo(once);
  }

  @Test
  void shouldMarkDeadLettersWithTheirReasonAndCountAttemptsOnce() {
    Delivery d = delivery("1", T0);
    Attempt a1 = attempt(1, T0.plusSeconds(1), 404, AttemptResult.PERMANENT);
    attempted(d, a1, DeliveryState.DEAD, null);
    dead(d.after(a1, null), DeadReason.PERMANENT_FAILURE, T0.plusSeconds(2), new RecordRef("dead", 0, 7));

    assertThat(entry.status()).isEqualTo(DeliveryStatus.DEAD);
    assertThat(entry.death().reason()).isEqualTo("permanent_failure");
    assertThat(entry.attempts()).hasSize(1);
    assertThat(last.newAttempts()).isEmpty();
    assertThat(entry.source()).contains(new RecordRef("dead", 0, 7));
  }

  @Test
  void shouldKeepTheDeadReasonWhenTheFinalAttemptIsReadBeforeItsDeadLetter() {
    Delivery d = delivery("1", T0);
    Attempt a1 = new Attempt(1, T0.plusSeconds(1), 900, 500, null, AttemptResult.TEMPORARY);
    attempted(d, a1, DeliveryState.DEAD, null);
    // The deliverer stamped the dead letter a moment before the attempt's end as the history computes it.
    dead(d.after(a1, null), DeadReason.RETRIES_EXHAUSTED, T0.plusMillis(1500), new RecordRef("dead", 0, 3));

    assertThat(entry.status()).isEqualTo(DeliveryStatus.DEAD);
    assertThat(entry.death().reason()).isEqualTo("retries_exhausted");
    assertThat(entry.source()).contains(new RecordRef("dead", 0, 3));
  }

  @Test
  void shouldShowARedeliveryAsPendingAgainSinceItWasRequeued() {
    Delivery d = delivery("1", T0);
    queued(d, T0);
    dead(d, DeadReason.RETRIES_EXHAUSTED, T0.plusSeconds(30), new RecordRef("dead", 0, 1));
    queued(d.restarted(), new RecordRef("d", 0, 9), T0.plusSeconds(40), Optional.of("rpl_1"));

    assertThat(entry.status()).isEqualTo(DeliveryStatus.PENDING);
    assertThat(entry.death()).isNull();
    assertThat(entry.source()).contains(new RecordRef("d", 0, 9));
    assertThat(entry.enqueuedAt()).isEqualTo(T0.plusSeconds(40));
    assertThat(entry.lastReplayId()).isEqualTo("rpl_1");
    assertThat(entry.createdAt()).as("its place in the order does not move").isEqualTo(T0);
  }

  @Test
  void shouldTakeSupersededAsAFinalStateReachedWithoutAnAttempt() {
    Delivery d = delivery("1", T0);
    queued(d, T0.plusSeconds(1));
    attempted(d, null, DeliveryState.SUPERSEDED, null);
    assertThat(entry.status()).isEqualTo(DeliveryStatus.SUPERSEDED);
    assertThat(entry.enqueuedAt()).isNull();
    assertThat(entry.attempts()).isEmpty();
    assertThat(last.newAttempts()).isEmpty();
    assertThat(entry.stateTime()).as("the record's time, after the delivery was queued").isEqualTo(T0.plusSeconds(100));
  }

  @Test
  void shouldKeepOnlyTheNewestAttemptsOfADeliveryRedeliveredOverAndOver() {
    Delivery d = delivery("1", T0);
    for (int i = 0; i < DeliveryHistory.MAX_ATTEMPTS + 5; i++) {
      attempted(d, attempt(1, T0.plusSeconds(i), 500, AttemptResult.TEMPORARY), DeliveryState.RETRYING, null);
    }
    assertThat(entry.attempts()).hasSize(DeliveryHistory.MAX_ATTEMPTS);
    assertThat(entry.attempts().get(0).startedAt()).isEqualTo(T0.plusSeconds(5));
  }

  @Test
  void shouldReadTheStreamIdOfABodyWithoutFailingOnOthers() {
    assertThat(DeliveryHistory.streamId("{\"data\":{\"stream_id\":\"s1\"}}".getBytes())).isEqualTo("s1");
    assertThat(DeliveryHistory.streamId("{\"data\":{\"recording_id\":\"r\"}}".getBytes())).isNull();
    assertThat(DeliveryHistory.streamId("not json".getBytes())).isNull();
  }

  @Test
  void shouldCountPerDeliveryWithAttemptsApart() {
    WebhookCounters c = WebhookCounters.ZERO;
    Delivery ok = delivery("ok", T0);
    c = c.apply(queued(ok, T0).last);
    c = c.apply(attempted(ok, attempt(1, T0.plusSeconds(1), 503, AttemptResult.TEMPORARY), DeliveryState.RETRYING, T0).last);
    c = c.apply(attempted(ok, attempt(2, T0.plusSeconds(2), 200, AttemptResult.DELIVERED), DeliveryState.DELIVERED, null).last);
    entry = null;
    Delivery failing = delivery("failing", T0);
    c = c.apply(attempted(failing, attempt(1, T0.plusSeconds(3), 0, AttemptResult.TEMPORARY), DeliveryState.RETRYING, T0).last);

    assertThat(c.received()).isEqualTo(2);
    assertThat(c.byStatus().delivered()).isEqualTo(1);
    assertThat(c.byStatus().retrying()).isEqualTo(1);
    assertThat(c.byStatus().notFinal()).isEqualTo(1);
    assertThat(c.attempts()).isEqualTo(3);
    assertThat(c.failedAttempts()).isEqualTo(2);
    assertThat(c.latency().percentile(50)).isEqualTo(40);
    assertThat(c.latency().percentile(99)).isEqualTo(80);
    assertThat(c.last().successAt()).isEqualTo(T0.plusSeconds(2));
    assertThat(c.last().failureAt()).isEqualTo(T0.plusSeconds(3));
    assertThat(c.last().failure()).isEqualTo("connection refused");

    WebhookCounters forgotten = c.forget(entry);
    assertThat(forgotten.received()).as("lifetime: retention does not uncount").isEqualTo(2);
    assertThat(forgotten.byStatus().retrying()).as("an unfinished one leaves the lag").isZero();
  }
}
