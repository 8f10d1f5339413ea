package io.realcast.webhooks.router;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.kafka.embedded.BrokerOptions;
import io.realcast.webhooks.kafka.embedded.EmbeddedKafkaBroker;
import io.realcast.webhooks.subscription.SubscriptionCodec;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.Topics;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Router throughput on the embedded broker, exactly-once: 100 apps × 3 subscriptions to every event,
 * a backlog of raw events written first, then the router started and timed until its group has
 * committed the whole backlog (every transaction done). Not a test: it measures, it does not judge.
 *
 * <p>Run: {@code ./mvnw -B -q -pl router -am verify -Pbench -DskipTests} (system properties
 * {@code bench.events}, {@code bench.threads}, {@code bench.partitions}, {@code bench.commit.ms}, {@code bench.compression} change the run).
 */
public final class RouterBenchmark {
  private static final int APPS = 100;
  private static final int SUBSCRIPTIONS_PER_APP = 3;
  private static final int STREAMS_PER_APP = 10;
  private static final int CORES = Runtime.getRuntime().availableProcessors();

  private RouterBenchmark() {}

  public static void main(String[] args) throws Exception {
    int events = Integer.getInteger("bench.events", 300_000);
    int threads = Integer.getInteger("bench.threads", 2);
    int partitions = Integer.getInteger("bench.partitions", 4);
    long commitMs = Long.getLong("bench.commit.ms", 100);
    String compression = System.getProperty("bench.compression", "lz4");
    Path stateDir = Files.createTempDirectory("router-bench-state");
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerOptions.defaults()).start()) {
      String bootstrap = broker.bootstrapServers();
      Topics topics = new Topics("bench.", RetrySchedule.DEFAULT);
      KafkaSettings kafka = new KafkaSettings(bootstrap, topics, partitions, (short) 1, Duration.ofDays(1),
          Map.of("compression.type", compression));
      try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
        admin.createTopics(List.of(new NewTopic(topics.events(), partitions, (short) 1),
            new NewTopic(topics.eventsInvalid(), 1, (short) 1), new NewTopic(topics.webhooks(), 1, (short) 1),
            new NewTopic(topics.deliveries(), partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        long expectedDeliveries = writeBacklog(kafka, topics, events);
        System.out.printf("backlog: %,d raw events, %,d deliveries expected%n", events, expectedDeliveries);

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RouterConfig config = RouterConfig.defaults(kafka, stateDir).withApplicationId("router-bench")
            .withStreamThreads(threads).withCommitInterval(Duration.ofMillis(commitMs))
            .withViewerCountInterval(Duration.ofHours(1));
        long started = System.nanoTime();
        try (RouterService router = new RouterService(config, registry, Clock.systemUTC())) {
          router.start();
          while (router.state() != KafkaStreams.State.RUNNING) {
            Thread.sleep(20);
          }
          long running = System.nanoTime();
          long cpuBefore = processCpuNanos();
          awaitCommitted(admin, topics, "router-bench", partitions);
          long done = System.nanoTime();
          double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
          double created = registry.find("realcast.router.deliveries.created").counters().stream()
              .mapToDouble(c -> c.count()).sum();
          double seconds = (done - running) / 1e9;
          System.out.printf(Locale.ROOT, "start-up to RUNNING: %.1f s%n", (running - started) / 1e9);
          System.out.printf(Locale.ROOT, "routed %,d raw events into %,.0f deliveries in %.1f s%n", events, created, seconds);
          System.out.printf(Locale.ROOT,
              "RESULT events/s=%.0f deliveries/s=%.0f threads=%d partitions=%d commit.ms=%d compression=%s load=%s%n",
              events / seconds, created / seconds, threads, partitions, commitMs, compression, loadAverage());
          // Other work on the machine steals CPU; CPU time used (router and broker together, one JVM) does not lie.
          System.out.printf(Locale.ROOT, "CPU used while routing: %.1f s of %.1f s available on %d cores (%.0f%%)%n",
              cpuSeconds, seconds * CORES, CORES, 100 * cpuSeconds / (seconds * CORES));
          System.out.printf(Locale.ROOT, "RESULT-CPU deliveries per CPU-second=%.0f -> on %d uncontended cores at most %.0f/s%n",
              created / cpuSeconds, CORES, CORES * created / cpuSeconds);
          if ((long) created != expectedDeliveries) {
            System.out.printf("WARNING: expected %,d deliveries, counted %,.0f%n", expectedDeliveries, created);
          }
        }
      }
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** The machine's 1-minute load average: the benchmark shares 2 cores with whatever else runs. */
  private static String loadAverage() {
    return String.format(Locale.ROOT, "%.1f",
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** Raw events of 1,000 live streams: 60% chat, 30% joins, 10% leaves (leaves create no delivery). */
  private static long writeBacklog(KafkaSettings kafka, Topics topics, int events) throws Exception {
    Map<String, Object> props = new HashMap<>(kafka.producerProperties("bench-producer"));
    props.put("linger.ms", 20);
    props.put("batch.size", 512 * 1024);
    long deliveries = 0;
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props)) {
      for (int a = 0; a < APPS; a++) {
        String app = "app_" + a;
        for (int s = 0; s < SUBSCRIPTIONS_PER_APP; s++) {
          String webhook = "wh_" + a + "_" + s;
          producer.send(new ProducerRecord<>(topics.webhooks(), webhook,
              SubscriptionCodec.encode(RouterHarness.subscription(webhook, app, true, WebhookEventType.values()))));
        }
      }
      List<String> streams = new ArrayList<>();
      for (int a = 0; a < APPS; a++) {
        for (int s = 0; s < STREAMS_PER_APP; s++) {
          String stream = "stream_" + a + "_" + s;
          streams.add(stream);
          send(producer, topics, stream, RawEvents.live("evt_live_" + stream, "app_" + a, stream, "2024-12-09T10:00:00Z"));
          deliveries += SUBSCRIPTIONS_PER_APP;
        }
      }
      for (int i = streams.size(); i < events; i++) {
        String stream = streams.get(i % streams.size());
        String app = "app_" + stream.split("_")[1];
        int kind = (i / streams.size()) % 10;
        String id = "evt_" + i;
        if (kind < 6) {
          send(producer, topics, stream, RawEvents.chat(id, app, stream, "2024-12-09T10:10:00Z"));
          deliveries += SUBSCRIPTIONS_PER_APP;
        } else if (kind < 9) {
          send(producer, topics, stream, RawEvents.joined(id, app, stream, "viewer_" + i, "2024-12-09T10:10:00Z"));
          deliveries += SUBSCRIPTIONS_PER_APP;
        } else {
          send(producer, topics, stream, RawEvents.left(id, app, stream, "viewer_" + i, "2024-12-09T10:10:00Z"));
        }
      }
      producer.flush();
    }
    return deliveries;
  }

  private static void send(KafkaProducer<String, byte[]> producer, Topics topics, String stream, String json) {
    producer.send(new ProducerRecord<>(topics.events(), stream, json.getBytes(StandardCharsets.UTF_8)));
  }

  private static void awaitCommitted(Admin admin, Topics topics, String group, int partitions) throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      latest.put(new TopicPartition(topics.events(), p), OffsetSpec.latest());
    }
    Map<TopicPartition, Long> ends = new HashMap<>();
    admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
    while (true) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
      if (ends.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
          && committed.get(e.getKey()).offset() >= e.getValue())) {
        return;
      }
      Thread.sleep(50);
    }
  }
}
