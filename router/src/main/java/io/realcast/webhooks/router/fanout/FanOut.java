package io.realcast.webhooks.router.fanout;

import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.event.WebhookEvent;
import io.realcast.webhooks.id.AppId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One webhook event and an app's routes → one delivery per route that wants the event. Pure. */
public final class FanOut {
  private FanOut() {}

  /**
   * @param routes the subscriptions of {@code app} (and only those)
   * @param createdAt when the router made the deliveries
   */
  public static List<Delivery> deliveries(AppId app, WebhookEvent event, Iterable<Route> routes, Instant createdAt) {
    List<Delivery> out = new ArrayList<>();
    byte[] body = null;
    for (Route route : routes) {
      if (!route.wants(event.type())) {
        continue;
      }
      if (body == null) {
        // Serialized once and shared: every subscriber gets the same bytes.
        body = event.body();
      }
      out.add(Delivery.first(route.webhookId(), app, event.type(), event.id(), event.timestamp(), createdAt, body,
          event.data().streamId(), 0));
    }
    return out;
  }
}
