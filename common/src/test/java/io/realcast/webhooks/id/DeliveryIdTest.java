package io.realcast.webhooks.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DeliveryIdTest {

  @Test
  void shouldDeriveTheSameIdForTheSameEventAndWebhookEveryTime() {
    DeliveryId first = DeliveryId.derive(EventId.of("evt_1"), WebhookId.of("wh_1"));

    assertThat(DeliveryId.derive(EventId.of("evt_1"), WebhookId.of("wh_1"))).isEqualTo(first);
    // Pinned (SHA-256 of "evt_1\0wh_1", computed with Python): a change would break deduplication across an upgrade.
    assertThat(first.value()).isEqualTo("dlv_ef3f95f0e460fbed9e91510293f1df1c");
  }

  @Test
  void shouldDeriveDifferentIdsForDifferentPairsIncludingAmbiguousConcatenations() {
    Set<DeliveryId> ids = new HashSet<>();
    for (int e = 0; e < 50; e++) {
      for (int w = 0; w < 50; w++) {
        ids.add(DeliveryId.derive(EventId.of("evt_" + e), WebhookId.of("wh_" + w)));
      }
    }
    assertThat(ids).hasSize(2500);
    assertThat(DeliveryId.derive(EventId.of("evt_1"), WebhookId.of("wh_12")))
        .isNotEqualTo(DeliveryId.derive(EventId.of("evt_11"), WebhookId.of("wh_2")));
  }

  @Test
  void shouldGenerateTimeOrderedRandomIdsWithTheirPrefix() {
    Clock early = Clock.fixed(Instant.parse("2024-12-09T10:00:00Z"), ZoneOffset.UTC);
    Clock late = Clock.fixed(Instant.parse("2024-12-09T10:00:01Z"), ZoneOffset.UTC);

    EventId a = EventId.random(early);
    EventId b = EventId.random(late);

    assertThat(a.value()).startsWith("evt_").hasSize(4 + 26);
    assertThat(a.value().substring(4, 14)).isLessThan(b.value().substring(4, 14));
    assertThat(EventId.random(early)).isNotEqualTo(a);
    assertThat(WebhookId.random(early).value()).startsWith("wh_");
    assertThat(AppId.random(early).value()).startsWith("app_");
  }

  @Test
  void shouldDrawTheSameIdsFromTheSameSeed() {
    Clock clock = Clock.fixed(Instant.parse("2024-12-09T10:00:00Z"), ZoneOffset.UTC);
    Random a = new Random(42);
    Random b = new Random(42);

    assertThat(EventId.random(clock, a)).isEqualTo(EventId.random(clock, b));
    assertThat(EventId.random(clock, a)).isNotEqualTo(EventId.random(clock, new Random(43)));
  }

  @Test
  void shouldCheckThePrefixAndCharactersOnce() {
    assertThatThrownBy(() -> EventId.of("wh_1")).hasMessageContaining("evt_");
    assertThatThrownBy(() -> WebhookId.of("wh_a/b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AppId.of(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> DeliveryId.of("dlv_" + "x".repeat(65))).isInstanceOf(IllegalArgumentException.class);
  }
}
