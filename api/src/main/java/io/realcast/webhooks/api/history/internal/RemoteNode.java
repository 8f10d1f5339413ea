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
import org.apache.kafka.streams.state.HostInfo;

/** Another api instance's partitions, asked over HTTP ({@link InternalEndpoint}). */
final class RemoteNode implements HistoryNode {
  /** Sends one internal request and returns the answer's body; throws HistoryUnavailableException when it cannot. */
  @FunctionalInterface
  interface Transport {
    byte[] post(HostInfo host, String path, byte[] body);
  }

  private final HostInfo host;
  private final Transport transport;

  RemoteNode(HostInfo host, Transport transport) {
    this.host = host;
    this.transport = transport;
  }

  @Override
  public List<PartitionPage> scan(HistoryQuery query, Set<Integer> partitions, int budget) {
    return WireFormat.pages(call("scan", WireFormat.scanRequest(query, partitions, budget)));
  }

  @Override
  public Optional<DeliveryEntry> find(DeliveryId id, Set<Integer> partitions) {
    return WireFormat.found(call("find", WireFormat.findRequest(id, partitions)));
  }

  @Override
  public WebhookSummary summary(WebhookId webhook, int partition) {
    return WireFormat.summary(call("summary", WireFormat.summaryRequest(webhook, partition)));
  }

  @Override
  public List<SeriesPoint> series(WebhookId webhook, int partition, SeriesRange range, Instant now) {
    return WireFormat.series(call("series", WireFormat.seriesRequest(webhook, partition, range, now)));
  }

  private byte[] call(String operation, byte[] body) {
    return transport.post(host, InternalEndpoint.PATH + operation, body);
  }
}
