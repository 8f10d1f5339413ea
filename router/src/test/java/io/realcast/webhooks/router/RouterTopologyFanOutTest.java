package io.realcast.webhooks.router;

import static io.realcast.webhooks.router.RawEvents.chat;
import static io.realcast.webhooks.router.RouterHarness.allEvents;
import static io.realcast.webhooks.router.RouterHarness.subscription;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.subscription.DeliveryOptions;
import io.realcast.webhooks.subscription.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which subscriptions get a delivery: app, enabled, event type; registry changes apply at once. */
class RouterTopologyFanOutTest {
  private static final String AT = "2024-12-09T10:10:00Z";

  @TempDir Path stateDir;
  private RouterHarness router;

  @BeforeEach
  void start() {
    router = new RouterHarness(stateDir, Instant.parse("2024-12-09T10:00:00Z"));
  }

  @AfterEach
  void stop() {
    router.close();
  }

  @Test
  void shouldCreateNoDeliveryWhenTheAppHasNoSubscription() {
    router.register(allEvents("wh_other", "app_other"));

    router.send("stream_1", chat("evt_1", "app_alone", "stream_1", AT));

    assertThat(router.drainDeliveries()).isEmpty();
    assertThat(router.counter("realcast.router.events.ingested", "type", "chat.message.new")).isEqualTo(1);
  }

  @Test
  void shouldCreateOneDeliveryForOneMatchingSubscription() {
    router.register(allEvents("wh_1", "app_a"));

    router.send("stream_1", chat("evt_1", "app_a", "stream_1", AT));

    List<Delivery> out = router.drainDeliveries();
    assertThat(out).extracting(d -> d.webhookId().value()).containsExactly("wh_1");
    assertThat(out.get(0).id()).isEqualTo(DeliveryId.derive(EventId.of("evt_1"), WebhookId.of("wh_1")));
  }

  @Test
  void shouldFanOutToEverySubscriptionOfTheEventsAppAndNoOtherApp() {
    for (String app : List.of("app_a", "app_b", "app_c")) {
      for (int i = 1; i <= 3; i++) {
        router.register(allEvents("wh_" + app.substring(4) + i, app));
      }
    }

    router.send("stream_1", chat("evt_1", "app_b", "stream_1", AT));

    List<Delivery> out = router.drainDeliveries();
    assertThat(out).extracting(d -> d.webhookId().value()).containsExactlyInAnyOrder("wh_b1", "wh_b2", "wh_b3");
    assertThat(out).allSatisfy(d -> assertThat(d.appId().value()).isEqualTo("app_b"));
    assertThat(out).extracting(Delivery::id).doesNotHaveDuplicates();
    assertThat(out).extracting(Delivery::bodyText).containsOnly(out.get(0).bodyText());
    assertThat(router.counter("realcast.router.deliveries.created", "event", "chat.message.new")).isEqualTo(3);
  }

  @Test
  void shouldNotMatchAnAppWhoseIdStartsWithAnotherAppsId() {
    router.register(allEvents("wh_short", "app_a"));
    router.register(allEvents("wh_long", "app_ab"));

    router.send("stream_1", chat("evt_1", "app_a", "stream_1", AT));

    assertThat(router.drainDeliveries()).extracting(d -> d.webhookId().value()).containsExactly("wh_short");
  }

  @Test
  void shouldSkipDisabledSubscriptions() {
    router.register(subscription("wh_on", "app_a", true, WebhookEventType.CHAT_MESSAGE_NEW));
    router.register(subscription("wh_off", "app_a", false, WebhookEventType.CHAT_MESSAGE_NEW));

    router.send("stream_1", chat("evt_1", "app_a", "stream_1", AT));

    assertThat(router.drainDeliveries()).extracting(d -> d.webhookId().value()).containsExactly("wh_on");
  }

  @Test
  void shouldStopAndResumeDeliveriesWhenASubscriptionIsDisabledAndEnabledAgain() {
    router.register(allEvents("wh_1", "app_a"));
    router.register(subscription("wh_1", "app_a", false, WebhookEventType.values()));
    router.send("stream_1", chat("evt_1", "app_a", "stream_1", AT));
    assertThat(router.drainDeliveries()).isEmpty();

    router.register(allEvents("wh_1", "app_a"));
    router.send("stream_1", chat("evt_2", "app_a", "stream_1", AT));
    assertThat(router.drainDeliveries()).extracting(d -> d.eventId().value()).containsExactly("evt_2");
  }

  @Test
  void shouldSendNothingToADeletedSubscription() {
    router.register(allEvents("wh_keep", "app_a"));
    router.register(allEvents("wh_gone", "app_a"));
    router.delete("wh_gone");

    router.send("stream_1", chat("evt_1", "app_a", "stream_1", AT));

    assertThat(router.drainDeliveries()).extracting(d -> d.webhookId().value()).containsExactly("wh_keep");
  }

  @Test
  void shouldFollowSubscriptionsAddedMovedAndDeletedAfterTheAppsEventsWereRouted() {
    router.register(allEvents("wh_1", "app_a"));
    router.send("stream_1", chat("evt_1", "app_a", "stream_1", AT));
    router.register(allEvents("wh_2", "app_a"));
    router.send("stream_1", chat("evt_2", "app_a", "stream_1", AT));
    router.delete("wh_1");
    router.register(allEvents("wh_2", "app_b"));
    router.send("stream_1", chat("evt_3", "app_a", "stream_1", AT));
    router.send("stream_2", chat("evt_4", "app_b", "stream_2", AT));

    assertThat(router.drainDeliveries()).extracting(d -> d.webhookId().value() + ":" + d.eventId().value())
        .containsExactly("wh_1:evt_1", "wh_1:evt_2", "wh_2:evt_2", "wh_2:evt_4");
  }

  @Test
  void shouldIgnoreATombstoneForAnUnknownWebhook() {
    router.delete("wh_never");
    router.register(allEvents("wh_1", "app_a"));

    router.send("stream_1", chat("evt_1", "app_a", "stream_1", AT));

    assertThat(router.drainDeliveries()).hasSize(1);
  }

  @Test
  void shouldOnlyDeliverTheEventTypesASubscriptionLists() {
    router.register(subscription("wh_live", "app_a", true, WebhookEventType.STREAM_LIVE));
    router.register(subscription("wh_chat", "app_a", true, WebhookEventType.CHAT_MESSAGE_NEW));
    router.register(subscription("wh_none", "app_a", true));

    router.send("stream_1", RawEvents.live("evt_live", "app_a", "stream_1", AT));
    router.send("stream_1", chat("evt_chat", "app_a", "stream_1", AT));

    assertThat(router.drainDeliveries()).extracting(d -> d.webhookId().value() + ":" + d.eventId().value())
        .containsExactly("wh_live:evt_live", "wh_chat:evt_chat");
  }

  @Test
  void shouldMoveASubscriptionWhoseAppChanges() {
    router.register(allEvents("wh_1", "app_a"));
    router.register(allEvents("wh_1", "app_b"));

    router.send("stream_1", chat("evt_a", "app_a", "stream_1", AT));
    router.send("stream_2", chat("evt_b", "app_b", "stream_2", AT));

    assertThat(router.drainDeliveries()).extracting(d -> d.appId().value() + ":" + d.eventId().value())
        .containsExactly("app_b:evt_b");
  }

  @Test
  void shouldSkipAnUnreadableRegistryRecordAndKeepRouting() {
    router.webhooks.pipeInput("wh_bad", "not json".getBytes(StandardCharsets.UTF_8));
    router.webhooks.pipeInput("no-prefix", new byte[0]);
    router.register(allEvents("wh_1", "app_a"));

    router.send("stream_1", chat("evt_1", "app_a", "stream_1", AT));

    assertThat(router.drainDeliveries()).extracting(d -> d.webhookId().value()).containsExactly("wh_1");
  }

  /** Processing an event again from scratch (a crash aborted the first attempt) yields the same delivery. */
  @Test
  void shouldYieldTheSameDeliveryIdWhenAnEventIsProcessedAgain() {
    router.register(allEvents("wh_1", "app_a"));
    router.send("stream_1", chat("evt_1", "app_a", "stream_1", AT));
    List<Delivery> first = router.drainDeliveries();

    List<Delivery> again;
    try (RouterHarness second = new RouterHarness(stateDir.resolve("again"), Instant.parse("2024-12-09T10:30:00Z"))) {
      second.register(allEvents("wh_1", "app_a"));
      second.send("stream_1", chat("evt_1", "app_a", "stream_1", AT));
      again = second.drainDeliveries();
    }

    assertThat(first).hasSize(1);
    assertThat(again).hasSize(1);
    assertThat(again.get(0).id()).isEqualTo(first.get(0).id());
    assertThat(again.get(0).body()).isEqualTo(first.get(0).body());
  }

  @Test
  void shouldNumberEachStreamOfAnOrderedWebhookFromOneAndLeaveOtherWebhooksBodiesUntouched() {
    Subscription plain = allEvents("wh_plain", "app_a");
    router.register(plain);
    router.register(ordered("wh_ordered", "app_a"));

    router.send("stream_1", chat("evt_1", "app_a", "stream_1", AT));
    router.send("stream_2", chat("evt_2", "app_a", "stream_2", AT));
    router.send("stream_1", chat("evt_3", "app_a", "stream_1", AT));

    List<Delivery> out = router.drainDeliveries();
    List<Delivery> numbered = out.stream().filter(d -> d.webhookId().value().equals("wh_ordered")).toList();
    assertThat(numbered).extracting(Delivery::streamId, Delivery::sequence)
        .containsExactly(tuple("stream_1", 1L), tuple("stream_2", 1L), tuple("stream_1", 2L));
    assertThat(numbered.get(2).bodyText()).endsWith("},\"sequence\":2}");
    Delivery plainOne = out.stream().filter(d -> d.webhookId().value().equals("wh_plain")).findFirst().orElseThrow();
    assertThat(plainOne.sequence()).isZero();
    assertThat(plainOne.bodyText()).doesNotContain("\"sequence\"").endsWith("}}");
    assertThat(numbered.get(0).bodyText()).isEqualTo(
        plainOne.bodyText().substring(0, plainOne.bodyText().length() - 1) + ",\"sequence\":1}");
  }

  private static Subscription ordered(String webhook, String app) {
    Subscription s = allEvents(webhook, app);
    return new Subscription(s.id(), s.appId(), s.url(), s.events(), true, "", s.secret(), s.previousSecret(), s.createdAt(),
        s.updatedAt(), null, DeliveryOptions.DEFAULTS.withOrdering(DeliveryOptions.Ordering.STREAM));
  }
}
