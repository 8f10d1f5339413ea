package io.realcast.webhooks.api.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.realcast.webhooks.id.DeliveryId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PositionTest {
  @Test
  void shouldOrderNewestFirstThenByDeliveryId() {
    Position older = new Position(1_000, "dlv_b");
    Position newer = new Position(2_000, "dlv_z");
    Position sameTime = new Position(2_000, "dlv_a");
    List<Position> all = new ArrayList<>(List.of(older, newer, sameTime));
    all.sort(null);
    assertThat(all).containsExactly(sameTime, newer, older);
  }

  @Test
  void shouldRoundTripThroughAnOpaqueCursor() {
    Position p = Position.of(Instant.parse("2026-01-01T10:00:00.123Z"), DeliveryId.of("dlv_0123456789abcdef"));
    String cursor = p.toCursor();
    assertThat(cursor).doesNotContain("dlv_").matches("[A-Za-z0-9_-]+");
    assertThat(Position.fromCursor(cursor)).isEqualTo(p);
  }

  @Test
  void shouldRefuseACursorItDidNotHandOut() {
    for (String bad : List.of("", "abc", "Yzk6Li4u", "%%%", new Position(1, "dlv_x").toCursor() + "A")) {
      assertThatThrownBy(() -> Position.fromCursor(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
