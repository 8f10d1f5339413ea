package io.realcast.webhooks.router;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.event.Timestamps;
import io.realcast.webhooks.kafka.embedded.BrokerOptions;
import io.realcast.webhooks.kafka.embedded.EmbeddedKafkaBroker;
import io.realcast.webhooks.router.commit.CommitPace;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.Topics;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Router throughput and state on the embedded broker, exactly-once. Not a test: it measures, it does not judge.
 * Scenarios ({@code bench.scenario}):
 * <ul>
 *   <li>{@code mixed} (default): 100 apps × 3 subscriptions, a backlog of {@code bench.events} raw events of 1,000
 *       live streams (60% chat, 30% joins, 10% leaves), timed from RUNNING until the group committed it all;
 *   <li>{@code viewers}: one stream, {@code bench.viewers} (100,000) distinct viewers joining; then its
 *       stream.offline, which forgets them all; state size on disk and in the changelogs;
 *   <li>{@code streams}: 10,000 live streams (100 apps × 100) with 10 viewers each; throughput and state size;
 *   <li>{@code ticks}: 10,000 live streams going live over {@code bench.ticks.spread.seconds} (30 s; 0 = all at
 *       once), then {@code bench.ticks.observe.seconds} (60 s) of wake-ups: their count, time and the updates made;
 *   <li>{@code paced}: chat messages at {@code bench.paced.rate} (430) events/s to 100 apps × {@code bench.paced.fanout}
 *       (10) subscriptions while the router runs, as in the latency phase of {@code realcast bench fanout}; CPU per
 *       delivery over {@code bench.paced.seconds} (60) after {@code bench.paced.warmup.seconds} (20).
 * </ul>
 * Per-app quota off in every scenario (one app's backlog is the point of {@code viewers}).
 *
 * <p>Run: {@code ./mvnw -B -q -pl router -am verify -Pbench -DskipTests -Dbench.scenario=viewers} (also
 * {@code bench.events}, {@code bench.threads}, {@code bench.partitions}, {@code bench.commit.ms}, {@code bench.compression}).
 */
public final class RouterBenchmark {
  private static final int CORES = Runtime.getRuntime().availableProcessors();
  static final String APPLICATION_ID = "router-bench";

  private final Admin admin;
  private final KafkaSettings kafka;
  private final Topics topics;
  private final int partitions;
  private final RouterConfig config;
  private final Path stateDir;

  private RouterBenchmark(Admin admin, KafkaSettings kafka, int partitions, RouterConfig config, Path stateDir) {
    this.admin = admin;
    this.kafka = kafka;
    this.topics = kafka.topics();
    this.partitions = partitions;
    this.config = config;
    this.stateDir = stateDir;
  }

  public static void main(String[] args) throws Exception {
    String scenario = System.getProperty("bench.scenario", "mixed");
    int threads = Integer.getInteger("bench.threads", 2);
    int partitions = Integer.getInteger("bench.partitions", 4);
    long commitMs = Long.getLong("bench.commit.ms", 100);
    String compression = System.getProperty("bench.compression", "");
    Path stateDir = Files.createTempDirectory("router-bench-state");
    try (EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerOptions.defaults()).start();
        Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
      Topics topics = new Topics("bench.", RetrySchedule.DEFAULT);
      Map<String, String> overrides = new HashMap<>(Map.of("session.timeout.ms", "6000", "heartbeat.interval.ms", "1000"));
      if (!compression.isEmpty()) {
        overrides.put("compression.type", compression); // every client's; without it, the router's own default
      }
      KafkaSettings kafka = new KafkaSettings(broker.bootstrapServers(), topics, partitions, (short) 1, Duration.ofDays(1),
          overrides);
      admin.createTopics(List.of(new NewTopic(topics.events(), partitions, (short) 1),
          new NewTopic(topics.eventsInvalid(), 1, (short) 1), new NewTopic(topics.webhooks(), 1, (short) 1),
          new NewTopic(topics.deliveries(), partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
      Duration interval = scenario.equals("ticks") ? Duration.ofSeconds(30) : Duration.ofHours(1);
      RouterConfig config = RouterConfig.defaults(kafka, stateDir).withApplicationId(APPLICATION_ID)
          .withStreamThreads(threads).withCommits(CommitPace.fixed(Duration.ofMillis(commitMs))).withViewerCountInterval(interval);
      config = config.withEvents(config.events().withAppEventsPerSecond(0));
      System.out.printf("scenario %s: threads=%d partitions=%d commit.ms=%d compression=%s load=%s%n", scenario, threads,
          partitions, commitMs, compression.isEmpty() ? "the router's default" : compression, loadAverage());
      RouterBenchmark bench = new RouterBenchmark(admin, kafka, partitions, config, stateDir);
      switch (scenario) {
        case "mixed" -> bench.mixed(Integer.getInteger("bench.events", 300_000));
        case "viewers" -> bench.viewers(Integer.getInteger("bench.viewers", 100_000));
        case "streams" -> bench.streams();
        case "ticks" -> bench.ticks(Integer.getInteger("bench.ticks.spread.seconds", 30),
            Integer.getInteger("bench.ticks.observe.seconds", 60));
        case "paced" -> bench.paced(Integer.getInteger("bench.paced.rate", 430), Integer.getInteger("bench.paced.fanout", 10),
            Integer.getInteger("bench.paced.warmup.seconds", 20), Integer.getInteger("bench.paced.seconds", 60));
        default -> throw new IllegalArgumentException("unknown bench.scenario " + scenario);
      }
    }
  }

  private void mixed(int events) throws Exception {
    BenchLoad load = write(l -> {
      l.subscriptions(100);
      l.mixed(events);
    });
    try (RouterService router = start(new SimpleMeterRegistry())) {
      timeBacklog(router, load, "mixed");
    }
  }

  private void viewers(int viewers) throws Exception {
    BenchLoad load = write(l -> {
      l.subscriptions(1);
      l.viewersOnOneStream(viewers);
    });
    try (RouterService router = start(new SimpleMeterRegistry())) {
      timeBacklog(router, load, "viewers");
    }
    printState("with " + viewers + " viewers on one stream");
    try (RouterService router = start(new SimpleMeterRegistry())) {
      long before = System.nanoTime();
      write(l -> l.offline("stream_0_0"));
      awaitCommitted();
      System.out.printf(Locale.ROOT, "RESULT-OFFLINE stream.offline forgetting %,d viewers: committed %.2f s after it was written%n",
          viewers, (System.nanoTime() - before) / 1e9);
    }
    printState("after its stream.offline");
  }

  private void streams() throws Exception {
    BenchLoad load = write(l -> {
      l.subscriptions(100);
      l.streamsWithViewers(100, 100, 10);
    });
    try (RouterService router = start(new SimpleMeterRegistry())) {
      timeBacklog(router, load, "streams");
    }
    printState("with 10,000 live streams × 10 viewers");
  }

  /**
   * Chat messages at a steady rate while the router runs, as in the latency phase of {@code realcast bench fanout}
   * (100 apps × {@code fanout} subscriptions, 8 streams per app, no stream state): CPU per delivery once warm, where
   * the costs of each commit and each batch weigh more than in a backlog.
   */
  private void paced(int eventsPerSecond, int fanout, int warmupSeconds, int seconds) throws Exception {
    write(l -> l.subscriptions(100, fanout));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (RouterService router = start(registry); KafkaProducer<String, byte[]> producer = producer()) {
      BenchLoad load = new BenchLoad(producer, topics);
      long start = System.nanoTime();
      long tick = Duration.ofMillis(10).toNanos();
      long sent = 0;
      long measuredFrom = start + Duration.ofSeconds(warmupSeconds).toNanos();
      long end = measuredFrom + Duration.ofSeconds(seconds).toNanos();
      double deliveriesBefore = 0;
      long cpuBefore = 0;
      BenchThreadCpu threadsBefore = null;
      for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
        if (threadsBefore == null && now >= measuredFrom) {
          deliveriesBefore = count(registry, "realcast.router.deliveries.created");
          cpuBefore = processCpuNanos();
          threadsBefore = BenchThreadCpu.snapshot();
        }
        long due = (now - start) * eventsPerSecond / 1_000_000_000L;
        String at = Timestamps.formatMillis(Instant.now());
        for (; sent < due; sent++) {
          int app = (int) (sent % 100);
          load.chat(app, (int) (sent / 100 % 8), "evt_p" + sent, at);
        }
        LockSupport.parkNanos(tick - (System.nanoTime() - now)); // pacing the producer, not waiting for a condition
      }
      double deliveries = count(registry, "realcast.router.deliveries.created") - deliveriesBefore;
      double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
      Map<String, Double> threads = BenchThreadCpu.snapshot().since(threadsBefore, cpuSeconds);
      double withoutBenchmark = cpuSeconds - threads.get(BenchThreadCpu.BENCHMARK);
      System.out.printf(Locale.ROOT, "RESULT-PACED events/s=%d fanout=%d partitions=%d measured=%ds deliveries/s=%.0f "
              + "deliveries per CPU-second=%.0f (router, broker and JVM; the benchmark's own threads left out) "
              + "µs per delivery=%.1f load=%s%n", eventsPerSecond, fanout, partitions, seconds, deliveries / seconds,
          deliveries / withoutBenchmark, 1e6 * withoutBenchmark / deliveries, loadAverage());
      System.out.println("RESULT-PACED-THREADS µs per delivery by thread: " + BenchThreadCpu.format(threads, 1e6 / deliveries, "%.1f"));
      producer.flush();
      awaitCommitted();
    }
  }

  /** 10,000 streams go live, spread over {@code spreadSeconds}, then the wake-ups are watched. */
  private void ticks(int spreadSeconds, int observeSeconds) throws Exception {
    write(l -> l.subscriptions(100));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (RouterService router = start(registry)) {
      long start = System.nanoTime();
      try (KafkaProducer<String, byte[]> producer = producer()) {
        BenchLoad load = new BenchLoad(producer, topics);
        for (int a = 0; a < 100; a++) {
          load.liveOfApp(a, 100);
          producer.flush();
          LockSupport.parkNanos(start + (a + 1L) * spreadSeconds * 1_000_000_000L / 100 - System.nanoTime());
        }
      }
      awaitCommitted();
      Timer wakeUps = registry.find("realcast.router.wakeups").timer();
      double updatesBefore = count(registry, "realcast.router.viewer.count.updates");
      long countBefore = wakeUps.count();
      double secondsBefore = wakeUps.totalTime(TimeUnit.SECONDS);
      long cpuBefore = processCpuNanos();
      LockSupport.parkNanos(Duration.ofSeconds(observeSeconds).toNanos()); // observing wall-clock punctuations
      long wakeUpCount = wakeUps.count() - countBefore;
      double wakeUpSeconds = wakeUps.totalTime(TimeUnit.SECONDS) - secondsBefore;
      double updates = count(registry, "realcast.router.viewer.count.updates") - updatesBefore;
      double cpu = (processCpuNanos() - cpuBefore) / 1e9;
      System.out.printf(Locale.ROOT, "RESULT-TICKS live streams=%.0f spread=%ds observed=%ds wake-ups=%d updates=%.0f "
              + "wake-up time total=%.3f s (%.2f%% of the observed time per thread), mean=%.2f ms, max=%.1f ms, per update=%.1f µs, "
              + "process CPU=%.1f s (broker and producers of the deliveries included) load=%s%n",
          registry.find("realcast.router.streams.live").gauge().value(), spreadSeconds, observeSeconds, wakeUpCount, updates,
          wakeUpSeconds, 100 * wakeUpSeconds / (observeSeconds * config.streamThreads()), 1000 * wakeUpSeconds / Math.max(1, wakeUpCount),
          wakeUps.max(TimeUnit.MILLISECONDS), 1e6 * wakeUpSeconds / Math.max(1, updates), cpu, loadAverage());
    }
  }

  private BenchLoad write(Consumer<BenchLoad> scenario) {
    try (KafkaProducer<String, byte[]> producer = producer()) {
      BenchLoad load = new BenchLoad(producer, topics);
      scenario.accept(load);
      producer.flush();
      return load;
    }
  }

  private KafkaProducer<String, byte[]> producer() {
    Map<String, Object> props = new HashMap<>(kafka.producerProperties("bench-producer"));
    props.put("linger.ms", 20);
    props.put("batch.size", 512 * 1024);
    return new KafkaProducer<>(props);
  }

  private RouterService start(SimpleMeterRegistry registry) throws InterruptedException {
    RouterService router = new RouterService(config, registry, Clock.systemUTC());
    router.start();
    while (router.state() != KafkaStreams.State.RUNNING) {
      Thread.sleep(20);
    }
    return router;
  }

  /** Times the router from RUNNING until its group has committed the whole backlog (every transaction done). */
  private void timeBacklog(RouterService router, BenchLoad load, String scenario) throws Exception {
    long running = System.nanoTime();
    long cpuBefore = processCpuNanos();
    BenchThreadCpu threadsBefore = BenchThreadCpu.snapshot();
    awaitCommitted();
    BenchThreadCpu threadsAfter = BenchThreadCpu.snapshot();
    double seconds = (System.nanoTime() - running) / 1e9;
    double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
    System.out.printf(Locale.ROOT, "routed %,d raw events into %,d deliveries in %.1f s%n", load.events(), load.deliveries(), seconds);
    System.out.printf(Locale.ROOT, "RESULT scenario=%s events/s=%.0f deliveries/s=%.0f threads=%d partitions=%d load=%s%n",
        scenario, load.events() / seconds, load.deliveries() / seconds, config.streamThreads(), partitions, loadAverage());
    // Other work on the machine steals CPU; CPU time used (router and broker together, one JVM) does not lie.
    System.out.printf(Locale.ROOT, "CPU used while routing: %.1f s of %.1f s available on %d cores (%.0f%%); "
            + "RESULT-CPU deliveries per CPU-second=%.0f, raw events per CPU-second=%.0f%n",
        cpuSeconds, seconds * CORES, CORES, 100 * cpuSeconds / (seconds * CORES), load.deliveries() / cpuSeconds,
        load.events() / cpuSeconds);
    System.out.println("RESULT-THREADS CPU by thread: " + BenchThreadCpu.format(threadsAfter.since(threadsBefore, cpuSeconds), 1, "%.1f s"));
  }

  /** Sizes once the router is closed: Kafka Streams flushes RocksDB's memtables to disk on close. */
  private void printState(String when) throws Exception {
    Map<String, Long> disk = BenchStateSizes.onDisk(stateDir, APPLICATION_ID);
    Map<String, Long> changelogs = BenchStateSizes.changelogs(admin, APPLICATION_ID);
    System.out.println("STATE " + when + ":");
    for (String store : new TreeSet<>(List.of(RouterTopology.STREAM_STATE_STORE, RouterTopology.STREAM_VIEWERS_STORE,
        RouterTopology.SEEN_EVENT_IDS_STORE, RouterTopology.HELD_EVENTS_STORE, RouterTopology.ENDED_STREAMS_STORE,
        RouterTopology.DELAYED_EVENTS_STORE))) {
      System.out.printf(Locale.ROOT, "STATE   %-16s on disk %,12d bytes   changelog %,12d bytes%n", store,
          disk.getOrDefault(store, 0L), changelogs.getOrDefault(store, 0L));
    }
  }

  private void awaitCommitted() throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < partitions; p++) {
      latest.put(new TopicPartition(topics.events(), p), OffsetSpec.latest());
    }
    Map<TopicPartition, Long> ends = new HashMap<>();
    admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, info) -> ends.put(tp, info.offset()));
    while (true) {
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin.listConsumerGroupOffsets(APPLICATION_ID).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
      if (ends.entrySet().stream().allMatch(e -> e.getValue() == 0 || committed.get(e.getKey()) != null
          && committed.get(e.getKey()).offset() >= e.getValue())) {
        return;
      }
      Thread.sleep(50); // polling the group's offsets; a benchmark, not a test
    }
  }

  private static double count(SimpleMeterRegistry registry, String name) {
    return registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
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
}
