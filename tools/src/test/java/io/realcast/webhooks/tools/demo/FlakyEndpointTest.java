package io.realcast.webhooks.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class FlakyEndpointTest {

  @Test
  void shouldAlwaysFailAboutOneDeliveryInTwentySoItIsDeadLettered() {
    long alwaysFailing = ids().filter(id -> IntStream.rangeClosed(1, 4).allMatch(a -> FlakyEndpoint.status(id, a) == 500)).count();

    assertThat(alwaysFailing).isBetween(30L, 70L);
  }

  @Test
  void shouldFailSomeFirstAttemptsTemporarilyAndSucceedOnARetry() {
    long retriedOnce = ids().filter(id -> FlakyEndpoint.status(id, 1) == 503 && FlakyEndpoint.status(id, 2) == 200).count();
    long retriedTwice = ids().filter(id -> FlakyEndpoint.status(id, 2) == 503 && FlakyEndpoint.status(id, 3) == 200).count();

    assertThat(retriedOnce).isBetween(150L, 250L);
    assertThat(retriedTwice).isBetween(30L, 70L);
  }

  @Test
  void shouldAnswerTheSameForTheSameDeliveryAndAttempt() {
    assertThat(ids().allMatch(id -> FlakyEndpoint.status(id, 1) == FlakyEndpoint.status(id, 1))).isTrue();
  }

  private static Stream<String> ids() {
    return IntStream.range(0, 1000).mapToObj(i -> "dlv_" + Integer.toHexString(i * 7919) + "x" + i);
  }
}
