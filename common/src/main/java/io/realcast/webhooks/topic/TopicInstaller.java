package io.realcast.webhooks.topic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Creates whichever of the given topics are missing; running it twice changes nothing. */
public final class TopicInstaller {
  private static final Logger LOG = LoggerFactory.getLogger(TopicInstaller.class);

  private TopicInstaller() {}

  /**
   * Waits until every partition of the new topics answers a list-offsets request. Producing to a topic
   * whose partitions are still being set up can lose an idempotent producer's first batch on Kafka 4.4
   * (KAFKA-15591, fixed in 4.5): the first batch fails retriably, a later one creates the producer state,
   * and every retry of the first is then out of sequence. Waiting here closes that window.
   */
  private static void awaitLeaders(Admin admin, List<NewTopic> created) throws InterruptedException {
    Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
    for (NewTopic t : created) {
      int count = Math.max(1, t.numPartitions());
      for (int p = 0; p < count; p++) {
        partitions.put(new TopicPartition(t.name(), p), OffsetSpec.latest());
      }
    }
    if (partitions.isEmpty()) {
      return;
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (true) {
      try {
        admin.listOffsets(partitions).all().get(10, TimeUnit.SECONDS);
        return;
      } catch (ExecutionException | TimeoutException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("new topics did not become ready within 60 s: " + e.getMessage(), e);
        }
        Thread.sleep(50); // a bounded back-off between readiness probes, not a stand-in for the condition
      }
    }
  }

  /** Returns the names it created. */
  public static List<String> ensure(Admin admin, List<NewTopic> wanted) {
    try {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (NewTopic t : wanted) {
        if (!existing.contains(t.name())) {
          missing.add(t);
        }
      }
      if (!missing.isEmpty()) {
        try {
          admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          // Another instance may have created them between list and create: that is fine.
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
      List<String> created = missing.stream().map(NewTopic::name).toList();
      awaitLeaders(admin, missing);
      LOG.info("Topics: {} present, {} created {}", wanted.size() - created.size(), created.size(), created);
      return created;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not create topics: " + e.getMessage(), e);
    }
  }
}
