package io.realcast.webhooks.api.manage;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.signing.WebhookSecret;
import io.realcast.webhooks.subscription.Subscription;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperationalWebhooksTest {
  private static final AppId APP = AppId.of("app_01JEXAMPLE0000000000000000");

  @Test
  void shouldDeriveOneStableIdPerApp() {
    WebhookId id = OperationalWebhooks.idOf(APP);
    assertThat(id.value()).matches("wh_ops_[0-9a-f]{32}");
    assertThat(OperationalWebhooks.idOf(AppId.of(APP.value()))).isEqualTo(id);
    assertThat(OperationalWebhooks.idOf(AppId.of("app_01JEXAMPLE0000000000000001"))).isNotEqualTo(id);
    // The longest app id still gives a valid webhook id.
    assertThat(OperationalWebhooks.idOf(AppId.of("app_" + "x".repeat(64))).value()).hasSize(WebhookId.PREFIX.length() + 36);
  }

  @Test
  void shouldRecognizeOnlyTheAppsOwnOperationalWebhook() {
    assertThat(OperationalWebhooks.isOperational(webhook(OperationalWebhooks.idOf(APP), APP))).isTrue();
    assertThat(OperationalWebhooks.isOperational(webhook(WebhookId.random(Clock.systemUTC()), APP))).isFalse();
    AppId other = AppId.of("app_01JEXAMPLE0000000000000002");
    assertThat(OperationalWebhooks.isOperational(webhook(OperationalWebhooks.idOf(APP), other)))
        .as("another app's id: not this app's operational webhook").isFalse();
  }

  private static Subscription webhook(WebhookId id, AppId app) {
    Instant now = Instant.parse("2024-12-09T10:00:00Z");
    return new Subscription(id, app, "https://example.com/ops", Set.of(WebhookEventType.WEBHOOK_DISABLED), true, "",
        WebhookSecret.generate(new SecureRandom()), Optional.empty(), now, now, null);
  }
}
