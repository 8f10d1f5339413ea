package io.realcast.webhooks.api.history;

import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.WebhookId;
import java.util.List;
import java.util.Optional;

/**
 * The delivery history of every webhook, materialized from Kafka by the api instances together: each instance runs
 * some partitions and asks the others for the rest, so every instance gives the same answers. Every method throws
 * {@link HistoryUnavailableException} while the history restores or rebalances.
 */
public interface History {
  /** Whether searches can be answered now. */
  boolean isReady();

  /** One page of a search, newest first. */
  Page search(HistoryQuery query);

  /** One delivery by id; naming its webhook asks only the partition that holds it. */
  Optional<DeliveryEntry> find(DeliveryId id, Optional<WebhookId> webhook);

  WebhookSummary summary(WebhookId webhook);

  List<SeriesPoint> series(WebhookId webhook, SeriesRange range);
}
