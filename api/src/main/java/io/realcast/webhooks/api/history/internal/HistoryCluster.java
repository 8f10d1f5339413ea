package io.realcast.webhooks.api.history.internal;

import io.realcast.webhooks.api.history.DeliveryEntry;
import io.realcast.webhooks.api.history.History;
import io.realcast.webhooks.api.history.HistoryQuery;
import io.realcast.webhooks.api.history.HistoryUnavailableException;
import io.realcast.webhooks.api.history.Page;
import io.realcast.webhooks.api.history.SeriesPoint;
import io.realcast.webhooks.api.history.SeriesRange;
import io.realcast.webhooks.api.history.WebhookSummary;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.id.WebhookId;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * {@link History} across api instances: a webhook's questions go to the instance running its partition (Kafka
 * Streams knows which, from {@code application.server}); an app's search goes to every instance, each searching
 * the partitions it runs, and the pages are merged ({@link PageMerger}).
 */
public final class HistoryCluster implements History {
  private final HistoryStreams streams;
  private final LocalNode local;
  private final RemoteNode.Transport transport;
  private final String deliveriesTopic;
  private final int partitionCount;
  private final int scanBudget;
  private final Clock clock;

  public HistoryCluster(HistoryStreams streams, LocalNode local, RemoteNode.Transport transport, String deliveriesTopic,
      int partitionCount, int scanBudget, Clock clock) {
    this.streams = streams;
    this.local = local;
    this.transport = transport;
    this.deliveriesTopic = deliveriesTopic;
    this.partitionCount = partitionCount;
    this.scanBudget = scanBudget;
    this.clock = clock;
  }

  @Override
  public boolean isReady() {
    return streams.isReady();
  }

  @Override
  public Page search(HistoryQuery query) {
    List<PartitionPage> pages = new ArrayList<>();
    if (query.scope() instanceof HistoryQuery.OfWebhook w) {
      Owner owner = owner(w.webhook());
      pages.addAll(owner.node().scan(query, Set.of(owner.partition()), scanBudget));
    } else {
      everyPartition().forEach((node, partitions) -> pages.addAll(node.scan(query, partitions, scanBudget)));
    }
    return PageMerger.merge(pages, query.limit());
  }

  @Override
  public Optional<DeliveryEntry> find(DeliveryId id, Optional<WebhookId> webhook) {
    if (webhook.isPresent()) {
      Owner owner = owner(webhook.get());
      return owner.node().find(id, Set.of(owner.partition())).filter(e -> e.webhookId().equals(webhook.get()));
    }
    for (Map.Entry<HistoryNode, Set<Integer>> e : everyPartition().entrySet()) {
      Optional<DeliveryEntry> found = e.getKey().find(id, e.getValue());
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  @Override
  public WebhookSummary summary(WebhookId webhook) {
    Owner owner = owner(webhook);
    return owner.node().summary(webhook, owner.partition());
  }

  @Override
  public List<SeriesPoint> series(WebhookId webhook, SeriesRange range) {
    Owner owner = owner(webhook);
    return owner.node().series(webhook, owner.partition(), range, clock.instant());
  }

  private record Owner(HistoryNode node, int partition) {}

  private Owner owner(WebhookId webhook) {
    KafkaStreams s = ready();
    KeyQueryMetadata md = s.queryMetadataForKey(HistoryTopology.STORE, webhook.value(), Serdes.String().serializer());
    if (md == null || KeyQueryMetadata.NOT_AVAILABLE.equals(md) || md.activeHost() == null || md.activeHost().port() < 0) {
      throw new HistoryUnavailableException("no api instance runs the history of " + webhook + " right now");
    }
    return new Owner(node(md.activeHost()), md.partition());
  }

  /** Every partition, grouped by the instance that runs it; unavailable unless every partition has one. */
  private Map<HistoryNode, Set<Integer>> everyPartition() {
    KafkaStreams s = ready();
    Map<HistoryNode, Set<Integer>> byNode = new LinkedHashMap<>();
    Set<Integer> covered = new TreeSet<>();
    for (StreamsMetadata md : s.streamsMetadataForStore(HistoryTopology.STORE)) {
      Set<Integer> partitions = new TreeSet<>();
      md.topicPartitions().stream().filter(tp -> tp.topic().equals(deliveriesTopic)).forEach(tp -> partitions.add(tp.partition()));
      partitions.removeAll(covered);
      if (!partitions.isEmpty()) {
        covered.addAll(partitions);
        byNode.put(node(md.hostInfo()), partitions);
      }
    }
    if (covered.size() < partitionCount) {
      throw new HistoryUnavailableException("history partitions are moving between api instances (" + covered.size() + " of "
          + partitionCount + " placed)");
    }
    return byNode;
  }

  private HistoryNode node(HostInfo host) {
    return host.equals(streams.self()) ? local : new RemoteNode(host, transport);
  }

  private KafkaStreams ready() {
    KafkaStreams s = streams.streams();
    if (s == null || !streams.isReady()) {
      throw new HistoryUnavailableException("the delivery history is " + (s == null ? "not started" : "restoring (" + s.state() + ")"));
    }
    return s;
  }
}
