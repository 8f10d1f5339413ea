package io.realcast.webhooks.router.fanout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.WebhookId;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteTest {
  @Test
  void shouldRoundTripEverySetOfEventTypes() {
    for (WebhookEventType type : WebhookEventType.values()) {
      Route one = new Route(WebhookId.of("wh_1"), true, Set.of(type));
      assertThat(Route.decode(one.webhookId(), one.encodeValue())).isEqualTo(one);
    }
    Route all = new Route(WebhookId.of("wh_1"), false, EnumSet.allOf(WebhookEventType.class));
    Route none = new Route(WebhookId.of("wh_1"), true, Set.of());
    assertThat(Route.decode(all.webhookId(), all.encodeValue())).isEqualTo(all);
    assertThat(Route.decode(none.webhookId(), none.encodeValue())).isEqualTo(none);
  }

  @Test
  void shouldWantOnlyListedTypesWhenEnabled() {
    Route route = new Route(WebhookId.of("wh_1"), true, Set.of(WebhookEventType.STREAM_LIVE));
    assertThat(route.wants(WebhookEventType.STREAM_LIVE)).isTrue();
    assertThat(route.wants(WebhookEventType.STREAM_OFFLINE)).isFalse();
    assertThat(new Route(WebhookId.of("wh_1"), false, Set.of(WebhookEventType.STREAM_LIVE)).wants(WebhookEventType.STREAM_LIVE))
        .isFalse();
  }

  @Test
  void shouldCarryTheOrderedFlagAndReadEntriesWrittenBeforeItAsUnordered() {
    Route ordered = new Route(WebhookId.of("wh_1"), true, 5, true);
    assertThat(Route.decode(ordered.webhookId(), ordered.encodeValue())).isEqualTo(ordered);
    Route disabledOrdered = new Route(WebhookId.of("wh_1"), false, 5, true);
    assertThat(Route.decode(disabledOrdered.webhookId(), disabledOrdered.encodeValue())).isEqualTo(disabledOrdered);
    assertThat(Route.decode(WebhookId.of("wh_1"), new byte[] {1, 0, 5})).isEqualTo(new Route(WebhookId.of("wh_1"), true, 5, false));
  }

  @Test
  void shouldRejectAnEntryOfTheWrongSize() {
    assertThatThrownBy(() -> Route.decode(WebhookId.of("wh_1"), new byte[2])).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldKeyRoutesSoOneAppsPrefixMatchesNoOtherApp() {
    String key = RouteIndex.routeKey(AppId.of("app_ab"), WebhookId.of("wh_1"));
    assertThat(key).doesNotStartWith(RouteIndex.appPrefix(AppId.of("app_a")));
    assertThat(RouteIndex.webhookOf(key)).isEqualTo(WebhookId.of("wh_1"));
  }
}
