package io.realcast.webhooks.api.manage;

import io.realcast.webhooks.api.ApiProblem;
import io.realcast.webhooks.api.history.DeliveryEntry;
import io.realcast.webhooks.api.history.History;
import io.realcast.webhooks.api.history.HistoryQuery;
import io.realcast.webhooks.api.history.Page;
import io.realcast.webhooks.api.store.KafkaWriter;
import io.realcast.webhooks.api.store.RecordFetcher;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.delivery.Requeue;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.topic.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Replays a window of one webhook's history: finds the final deliveries the request selects, and either counts
 * them (dry run) or queues them again with their original ids and bodies. Recover is the replay of dead letters.
 */
public final class Replays {
  /** Deliveries shown as a sample in the answer. */
  public static final int SAMPLE = 10;
  private static final int PAGE = 1_000;

  private final Topics topics;
  private final History history;
  private final Queue queue;
  private final Originals originals;
  private final int max;

  public Replays(Topics topics, History history, KafkaWriter writer, RecordFetcher fetcher, int max) {
    this.topics = topics;
    this.history = history;
    this.queue = new Queue(writer, history);
    this.originals = new Originals(topics, fetcher);
    this.max = max;
  }

  /**
   * What a replay found and did.
   *
   * @param matched final deliveries in the window that pass the filters
   * @param alreadyQueued matched, but queued by this same request before: skipped
   * @param expired matched, but their records are gone from Kafka (retention): cannot be sent again
   * @param queued sent again (for a dry run: would be)
   */
  public record Result(String replayId, boolean dryRun, int matched, int alreadyQueued, int expired, int queued,
      List<DeliveryEntry> sample, List<DeliveryId> queuedIds) {}

  public Result replay(Subscription webhook, ReplayRequest request) {
    Deliveries.requireEnabled(webhook);
    String replayId = request.replayId(webhook.id());
    Selection selection = select(webhook, request, replayId);
    List<DeliveryEntry> candidates = selection.candidates();
    if (candidates.size() > max) {
      throw new ApiProblem(422, "replay_too_large", "this replay would queue more than the limit of " + max
          + " deliveries; narrow the window (since, until) or the filters", null);
    }
    if (request.dryRun()) {
      Set<DeliveryId> gone = originals.expired(candidates);
      List<DeliveryEntry> sendable = candidates.stream().filter(e -> !gone.contains(e.id())).toList();
      return new Result(replayId, true, selection.matched(), selection.alreadyQueued(), gone.size(), sendable.size(),
          sample(sendable), List.of());
    }
    Map<DeliveryId, Delivery> bodies = originals.read(candidates);
    List<ProducerRecord<String, byte[]>> records = new ArrayList<>(bodies.size());
    bodies.values().forEach(d -> records.add(Requeue.record(topics, d, Optional.of(replayId))));
    List<DeliveryId> ids = List.copyOf(bodies.keySet());
    if (!ids.isEmpty()) {
      queue.write(webhook.id(), ids.get(ids.size() - 1), records);
    }
    List<DeliveryEntry> sent = candidates.stream().filter(e -> bodies.containsKey(e.id())).toList();
    return new Result(replayId, false, selection.matched(), selection.alreadyQueued(), candidates.size() - bodies.size(),
        ids.size(), sample(sent), ids);
  }

  /** What a request selects: matched final deliveries, those this request queued before, and the rest to queue. */
  private record Selection(int matched, int alreadyQueued, List<DeliveryEntry> candidates) {}

  /** Walks the window newest first; stops once there are more candidates than a replay may queue. */
  private Selection select(Subscription webhook, ReplayRequest r, String replayId) {
    HistoryQuery q = new HistoryQuery(new HistoryQuery.OfWebhook(webhook.id()), r.statuses(), r.eventTypes(),
        Optional.of(r.since()), r.until(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), PAGE);
    List<DeliveryEntry> candidates = new ArrayList<>();
    int matched = 0;
    int already = 0;
    Page page = history.search(q);
    while (true) {
      for (DeliveryEntry e : page.items()) {
        if (!e.status().isFinal()) {
          continue;
        }
        matched++;
        if (replayId.equals(e.lastReplayId())) {
          already++;
        } else {
          candidates.add(e);
        }
      }
      if (page.next().isEmpty() || candidates.size() > max) {
        return new Selection(matched, already, candidates);
      }
      page = history.search(q.after(page.next().get()));
    }
  }

  private static List<DeliveryEntry> sample(List<DeliveryEntry> entries) {
    return entries.subList(0, Math.min(SAMPLE, entries.size()));
  }
}
