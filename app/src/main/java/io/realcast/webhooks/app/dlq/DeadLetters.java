package io.realcast.webhooks.app.dlq;

import io.realcast.webhooks.delivery.AttemptLog;
import io.realcast.webhooks.delivery.DeadLetter;
import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.id.DeliveryId;
import io.realcast.webhooks.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * Reads dead letters straight from realcast.deliveries.dead, against any cluster, without the api: only the
 * partition of a webhook when one is named (the topic is keyed by webhook id), and only from the first record that
 * can match {@code since} (a dead letter is written after its delivery was created). Unreadable records are
 * counted and skipped.
 */
public final class DeadLetters {
  private static final Duration POLL = Duration.ofMillis(200);

  private final Topics topics;
  private final KafkaConsumer<String, byte[]> consumer;

  public DeadLetters(Topics topics, KafkaConsumer<String, byte[]> consumer) {
    this.topics = topics;
    this.consumer = consumer;
  }

  /** What a scan found: the latest dead letter of each matching delivery, most recently dead first. */
  public record Found(List<DeadLetter> deadLetters, long scanned, long unreadable) {}

  public Found scan(DeadLetterFilter filter, Progress progress) {
    Map<DeliveryId, DeadLetter> latest = new LinkedHashMap<>();
    long[] unreadable = {0};
    long scanned = read(topics.dead(), filter, filter.since(), progress, record -> {
      try {
        DeadLetter dead = DeliveryCodec.decodeDeadLetter(record.value());
        if (filter.matches(dead)) {
          latest.merge(dead.delivery().id(), dead, (a, b) -> b.deadAt().isAfter(a.deadAt()) ? b : a);
        }
      } catch (RuntimeException e) {
        unreadable[0]++;
      }
    });
    List<DeadLetter> list = new ArrayList<>(latest.values());
    list.sort(Comparator.comparing(DeadLetter::deadAt).reversed());
    return new Found(list, scanned, unreadable[0]);
  }

  /**
   * When each of {@code ids} was last active after {@code since}: queued again on realcast.deliveries, or attempted.
   * A dead letter with later activity has been sent again (or delivered) already.
   */
  public Map<DeliveryId, Instant> activitySince(Set<DeliveryId> ids, DeadLetterFilter filter, Instant since, Progress progress) {
    Map<DeliveryId, Instant> activity = new HashMap<>();
    Consumer<ConsumerRecord<String, byte[]>> onDelivery = record -> {
      try {
        DeliveryId id = DeliveryCodec.decodeDelivery(record.value()).id();
        if (ids.contains(id)) {
          activity.merge(id, Instant.ofEpochMilli(record.timestamp()), (a, b) -> a.isAfter(b) ? a : b);
        }
      } catch (RuntimeException e) {
        // Not a delivery this version reads: it cannot be one of ours.
      }
    };
    Consumer<ConsumerRecord<String, byte[]>> onAttempt = record -> {
      try {
        AttemptLog log = DeliveryCodec.decodeAttemptLog(record.value());
        if (ids.contains(log.deliveryId())) {
          activity.merge(log.deliveryId(), log.attempt().startedAt(), (a, b) -> a.isAfter(b) ? a : b);
        }
      } catch (RuntimeException e) {
        // As above.
      }
    };
    read(topics.deliveries(), filter, Optional.of(since), progress, onDelivery);
    read(topics.attempts(), filter, Optional.of(since), progress, onAttempt);
    return activity;
  }

  /** Reads one topic from {@code from} (or its start) to its end at the time of the call; returns how many records. */
  private long read(String topic, DeadLetterFilter filter, Optional<Instant> from, Progress progress,
      Consumer<ConsumerRecord<String, byte[]>> handler) {
    List<TopicPartition> partitions = partitions(topic, filter);
    consumer.assign(partitions);
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    Map<TopicPartition, Long> starts = starts(partitions, from);
    starts.forEach(consumer::seek);
    long total = 0;
    for (TopicPartition tp : partitions) {
      total += Math.max(0, ends.get(tp) - starts.get(tp));
    }
    long done = 0;
    while (!reachedEnd(partitions, ends)) {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        if (record.offset() < ends.get(tp)) {
          done++;
          if (record.value() != null) {
            handler.accept(record);
          }
        }
      }
      progress.update(done, total);
    }
    progress.finish(done, total);
    return done;
  }

  /** Every partition of the topic, or only the webhook's: all three topics are keyed by webhook id. */
  private List<TopicPartition> partitions(String topic, DeadLetterFilter filter) {
    int count = consumer.partitionsFor(topic, Duration.ofSeconds(30)).size();
    if (filter.webhook().isPresent()) {
      return List.of(new TopicPartition(topic, partitionOf(filter.webhook().get().value(), count)));
    }
    List<TopicPartition> all = new ArrayList<>();
    for (int p = 0; p < count; p++) {
      all.add(new TopicPartition(topic, p));
    }
    return all;
  }

  /** The partition Kafka's default partitioner gives {@code key}: what the router and the deliverer use. */
  static int partitionOf(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  private Map<TopicPartition, Long> starts(List<TopicPartition> partitions, Optional<Instant> from) {
    Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
    if (from.isEmpty()) {
      return beginnings;
    }
    Map<TopicPartition, Long> query = new HashMap<>();
    partitions.forEach(tp -> query.put(tp, from.get().toEpochMilli()));
    Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
    Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
    Map<TopicPartition, Long> starts = new HashMap<>();
    for (TopicPartition tp : partitions) {
      OffsetAndTimestamp at = found.get(tp);
      starts.put(tp, at == null ? ends.get(tp) : Math.max(at.offset(), beginnings.get(tp)));
    }
    return starts;
  }

  private boolean reachedEnd(List<TopicPartition> partitions, Map<TopicPartition, Long> ends) {
    for (TopicPartition tp : partitions) {
      if (consumer.position(tp) < ends.get(tp)) {
        return false;
      }
    }
    return true;
  }
}
