package io.realcast.webhooks.api.manage;

import io.realcast.webhooks.api.history.DeliveryEntry;
import io.realcast.webhooks.api.history.RecordRef;
import io.realcast.webhooks.api.store.RecordFetcher;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.topic.Topics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The full deliveries (with their bodies) behind history entries, read back from Kafka: from the dead letter
 * when there is one (it carries every attempt), otherwise from the latest record on realcast.deliveries.
 */
final class Originals {
  private final Topics topics;
  private final RecordFetcher fetcher;

  Originals(Topics topics, RecordFetcher fetcher) {
    this.topics = topics;
    this.fetcher = fetcher;
  }

  /** The deliveries still in Kafka, by id, in the order given; entries whose records are gone are left out. */
  Map<DeliveryId, Delivery> read(List<DeliveryEntry> entries) {
    Map<DeliveryId, RecordRef> refs = new LinkedHashMap<>();
    entries.forEach(e -> e.source().ifPresent(ref -> refs.put(e.id(), ref)));
    Map<RecordRef, byte[]> values = fetcher.fetchAll(refs.values());
    Map<DeliveryId, Delivery> found = new LinkedHashMap<>();
    refs.forEach((id, ref) -> {
      byte[] value = values.get(ref);
      if (value != null) {
        found.put(id, ref.topic().equals(topics.dead()) ? DeliveryCodec.decodeDeadLetter(value).delivery()
            : DeliveryCodec.decodeDelivery(value));
      }
    });
    return found;
  }

  /** The entries whose records retention has removed (or that never had one): they cannot be sent again. */
  Set<DeliveryId> expired(List<DeliveryEntry> entries) {
    Set<DeliveryId> gone = new HashSet<>();
    List<RecordRef> refs = new ArrayList<>();
    Map<RecordRef, DeliveryId> owners = new LinkedHashMap<>();
    for (DeliveryEntry e : entries) {
      e.source().ifPresentOrElse(ref -> {
        refs.add(ref);
        owners.put(ref, e.id());
      }, () -> gone.add(e.id()));
    }
    fetcher.expired(refs).forEach(ref -> gone.add(owners.get(ref)));
    return gone;
  }
}
