package io.realcast.webhooks.deliverer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InFlightLimitTest {
  private static final long MS = 1_000_000;

  /** A round as the lane reports it: every attempt of it took {@code tookMs}, ended with the lane full or not. */
  private record Round(long tookMs, boolean full, boolean pushedBack) {
    static Round fast() {
      return new Round(50, true, false);
    }

    static Round slowerBy(double factor) {
      return new Round((long) (50 * factor), true, false);
    }

    static Round notFull() {
      return new Round(50, false, false);
    }

    static Round withPushback() {
      return new Round(50, true, true);
    }
  }

  static Stream<Arguments> rounds() {
    return Stream.of(
        Arguments.of("a full lane whose endpoint stays as quick rises by an eighth a round",
            List.of(Round.fast(), Round.fast(), Round.fast()), List.of(32, 36, 40, 45)),
        Arguments.of("and stops at the ceiling",
            List.of(Round.fast(), Round.fast(), Round.fast(), Round.fast(), Round.fast(), Round.fast(), Round.fast(),
                Round.fast()), List.of(32, 36, 40, 45, 50, 56, 63, 64, 64)),
        Arguments.of("a lane that is not full has no use for more",
            List.of(Round.notFull(), Round.notFull()), List.of(32, 32, 32)),
        Arguments.of("a round within the tolerance of the quickest still rises",
            List.of(Round.fast(), Round.slowerBy(1.2)), List.of(32, 36, 40)),
        Arguments.of("a round slower than the tolerance falls by a quarter, never below the floor",
            List.of(Round.fast(), Round.fast(), Round.fast(), Round.slowerBy(2), Round.slowerBy(3), Round.slowerBy(4)),
            List.of(32, 36, 40, 45, 34, 32, 32)),
        Arguments.of("pushback falls even when the round was quick",
            List.of(Round.fast(), Round.fast(), Round.withPushback()), List.of(32, 36, 40, 32)));
  }

  /** Ends one round of {@code limit}: as many attempts as it allows now, each taking {@code tookNanos}. */
  private static void endRound(InFlightLimit limit, long tookNanos, boolean full, boolean pushedBack) {
    int n = limit.current();
    for (int i = 0; i < n; i++) {
      limit.ended(tookNanos, full, pushedBack && i == 0);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rounds")
  void shouldMoveOncePerRound(String why, List<Round> rounds, List<Integer> expected) {
    InFlightLimit limit = new InFlightLimit(32, 64);
    List<Integer> seen = new ArrayList<>(List.of(limit.current()));
    for (Round r : rounds) {
      endRound(limit, r.tookMs() * MS, r.full(), r.pushedBack());
      seen.add(limit.current());
    }

    assertThat(seen).as(why).isEqualTo(expected);
  }

  @Test
  void shouldLearnASlowerPathAtTheFloorAndRiseAgain() {
    InFlightLimit limit = new InFlightLimit(32, 64);
    endRound(limit, 50 * MS, true, false);
    List<Integer> seen = new ArrayList<>();
    for (int round = 0; round < 40; round++) {
      endRound(limit, 90 * MS, true, false);
      seen.add(limit.current());
    }

    assertThat(seen.subList(0, 5)).as("first it falls back to the floor: %s", seen).containsOnly(32);
    assertThat(seen.get(seen.size() - 1)).as("then, the slower round learned, it rises: %s", seen).isGreaterThan(32);
  }

  @Test
  void shouldKeepAnEndpointThatAlreadyQueuesAtTheFloorNearTheFloor() {
    // Its answer time grows with what is in flight (2.5 ms each): more in flight buys nothing.
    InFlightLimit limit = new InFlightLimit(32, 64);
    int most = 0;
    long sum = 0;
    for (int round = 0; round < 100; round++) {
      endRound(limit, limit.current() * 5 * MS / 2, true, false);
      most = Math.max(most, limit.current());
      sum += limit.current();
    }

    assertThat(most).as("never far above the floor").isLessThan(48);
    assertThat(sum / 100.0).as("on average within the tolerance of the floor").isLessThanOrEqualTo(32 * InFlightLimit.TOLERANCE);
  }

  @Test
  void shouldNotMoveBeforeARoundHasEnded() {
    InFlightLimit limit = new InFlightLimit(8, 64);

    for (int i = 0; i < 7; i++) {
      limit.ended(MS, true, true);
    }

    assertThat(limit.current()).isEqualTo(8);
  }

  @Test
  void shouldStayFixedWhenTheCeilingIsTheFloor() {
    InFlightLimit limit = new InFlightLimit(4, 4);

    for (int round = 0; round < 25; round++) {
      endRound(limit, MS, true, false);
    }

    assertThat(limit.current()).isEqualTo(4);
  }

  @Test
  void shouldRefuseACeilingBelowTheFloor() {
    assertThatThrownBy(() -> new InFlightLimit(32, 16)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32");
  }
}
