package io.realcast.webhooks.router.fanout;

import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.event.WebhookEvent;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.WebhookId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One webhook event and an app's routes → one delivery per route that wants the event. Pure but for the sequence
 * numbers, which come from the caller.
 */
public final class FanOut {
  private FanOut() {}

  /** The next number in the (webhook, stream) sequence of an ordered webhook, starting at 1. */
  @FunctionalInterface
  public interface Sequences {
    long next(WebhookId webhook, String streamId);
  }

  /**
   * @param routes the subscriptions of {@code app} (and only those)
   * @param createdAt when the router made the deliveries
   */
  public static List<Delivery> deliveries(AppId app, WebhookEvent event, Iterable<Route> routes, Instant createdAt,
      Sequences sequences) {
    List<Delivery> out = new ArrayList<>();
    byte[] body = null;
    String stream = event.data().streamId();
    for (Route route : routes) {
      if (!route.wants(event.type())) {
        continue;
      }
      if (route.ordered()) {
        // Its own body: the sequence number is inside what is signed.
        long sequence = sequences.next(route.webhookId(), stream);
        out.add(Delivery.first(route.webhookId(), app, event.type(), event.id(), event.timestamp(), createdAt,
            event.bodyWithSequence(sequence), stream, sequence));
        continue;
      }
      if (body == null) {
        // Serialized once and shared: every subscriber that does not keep order gets the same bytes.
        body = event.body();
      }
      out.add(Delivery.first(route.webhookId(), app, event.type(), event.id(), event.timestamp(), createdAt, body, stream, 0));
    }
    return out;
  }
}
