package io.realcast.webhooks.deliverer.internal;

import io.realcast.webhooks.deliverer.DelivererMetrics;
import io.realcast.webhooks.deliverer.RetryPolicy;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.topic.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that owns the consumer. It hands records to the {@link Dispatcher}, holds retry-topic
 * partitions whose head is not yet due (pause + seek back, resumed by time, never a sleep), stops
 * fetching while the buffer is full, and commits each partition only up to the first record whose
 * outcome is not yet durable.
 */
public final class PollLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(PollLoop.class);
  private static final Duration MAX_POLL = Duration.ofMillis(100);

  /** A record whose outcome Kafka has acknowledged. */
  private record Durable(PartitionProgress partition, long offset) {}

  private final Consumer<String, byte[]> consumer;
  private final Topics topics;
  private final RetryPolicy policy;
  private final Recorder recorder;
  private final DelivererMetrics metrics;
  private final Clock clock;
  private final Duration commitInterval;
  private final Duration shutdownGrace;
  private final int bufferCap;
  private final Dispatcher dispatcher;
  private final Map<String, Duration> retryTiers = new HashMap<>();
  private final Map<TopicPartition, PartitionProgress> partitions = new HashMap<>();
  private final Map<TopicPartition, Instant> holds = new HashMap<>();
  private final ConcurrentLinkedQueue<Durable> durable = new ConcurrentLinkedQueue<>();
  private volatile boolean running = true;
  private volatile boolean failed;
  private volatile int assignedCount;
  private boolean bufferFull;
  private Instant lastCommit = Instant.EPOCH;

  public PollLoop(Consumer<String, byte[]> consumer, Topics topics, RetryPolicy policy, Recorder recorder,
      DeliveryLifecycle lifecycle, DelivererMetrics metrics, Clock clock, int maxInFlightPerWebhook, int webhookQueueCap,
      int bufferCap, Duration commitInterval, Duration shutdownGrace) {
    this.consumer = consumer;
    this.topics = topics;
    this.policy = policy;
    this.recorder = recorder;
    this.metrics = metrics;
    this.clock = clock;
    this.commitInterval = commitInterval;
    this.shutdownGrace = shutdownGrace;
    this.bufferCap = bufferCap;
    this.dispatcher = new Dispatcher(lifecycle::run, w -> durable.add(new Durable(w.partition(), w.offset())),
        maxInFlightPerWebhook, webhookQueueCap);
    topics.retries().delays().forEach(d -> retryTiers.put(topics.retry(d), d));
    metrics.gauges(dispatcher::inFlight, dispatcher::buffered);
  }

  public boolean isHealthy() {
    return running && !failed;
  }

  /** Partitions this instance owns right now (deliveries and retry topics). */
  public int assignedPartitions() {
    return assignedCount;
  }

  /** Asks the loop to finish: it stops fetching, lets attempts in flight end, commits and closes. */
  public void stop() {
    running = false;
    consumer.wakeup();
  }

  @Override
  public void run() {
    List<String> inputs = new ArrayList<>();
    inputs.add(topics.deliveries());
    inputs.addAll(topics.retryTopics());
    try {
      consumer.subscribe(inputs, new Rebalance());
      while (running) {
        ConsumerRecords<String, byte[]> records = poll(pollTimeout());
        accept(records);
        tick();
      }
    } catch (RuntimeException e) {
      failed = true;
      LOG.error("Deliverer poll loop stopped", e);
    } finally {
      drainAndClose();
    }
  }

  private void tick() {
    applyDurable();
    releaseHolds();
    applyPauses();
    Instant now = clock.instant();
    if (Duration.between(lastCommit, now).compareTo(commitInterval) >= 0) {
      commit(partitions.values(), false);
      lastCommit = now;
    }
  }

  private ConsumerRecords<String, byte[]> poll(Duration timeout) {
    try {
      return consumer.poll(timeout);
    } catch (WakeupException e) {
      return ConsumerRecords.empty();
    }
  }

  private Duration pollTimeout() {
    Instant now = clock.instant();
    Duration timeout = MAX_POLL;
    for (Instant until : holds.values()) {
      Duration left = Duration.between(now, until);
      if (left.compareTo(timeout) < 0) {
        timeout = left.isNegative() ? Duration.ZERO : left;
      }
    }
    return timeout;
  }

  private void accept(ConsumerRecords<String, byte[]> records) {
    Instant now = clock.instant();
    for (TopicPartition tp : records.partitions()) {
      PartitionProgress progress = partitions.get(tp);
      if (progress == null) {
        continue;
      }
      Duration tier = retryTiers.get(tp.topic());
      for (ConsumerRecord<String, byte[]> record : records.records(tp)) {
        if (!acceptOne(progress, tier, record, now)) {
          break;
        }
      }
    }
  }

  /** Returns false when the partition is now held and the rest of its batch must wait. */
  private boolean acceptOne(PartitionProgress progress, Duration tier, ConsumerRecord<String, byte[]> record, Instant now) {
    Delivery delivery;
    try {
      delivery = DeliveryCodec.decodeDelivery(record.value());
    } catch (RuntimeException e) {
      LOG.error("Skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.toString());
      metrics.unreadable(record.topic());
      progress.dispatched(record.offset());
      progress.done(record.offset());
      return true;
    }
    if (tier != null && delivery.dueAt() != null && delivery.dueAt().isAfter(now)) {
      // A head never holds its partition longer than the topic's own delay: records behind it, written
      // later with that same delay, are due no later than that. Past it (a long Retry-After), re-park.
      Instant holdUntil = min(delivery.dueAt(), Instant.ofEpochMilli(record.timestamp()).plus(tier));
      if (!holdUntil.isAfter(now)) {
        progress.dispatched(record.offset());
        Duration left = Duration.between(now, delivery.dueAt());
        track(progress, record.offset(), recorder.forward(delivery, delivery.dueAt(), topics.retry(policy.parkingTier(left))));
        return true;
      }
      consumer.seek(progress.partition(), record.offset());
      holds.put(progress.partition(), holdUntil);
      return false;
    }
    progress.dispatched(record.offset());
    Dispatcher.Work work = new Dispatcher.Work(progress, record.offset(), delivery);
    boolean canDefer = !topics.retries().delays().isEmpty();
    if (!dispatcher.offer(work, !canDefer)) {
      defer(work, tier, now);
    }
    return true;
  }

  /**
   * The webhook's lane is full: hand the record to a retry topic without counting an attempt. The
   * first deferral waits the shortest delay; a record deferred again (its lane is still full) waits the
   * next longer one, so a dead endpoint's backlog is re-read less and less often.
   */
  private void defer(Dispatcher.Work work, Duration currentTier, Instant now) {
    Duration wait = policy.deferral(currentTier);
    metrics.deferred();
    track(work.partition(), work.offset(), recorder.forward(work.delivery(), now.plus(wait), topics.retry(wait)));
  }

  private void track(PartitionProgress progress, long offset, java.util.concurrent.CompletionStage<Void> acked) {
    acked.whenComplete((ok, error) -> {
      if (error == null) {
        durable.add(new Durable(progress, offset));
      }
    });
  }

  private void applyDurable() {
    for (Durable d; (d = durable.poll()) != null; ) {
      if (partitions.get(d.partition().partition()) == d.partition()) {
        d.partition().done(d.offset());
      }
    }
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private void releaseHolds() {
    Instant now = clock.instant();
    holds.values().removeIf(until -> !until.isAfter(now));
  }

  private void applyPauses() {
    int buffered = dispatcher.buffered();
    if (!bufferFull && buffered >= bufferCap) {
      bufferFull = true;
      metrics.fetchPaused();
      LOG.info("Buffer full ({} records): fetching paused until half of them are done", buffered);
    } else if (bufferFull && buffered <= bufferCap / 2) {
      bufferFull = false;
    }
    Set<TopicPartition> assigned = consumer.assignment();
    Set<TopicPartition> wanted = new HashSet<>(bufferFull ? assigned : holds.keySet());
    wanted.retainAll(assigned);
    Set<TopicPartition> paused = consumer.paused();
    Set<TopicPartition> toPause = new HashSet<>(wanted);
    toPause.removeAll(paused);
    Set<TopicPartition> toResume = new HashSet<>(paused);
    toResume.removeAll(wanted);
    if (!toPause.isEmpty()) {
      consumer.pause(toPause);
    }
    if (!toResume.isEmpty()) {
      consumer.resume(toResume);
    }
  }

  private void commit(Collection<PartitionProgress> which, boolean sync) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (PartitionProgress p : which) {
      OptionalLong upTo = p.commitable();
      if (upTo.isPresent()) {
        offsets.put(p.partition(), new OffsetAndMetadata(upTo.getAsLong()));
        p.committed(upTo.getAsLong());
      }
    }
    if (offsets.isEmpty()) {
      return;
    }
    LOG.debug("Committing {}", offsets);
    if (sync) {
      try {
        consumer.commitSync(offsets, Duration.ofSeconds(10));
      } catch (RuntimeException e) {
        LOG.warn("Commit of {} failed; those records will be delivered again: {}", offsets.keySet(), e.toString());
      }
    } else {
      consumer.commitAsync(offsets, (committed, error) -> {
        if (error != null) {
          LOG.warn("Commit failed; a later commit covers it: {}", error.toString());
        }
      });
    }
  }

  private void drainAndClose() {
    try {
      consumer.pause(consumer.assignment());
      long deadline = System.nanoTime() + shutdownGrace.toNanos();
      while (dispatcher.buffered() > 0 && System.nanoTime() < deadline) {
        poll(Duration.ofMillis(50)); // keeps the membership alive while attempts in flight finish
        applyDurable();
      }
      applyDurable();
      commit(partitions.values(), true);
      LOG.info("Deliverer stopped; {} records were still buffered and will be delivered again by the next owner",
          dispatcher.buffered());
    } catch (RuntimeException e) {
      LOG.warn("Error while stopping the poll loop: {}", e.toString());
    } finally {
      recorder.close();
      consumer.close(Duration.ofSeconds(10));
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
      applyDurable();
      List<PartitionProgress> leaving = new ArrayList<>();
      for (TopicPartition tp : revoked) {
        PartitionProgress p = partitions.get(tp);
        if (p != null) {
          leaving.add(p);
        }
      }
      commit(leaving, true);
      forget(revoked);
      LOG.info("Partitions revoked: {}", revoked);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
      forget(lost);
      LOG.warn("Partitions lost (not committed): {}", lost);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
      for (TopicPartition tp : assigned) {
        partitions.put(tp, new PartitionProgress(tp));
      }
      assignedCount = partitions.size();
      LOG.info("Partitions assigned: {}", assigned);
    }

    private void forget(Collection<TopicPartition> gone) {
      for (TopicPartition tp : gone) {
        PartitionProgress p = partitions.remove(tp);
        if (p != null) {
          dispatcher.cancel(p);
        }
        holds.remove(tp);
      }
      assignedCount = partitions.size();
    }
  }
}
