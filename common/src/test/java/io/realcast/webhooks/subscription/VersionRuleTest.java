package io.realcast.webhooks.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VersionRuleTest {
  private static final Subscription V3 = SubscriptionCodecTest.subscription().withVersion(3);

  @Test
  void shouldLetAChangeReplaceOnlyTheVersionItWasBasedOn() {
    assertThat(VersionRule.mayReplace(Optional.of(V3), V3)).isTrue();
    assertThat(VersionRule.mayReplace(Optional.of(V3.withVersion(4)), V3)).as("someone wrote in between").isFalse();
    assertThat(VersionRule.mayReplace(Optional.empty(), V3)).as("deleted meanwhile: no resurrection").isFalse();
    Subscription other = new Subscription(WebhookId.of("wh_other"), V3.appId(), V3.url(), V3.events(), true, "", V3.secret(),
        Optional.empty(), V3.createdAt(), V3.updatedAt(), null, DeliveryOptions.DEFAULTS, 3);
    assertThat(VersionRule.mayReplace(Optional.of(other), V3)).isFalse();
  }

  @Test
  void shouldStampTheNextVersionOnEveryChangeThePlatformsDisableIncluded() {
    Subscription changed = VersionRule.successor(V3, s -> s.disabled("ignored", Instant.EPOCH).withVersion(99));
    assertThat(changed.version()).isEqualTo(4);
    assertThat(V3.disabled("gone", Instant.EPOCH).version()).isEqualTo(4);
  }

  @Test
  void shouldReadARecordWrittenBeforeVersionsAsVersionZeroAndKeepTheVersionOtherwise() {
    String json = new String(SubscriptionCodec.encode(V3), StandardCharsets.UTF_8);
    assertThat(json).contains("\"version\":3");
    String old = json.replace(",\"version\":3", "");
    assertThat(old).doesNotContain("version");
    Subscription read = SubscriptionCodec.decode(old.getBytes(StandardCharsets.UTF_8));
    assertThat(read.version()).isEqualTo(VersionRule.UNVERSIONED);
    assertThat(read.withVersion(3)).isEqualTo(V3);
    assertThat(VersionRule.successor(read, s -> s).version()).isEqualTo(1);
    assertThat(VersionRule.read(Json.readTree("{\"version\":\"x\"}".getBytes(StandardCharsets.UTF_8)))).isZero();
    assertThat(VersionRule.read(Json.readTree("{\"version\":-4}".getBytes(StandardCharsets.UTF_8)))).isZero();
  }
}
