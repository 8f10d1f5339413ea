package io.realcast.webhooks.api.history.internal;

import io.realcast.webhooks.api.history.DeliveryEntry;
import io.realcast.webhooks.api.history.HistoryQuery;
import io.realcast.webhooks.api.history.SeriesPoint;
import io.realcast.webhooks.api.history.SeriesRange;
import io.realcast.webhooks.api.history.WebhookSummary;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.WebhookId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One api instance's share of the history: the partitions it runs. This instance's own ({@link LocalNode}) or
 * another's over HTTP ({@link RemoteNode}); the same questions either way.
 */
interface HistoryNode {
  /** Searches each of {@code partitions}; each must be active on this node. */
  List<PartitionPage> scan(HistoryQuery query, Set<Integer> partitions, int budget);

  Optional<DeliveryEntry> find(DeliveryId id, Set<Integer> partitions);

  WebhookSummary summary(WebhookId webhook, int partition);

  List<SeriesPoint> series(WebhookId webhook, int partition, SeriesRange range, Instant now);
}
