package io.realcast.webhooks.router.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.event.ChatMessageNew;
import io.realcast.webhooks.event.WebhookEvent;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import java.time.Instant;
import java.util.EnumSet;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FanOutTest {
  private static final Instant T = Instant.parse("2024-12-09T10:10:00Z");
  private static final WebhookEvent CHAT =
      new WebhookEvent(EventId.of("evt_1"), T, new ChatMessageNew("s", "m", "u", "n", "hi", T));

  private static Route route(String id, boolean enabled, WebhookEventType... types) {
    return new Route(WebhookId.of(id), enabled, types.length == 0 ? Set.of() : EnumSet.of(types[0], types));
  }

  @Test
  void shouldCreateOneDeliveryPerRouteThatWantsTheEvent() {
    List<Delivery> out = FanOut.deliveries(AppId.of("app_a"), CHAT, List.of(
        route("wh_1", true, WebhookEventType.CHAT_MESSAGE_NEW),
        route("wh_2", false, WebhookEventType.CHAT_MESSAGE_NEW),
        route("wh_3", true, WebhookEventType.STREAM_LIVE),
        route("wh_4", true, WebhookEventType.values())), T.plusSeconds(1), NO_SEQUENCES);

    assertThat(out).extracting(d -> d.webhookId().value()).containsExactly("wh_1", "wh_4");
    Delivery d = out.get(0);
    assertThat(d.id()).isEqualTo(DeliveryId.derive(EventId.of("evt_1"), WebhookId.of("wh_1")));
    assertThat(d.appId()).isEqualTo(AppId.of("app_a"));
    assertThat(d.event()).isEqualTo(WebhookEventType.CHAT_MESSAGE_NEW);
    assertThat(d.eventTime()).isEqualTo(T);
    assertThat(d.createdAt()).isEqualTo(T.plusSeconds(1));
    assertThat(d.body()).isEqualTo(CHAT.body());
  }

  @Test
  void shouldCreateNothingWithoutRoutes() {
    assertThat(FanOut.deliveries(AppId.of("app_a"), CHAT, List.of(), T, NO_SEQUENCES)).isEmpty();
  }

  @Test
  void shouldNumberAnOrderedWebhooksDeliveriesInsideTheirBodyAndLeaveTheOthersAsTheGuideShowsThem() {
    Route ordered = new Route(WebhookId.of("wh_o"), true, 1 << WebhookEventType.CHAT_MESSAGE_NEW.ordinal(), true);
    Map<String, Long> counters = new HashMap<>();
    FanOut.Sequences sequences = (w, s) -> counters.merge(w.value() + "|" + s, 1L, Long::sum);

    List<Delivery> first = FanOut.deliveries(AppId.of("app_a"), CHAT,
        List.of(route("wh_1", true, WebhookEventType.CHAT_MESSAGE_NEW), ordered), T, sequences);
    List<Delivery> second = FanOut.deliveries(AppId.of("app_a"), CHAT, List.of(ordered), T, sequences);

    assertThat(first.get(0).body()).isEqualTo(CHAT.body());
    assertThat(first.get(0).sequence()).isZero();
    assertThat(first.get(0).streamId()).isEqualTo("s");
    String plain = new String(CHAT.body(), StandardCharsets.UTF_8);
    assertThat(new String(first.get(1).body(), StandardCharsets.UTF_8))
        .isEqualTo(plain.substring(0, plain.length() - 1) + ",\"sequence\":1}");
    assertThat(first.get(1).sequence()).isEqualTo(1);
    assertThat(second.get(0).sequence()).isEqualTo(2);
    assertThat(new String(second.get(0).body(), StandardCharsets.UTF_8)).endsWith("},\"sequence\":2}");
  }

  private static final FanOut.Sequences NO_SEQUENCES = (w, s) -> {
    throw new AssertionError("no ordered route here");
  };
}
