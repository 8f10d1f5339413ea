package io.realcast.webhooks.deliverer.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * The one thread that owns the consumer, and nothing else: it polls and hands each partition's records, decoded, to
 * its {@link Intake}; pauses and resumes partitions as their {@link PartitionLease}s ask; commits each partition up to
 * what its lease says is durable; and keeps leases in step with rebalances. What happens to a record is the intake's
 * business.
 */
public final class PollLoop implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(PollLoop.class);
  /** While a partition is paused the loop looks more often, so that a resumed one is fetched again promptly. */
  static final Duration POLL_WHILE_PAUSED = Duration.ofMillis(10);
  static final Duration POLL = Duration.ofMillis(100);
  private static final Duration STOPPING_POLL = Duration.ofMillis(50);
  /** Records handed over and not yet taken up beyond which the loop stops reading (about four polls' worth). */
  static final int MAX_BACKLOG = 2_000;

  private final Consumer<String, byte[]> consumer;
  private final List<String> topics;
  private final Map<String, Duration> retryTiers;
  private final Intake intake;
  private final GateSnapshots gates;
  private final Duration commitInterval;
  private final Duration shutdownGrace;
  private final Map<TopicPartition, PartitionLease> leases = new HashMap<>();
  private final Map<TopicPartition, Long> committed = new HashMap<>();
  private volatile boolean running = true;
  private volatile boolean failed;
  private volatile int assignedCount;
  private boolean saturated;
  private long lastCommitNanos = System.nanoTime();

  /**
   * @param retryTiers each retry topic with its delay
   * @param gates where a newly assigned partition of the deliveries topic finds the gates its previous owners left open
   */
  public PollLoop(Consumer<String, byte[]> consumer, String deliveriesTopic, Map<String, Duration> retryTiers, Intake intake,
      GateSnapshots gates, Duration commitInterval, Duration shutdownGrace) {
    this.gates = gates;
    this.consumer = consumer;
    this.retryTiers = Map.copyOf(retryTiers);
    List<String> all = new ArrayList<>(List.of(deliveriesTopic));
    all.addAll(retryTiers.keySet());
    this.topics = List.copyOf(all);
    this.intake = intake;
    this.commitInterval = commitInterval;
    this.shutdownGrace = shutdownGrace;
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
    try {
      consumer.subscribe(topics, new Rebalance());
      while (running) {
        hand(poll(anyPaused() ? POLL_WHILE_PAUSED : POLL));
        applyPauses();
        if (System.nanoTime() - lastCommitNanos >= commitInterval.toNanos()) {
          commit(leases.values(), false);
          lastCommitNanos = System.nanoTime();
        }
      }
    } catch (RuntimeException e) {
      failed = true;
      LOG.error("Deliverer poll loop stopped", e);
    } finally {
      drainAndClose();
    }
  }

  private ConsumerRecords<String, byte[]> poll(Duration timeout) {
    try {
      return consumer.poll(timeout);
    } catch (WakeupException e) {
      return ConsumerRecords.empty();
    }
  }

  private void hand(ConsumerRecords<String, byte[]> records) {
    for (TopicPartition tp : records.partitions()) {
      PartitionLease lease = leases.get(tp);
      if (lease == null) {
        continue;
      }
      List<ConsumerRecord<String, byte[]>> batch = records.records(tp);
      List<Inbound> inbound = new ArrayList<>(batch.size());
      for (ConsumerRecord<String, byte[]> r : batch) {
        inbound.add(Inbound.of(r));
      }
      intake.received(lease, inbound);
    }
  }

  private boolean anyPaused() {
    return !consumer.paused().isEmpty();
  }

  /** Each partition as its lease wants it, or every partition while the intake has not taken up what it was given. */
  private void applyPauses() {
    int backlog = intake.backlog();
    saturated = saturated ? backlog > MAX_BACKLOG / 2 : backlog >= MAX_BACKLOG;
    Set<TopicPartition> paused = consumer.paused();
    List<TopicPartition> pause = new ArrayList<>();
    List<TopicPartition> resume = new ArrayList<>();
    for (PartitionLease lease : leases.values()) {
      boolean isPaused = paused.contains(lease.partition());
      boolean wanted = saturated || lease.pauseWanted();
      if (wanted && !isPaused) {
        pause.add(lease.partition());
      } else if (!wanted && isPaused) {
        resume.add(lease.partition());
      }
    }
    if (!pause.isEmpty()) {
      consumer.pause(pause);
    }
    if (!resume.isEmpty()) {
      consumer.resume(resume);
    }
  }

  private void commit(Collection<PartitionLease> which, boolean sync) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (PartitionLease lease : which) {
      long upTo = lease.committable();
      Long before = committed.get(lease.partition());
      if (upTo >= 0 && (before == null || upTo > before)) {
        offsets.put(lease.partition(), new OffsetAndMetadata(upTo));
        committed.put(lease.partition(), upTo);
      }
    }
    if (offsets.isEmpty()) {
      return;
    }
    LOG.debug("Committing {}", offsets);
    if (sync) {
      try {
        consumer.commitSync(offsets, Duration.ofSeconds(10));
      } catch (WakeupException e) {
        consumer.commitSync(offsets, Duration.ofSeconds(10)); // a stop() raced the commit; the next call goes through
      } catch (RuntimeException e) {
        LOG.warn("Commit of {} failed; those records will be delivered again: {}", offsets.keySet(), e.toString());
      }
    } else {
      consumer.commitAsync(offsets, (done, error) -> {
        if (error != null) {
          LOG.warn("Commit failed; a later commit covers it: {}", error.toString());
        }
      });
    }
  }

  private void drainAndClose() {
    try {
      intake.stopping();
      consumer.pause(consumer.assignment());
      long deadline = System.nanoTime() + shutdownGrace.toNanos();
      while (intake.unfinished() > 0 && System.nanoTime() < deadline) {
        poll(STOPPING_POLL); // keeps the membership alive while attempts in flight finish and are recorded
      }
      commit(leases.values(), true);
      LOG.info("Deliverer stopped; {} attempts were still unfinished and will be delivered again by the next owner",
          intake.unfinished());
    } catch (RuntimeException e) {
      LOG.warn("Error while stopping the poll loop: {}", e.toString());
    } finally {
      consumer.close(Duration.ofSeconds(10));
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {
    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
      List<PartitionLease> leaving = new ArrayList<>();
      for (TopicPartition tp : revoked) {
        PartitionLease lease = leases.get(tp);
        if (lease != null) {
          leaving.add(lease);
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
        Duration tier = retryTiers.get(tp.topic());
        // Before anything of a deliveries partition is placed: its ordered streams' gates as the last owner left them.
        PartitionLease lease = new PartitionLease(tp, tier, tier == null ? gates.forPartition(consumer, tp) : List.of());
        leases.put(tp, lease);
        committed.remove(tp);
        intake.assigned(lease);
      }
      assignedCount = leases.size();
      LOG.info("Partitions assigned: {}", assigned);
    }

    private void forget(Collection<TopicPartition> gone) {
      Set<TopicPartition> set = new HashSet<>(gone);
      for (TopicPartition tp : set) {
        PartitionLease lease = leases.remove(tp);
        committed.remove(tp);
        if (lease != null) {
          lease.revoke();
          intake.revoked(lease);
        }
      }
      assignedCount = leases.size();
    }
  }
}
