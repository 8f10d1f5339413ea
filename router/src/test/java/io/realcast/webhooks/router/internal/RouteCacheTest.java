package io.realcast.webhooks.router.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.router.fanout.Route;
import io.realcast.webhooks.router.fanout.RouteIndex;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RouteCacheTest {
  private static final AppId APP = AppId.of("app_a");
  private final RouteIndexVersion version = new RouteIndexVersion();
  private KeyValueStore<String, byte[]> index;

  @BeforeEach
  void open() {
    index = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("index"), Serdes.String(), Serdes.ByteArray())
        .withLoggingDisabled().build();
    index.init(new MockProcessorContext<>().getStateStoreContext(), index);
  }

  @Test
  void shouldReadAnAppsRoutesInIndexOrderWithTheirIdsAndMasks() {
    put(APP, "wh_2", true);
    put(APP, "wh_1", false);
    put(AppId.of("app_ab"), "wh_other", true);

    assertThat(new RouteCache(index, version).routes(APP)).containsExactly(
        new Route(WebhookId.of("wh_1"), false, Set.of(WebhookEventType.CHAT_MESSAGE_NEW)),
        new Route(WebhookId.of("wh_2"), true, Set.of(WebhookEventType.CHAT_MESSAGE_NEW)));
  }

  @Test
  void shouldKeepWhatItReadUntilTheIndexCountsAChange() {
    RouteCache cache = new RouteCache(index, version);
    put(APP, "wh_1", true);
    version.changed();
    assertThat(cache.routes(APP)).hasSize(1);

    put(APP, "wh_2", true); // not counted yet: the global thread counts after writing
    assertThat(cache.routes(APP)).hasSize(1);

    version.changed();
    assertThat(cache.routes(APP)).extracting(r -> r.webhookId().value()).containsExactly("wh_1", "wh_2");
  }

  @Test
  void shouldRememberAnAppWithoutRoutesUntilAChange() {
    RouteCache cache = new RouteCache(index, version);
    assertThat(cache.routes(APP)).isEmpty();

    put(APP, "wh_1", true);
    version.changed();

    assertThat(cache.routes(APP)).hasSize(1);
  }

  @Test
  void shouldForgetEverythingWhenItHoldsTooManyApps() {
    RouteCache cache = new RouteCache(index, version, 2);
    cache.routes(AppId.of("app_1"));
    cache.routes(AppId.of("app_2"));
    put(APP, "wh_1", true); // not counted: only the bound makes the cache read again

    assertThat(cache.routes(APP)).hasSize(1);
  }

  private void put(AppId app, String webhook, boolean enabled) {
    WebhookId id = WebhookId.of(webhook);
    index.put(RouteIndex.routeKey(app, id), new Route(id, enabled, Set.of(WebhookEventType.CHAT_MESSAGE_NEW)).encodeValue());
  }
}
