package io.realcast.webhooks.router.internal;

import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.router.fanout.Route;
import io.realcast.webhooks.router.fanout.RouteIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One task's copy of the routes of the apps whose events it has fanned out, read from the registry index once and
 * dropped, all of it, as soon as the index changes ({@link RouteIndexVersion}). Without it, every event scanned the
 * index (which copies the keys it finds), decoded each key and looked its webhook id up again.
 *
 * <p>The index changes on the global thread at any moment, so what a stream thread reads was never more than a
 * snapshot; the copy is the snapshot as of the first event after the last change. A change written while a scan
 * runs has not been counted yet when the scan starts, so the next event reads the index again.
 */
final class RouteCache {
  /** Apps remembered at most; only apps that send events count, so this guards against churn, not the registry. */
  static final int MAX_APPS = 100_000;
  private static final StringSerializer PREFIX_SERIALIZER = new StringSerializer();

  private final KeyValueStore<String, byte[]> index;
  private final RouteIndexVersion version;
  private final int maxApps;
  private final Map<String, List<Route>> byApp = new HashMap<>();
  private long readAt = -1;

  RouteCache(KeyValueStore<String, byte[]> index, RouteIndexVersion version) {
    this(index, version, MAX_APPS);
  }

  RouteCache(KeyValueStore<String, byte[]> index, RouteIndexVersion version, int maxApps) {
    this.index = index;
    this.version = version;
    this.maxApps = maxApps;
  }

  /** The subscriptions of {@code app}, in index order. */
  List<Route> routes(AppId app) {
    long current = version.current();
    if (current != readAt || byApp.size() >= maxApps) {
      byApp.clear();
      readAt = current;
    }
    List<Route> routes = byApp.get(app.value());
    if (routes == null) {
      routes = read(app);
      byApp.put(app.value(), routes);
    }
    return routes;
  }

  private List<Route> read(AppId app) {
    List<Route> routes = new ArrayList<>();
    try (KeyValueIterator<String, byte[]> it = index.prefixScan(RouteIndex.appPrefix(app), PREFIX_SERIALIZER)) {
      while (it.hasNext()) {
        KeyValue<String, byte[]> entry = it.next();
        routes.add(Route.decode(RouteIndex.webhookOf(entry.key), entry.value));
      }
    }
    return List.copyOf(routes);
  }
}
