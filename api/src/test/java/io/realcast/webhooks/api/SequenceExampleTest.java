package io.realcast.webhooks.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.event.SampleEvents;
import io.realcast.webhooks.event.WebhookEvent;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.EventId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.router.fanout.FanOut;
import io.realcast.webhooks.router.fanout.Route;
import io.realcast.webhooks.signing.WebhookSecret;
import io.realcast.webhooks.subscription.DeliveryOptions;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.testing.RepositoryFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The ordered body docs/RECEIVING.md shows is the one the router writes for a webhook the API stored with
 * {@code "ordering": "stream"}: the guide's viewer.count.update example with {@code "sequence"} after {@code data}.
 */
class SequenceExampleTest {
  private static final AppId APP = AppId.of("app_xyz789");
  private static final WebhookId WEBHOOK = WebhookId.of("wh_ordered");

  @Test
  void shouldShowTheBodyTheRouterWritesForAnOrderedWebhook() throws Exception {
    Instant at = Instant.parse("2024-12-09T10:05:30Z");
    WebhookEvent event = new WebhookEvent(EventId.of("evt_example"), at,
        SampleEvents.payload(WebhookEventType.VIEWER_COUNT_UPDATE, at));
    Subscription ordered = new Subscription(WEBHOOK, APP, "https://example.com/hook",
        Set.of(WebhookEventType.VIEWER_COUNT_UPDATE), true, "", WebhookSecret.generate(new SecureRandom()), Optional.empty(), at,
        at, null, new DeliveryOptions(DeliveryOptions.Ordering.STREAM, OptionalInt.empty(), OptionalInt.empty(), Map.of()));
    List<Delivery> deliveries = FanOut.deliveries(APP, event, List.of(Route.of(WEBHOOK, ordered)), at, (webhook, stream) -> 42);

    String doc = Files.readString(RepositoryFiles.path("docs/RECEIVING.md"), StandardCharsets.UTF_8);
    String body = deliveries.get(0).bodyText();
    assertThat(body).endsWith(",\"sequence\":42}");
    assertThat(doc).contains("\n" + body + "\n");
  }
}
