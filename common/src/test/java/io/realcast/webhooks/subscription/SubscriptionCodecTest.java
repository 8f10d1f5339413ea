package io.realcast.webhooks.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.json.Json;
import io.realcast.webhooks.testing.AdversarialStrings;
import io.realcast.webhooks.testing.SigningVectors;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubscriptionCodecTest {
  static final Instant CREATED = Instant.parse("2024-12-09T10:00:00.123456Z");

  static Subscription subscription() {
    return new Subscription(WebhookId.of("wh_1"), AppId.of("app_1"), "https://example.com/hook?a=1&b=2",
        EnumSet.of(WebhookEventType.STREAM_LIVE, WebhookEventType.CHAT_MESSAGE_NEW), true, "my \"hook\"",
        SigningVectors.SECRET, Optional.empty(), CREATED, CREATED.plusSeconds(5), null);
  }

  @Test
  void shouldRoundTripASubscription() {
    Subscription s = subscription();

    assertThat(SubscriptionCodec.decode(SubscriptionCodec.encode(s))).isEqualTo(s);
  }

  @Test
  void shouldRoundTripARotatedAndDisabledSubscriptionWithAdversarialText() {
    for (String text : AdversarialStrings.small()) {
      Subscription s = new Subscription(WebhookId.of("wh_2"), AppId.of("app_1"), "https://example.com/" + text,
          Set.of(WebhookEventType.values()), false, text, SigningVectors.ROTATED_SECRET,
          Optional.of(new Subscription.RotatedSecret(SigningVectors.SECRET, CREATED.plusSeconds(86_400))), CREATED, CREATED,
          "gone: " + text);

      assertThat(SubscriptionCodec.decode(SubscriptionCodec.encode(s))).isEqualTo(s);
    }
  }

  @Test
  void shouldRoundTripDeliveryOptionsAndWriteNoneOfThemWhenTheyAreTheDefaults() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Authorization", "Bearer t0ken");
    headers.put("X-Tenant", "acme");
    Subscription plain = subscription();
    DeliveryOptions options = new DeliveryOptions(DeliveryOptions.Ordering.STREAM, OptionalInt.of(50), OptionalInt.of(4), headers);
    Subscription tuned = new Subscription(plain.id(), plain.appId(), plain.url(), plain.events(), true, "", plain.secret(),
        Optional.empty(), CREATED, CREATED, null, options);

    var node = Json.readTree(SubscriptionCodec.encode(plain));
    assertThat(node.has("ordering") || node.has("rate_limit_per_second") || node.has("max_in_flight") || node.has("headers"))
        .as("an old-style record stays as it was").isFalse();
    Subscription decoded = SubscriptionCodec.decode(SubscriptionCodec.encode(tuned));
    assertThat(decoded).isEqualTo(tuned);
    assertThat(decoded.options().headers().keySet()).containsExactly("Authorization", "X-Tenant");
    assertThat(SubscriptionCodec.decode(SubscriptionCodec.encode(plain)).options()).isEqualTo(DeliveryOptions.DEFAULTS);
  }

  @Test
  void shouldRefuseHeadersThatWouldOverrideOursOrBreakTheRequest() {
    assertThat(DeliveryOptions.headerProblem("X-Tenant", "acme")).isEmpty();
    assertThat(DeliveryOptions.headerProblem("Authorization", "Bearer x")).isEmpty();
    for (String ours : new String[] {"Content-Type", "content-length", "Host", "User-Agent", "X-RealCast-Signature",
        "x-realcast-anything", "webhook-signature", "Webhook-Id", "Transfer-Encoding", "traceparent"}) {
      assertThat(DeliveryOptions.headerProblem(ours, "v")).as(ours).isPresent();
    }
    assertThat(DeliveryOptions.headerProblem("Bad Name", "v")).isPresent();
    assertThat(DeliveryOptions.headerProblem("X-Split", "a\r\nInjected: yes")).isPresent();
    assertThat(DeliveryOptions.headerProblem("X-Long", "v".repeat(DeliveryOptions.MAX_HEADER_VALUE_LENGTH + 1))).isPresent();
  }

  @Test
  void shouldSkipEventTypesItDoesNotKnow() {
    String json = new String(SubscriptionCodec.encode(subscription()), StandardCharsets.UTF_8)
        .replace("\"events\":[", "\"events\":[\"stream.future\",");

    assertThat(SubscriptionCodec.decode(json.getBytes(StandardCharsets.UTF_8)).events())
        .containsExactlyInAnyOrder(WebhookEventType.STREAM_LIVE, WebhookEventType.CHAT_MESSAGE_NEW);
  }

  @Test
  void shouldWriteEventsInAStableOrderAndTheRotationWindow() {
    var node = Json.readTree(SubscriptionCodec.encode(subscription()));

    assertThat(node.get("events").toString()).isEqualTo("[\"stream.live\",\"chat.message.new\"]");
    assertThat(node.has("previous_secret")).isFalse();
    assertThat(node.has("disabled_reason")).isFalse();
  }

  @Test
  void shouldOfferThePreviousSecretOnlyDuringTheOverlap() {
    Subscription s = new Subscription(WebhookId.of("wh_3"), AppId.of("app_1"), "https://e.com", Set.of(), true, null,
        SigningVectors.ROTATED_SECRET, Optional.of(new Subscription.RotatedSecret(SigningVectors.SECRET, CREATED.plusSeconds(10))),
        CREATED, CREATED, null);

    assertThat(s.previousSecretAt(CREATED.plusSeconds(9))).contains(SigningVectors.SECRET);
    assertThat(s.previousSecretAt(CREATED.plusSeconds(10))).isEmpty();
    assertThat(s.wants(WebhookEventType.STREAM_LIVE)).isFalse();
    assertThat(subscription().disabled("gone", CREATED).wants(WebhookEventType.STREAM_LIVE)).isFalse();
  }
}
