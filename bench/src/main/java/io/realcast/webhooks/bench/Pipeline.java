package io.realcast.webhooks.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.kafka.embedded.BrokerOptions;
import io.realcast.webhooks.kafka.embedded.BrokerRequests;
import io.realcast.webhooks.kafka.embedded.EmbeddedKafkaBroker;
import io.realcast.webhooks.lifecycle.Closer;
import io.realcast.webhooks.router.EventRules;
import io.realcast.webhooks.router.RouterConfig;
import io.realcast.webhooks.router.RouterService;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.subscription.SubscriptionCodec;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.TopicInstaller;
import io.realcast.webhooks.topic.TopicLayout;
import io.realcast.webhooks.topic.Topics;
import io.realcast.webhooks.tracing.Tracing;
import io.realcast.webhooks.tracing.TracingSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system under test on 127.0.0.1: a KRaft broker (in this JVM, unless an external bootstrap is
 * given), the topics, the subscriptions written straight to {@code realcast.webhooks}, the router in
 * this JVM, and each deliverer in its own JVM so its CPU and heap are its own.
 */
final class Pipeline implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

  private final BenchOptions options;
  private final String runId;
  private final Path workDir;
  /** What the run started, closed the last first; a part that hangs is left behind after its bound. */
  private static final Duration PART_CLOSE = Duration.ofSeconds(30);
  private final Closer closer = new Closer("bench pipeline", Duration.ofMinutes(2));
  private final List<DelivererProcess> deliverers = new ArrayList<>();
  private KafkaSettings kafka;
  private RouterService router;
  private DeadLetterCounter deadLetters;
  /** Where spans go when the run traces ({@code --tracing}); null otherwise. */
  private TraceSink traces;

  Pipeline(BenchOptions options, String runId) throws IOException {
    this.options = options;
    this.runId = runId;
    this.workDir = Files.createTempDirectory("realcast-bench-");
  }

  KafkaSettings kafka() {
    return kafka;
  }

  List<DelivererProcess> deliverers() {
    return deliverers;
  }

  /**
   * Requests the brokers in this JVM answered so far, by API: the embedded broker's; with {@code --bootstrap}, none
   * unless that broker runs in this JVM too (as in the tests).
   */
  Map<String, Long> brokerRequests() {
    return BrokerRequests.answeredSoFar();
  }

  long deadLetters() {
    return deadLetters.count();
  }

  long foreignDeadLetters() {
    return deadLetters.foreign();
  }

  /** Broker and topics, then the subscriptions, then the router and the first deliverer. */
  void start(Collection<Subscription> subscriptions, DeliveryLedger ledger) throws Exception {
    String bootstrap = options.bootstrap().orElseGet(this::startBroker);
    // A shared broker (the smoke test's) gets topics of its own.
    String prefix = options.bootstrap().isPresent() ? "bench-" + runId + "." : "";
    kafka = new KafkaSettings(bootstrap, new Topics(prefix, RetrySchedule.DEFAULT), options.partitions(), (short) 1,
        Duration.ofDays(1), Map.of());
    try (Admin admin = Admin.create(kafka.adminProperties("bench-admin"))) {
      TopicInstaller.ensure(admin, TopicLayout.newTopics(kafka.topics(), kafka.partitions(), kafka.replication(),
          kafka.logRetention()));
    }
    writeSubscriptions(subscriptions);
    deadLetters = new DeadLetterCounter(kafka, kafka.partitions(), ledger);
    closer.add("dead-letter counter", deadLetters, PART_CLOSE);
    if (options.tracing()) {
      traces = new TraceSink();
      closer.add("trace report", (AutoCloseable) () -> LOG.info("Traces: {} OTLP requests, {} bytes of spans exported", traces.requests(),
          traces.bytes()), PART_CLOSE);
      closer.add("trace sink", traces, PART_CLOSE);
    }
    startRouter();
    addDeliverer();
  }

  private String startBroker() {
    EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(BrokerOptions.builder().defaultPartitions(options.partitions()).build());
    closer.add("broker", broker, PART_CLOSE);
    return broker.start().bootstrapServers();
  }

  private void writeSubscriptions(Collection<Subscription> subscriptions) {
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(kafka.producerProperties("bench-subscriptions"))) {
      for (Subscription s : subscriptions) {
        producer.send(new ProducerRecord<>(kafka.topics().webhooks(), s.id().value(), SubscriptionCodec.encode(s)));
      }
      producer.flush();
    }
    LOG.info("Wrote {} subscriptions to {}", subscriptions.size(), kafka.topics().webhooks());
  }

  private void startRouter() throws TimeoutException, InterruptedException {
    RouterConfig config = RouterConfig.defaults(kafka, workDir.resolve("router-state"))
        .withApplicationId("bench-router-" + runId)
        .withCommits(options.routerCommits());
    if (options.scenario() == Scenario.SINGLE) {
      // The lone webhook's app publishes its whole backlog on 8 streams: the router's per-app quota (2,000 raw
      // events/s per partition of realcast.events) would be what this measures, not the deliverer's lane.
      EventRules rules = config.events();
      config = config.withEvents(new EventRules(rules.earlyEventGrace(), rules.idleTimeout(), rules.duplicateWindow(), 0));
    }
    router = new RouterService(config, new SimpleMeterRegistry(), Clock.systemUTC(),
        traces == null ? Tracing.off() : TracingSetup.from("realcast-router", traces.environment()));
    closer.add("router", router, PART_CLOSE);
    router.start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (router.state() != org.apache.kafka.streams.KafkaStreams.State.RUNNING) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException("the router did not reach RUNNING within " + START_TIMEOUT + " (state " + router.state() + ")");
      }
      TimeUnit.MILLISECONDS.sleep(100); // polling a state with a deadline
    }
  }

  /** Starts one more deliverer JVM in the same consumer group and waits until it has partitions. */
  DelivererProcess addDeliverer() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("REALCAST_KAFKA_BOOTSTRAP", kafka.bootstrap());
    env.put("REALCAST_TOPIC_PREFIX", kafka.topics().prefix());
    env.put("REALCAST_RETRY_SCHEDULE", kafka.topics().retries().toString());
    env.put("REALCAST_ALLOW_PRIVATE_TARGETS", "true");
    env.put("REALCAST_DELIVERER_GROUP_ID", groupId());
    if (traces != null) {
      env.putAll(traces.environment());
      env.put("OTEL_SERVICE_NAME", "realcast-deliverer");
    }
    env.remove("REALCAST_CONFIG_FILE");
    List<String> jvm = new ArrayList<>(List.of("-Xmx" + options.delivererHeap(), "-XX:+UseG1GC",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-Djava.awt.headless=true"));
    int index = deliverers.size() + 1;
    if (options.profile()) {
      // Beside the logs, not the results: a recording is tens of megabytes and never committed.
      Path jfr = Path.of(System.getProperty("java.io.tmpdir"), "realcast-bench-" + options.label() + "-deliverer-" + index + ".jfr");
      jvm.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
      LOG.info("Deliverer {} records a JFR profile to {}", index, jfr);
    }
    DelivererProcess process = DelivererProcess.start(jvm, env, logFile(index), START_TIMEOUT);
    deliverers.add(process);
    closer.add("deliverer " + index, process, PART_CLOSE);
    awaitGroupMembers(deliverers.size());
    LOG.info("Deliverer {} running as pid {}", index, process.pid());
    return process;
  }

  /** Kept after the run (the work directory is not), so a failed start can be read. */
  Path logFile(int index) {
    return Path.of(System.getProperty("java.io.tmpdir"), "realcast-bench-" + runId + "-deliverer-" + index + ".log");
  }

  private String groupId() {
    return "bench-deliverer-" + runId;
  }

  /** Waits until the group has {@code members} members and every deliveries partition is assigned. */
  private void awaitGroupMembers(int members) throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    try (Admin admin = Admin.create(kafka.adminProperties("bench-group-probe"))) {
      while (true) {
        ConsumerGroupDescription group = describe(admin);
        if (group == null) {
          TimeUnit.MILLISECONDS.sleep(200); // the group does not exist until its first member joins
          continue;
        }
        long assigned = group.members().stream().map(MemberDescription::assignment)
            .flatMap(a -> a.topicPartitions().stream())
            .filter(tp -> tp.topic().equals(kafka.topics().deliveries())).count();
        boolean everyoneWorks = group.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
        if (group.members().size() == members && everyoneWorks && assigned == kafka.partitions()) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new TimeoutException("deliverer group has " + group.members().size() + " members and " + assigned
              + " deliveries partitions assigned, wanted " + members + " and " + kafka.partitions());
        }
        TimeUnit.MILLISECONDS.sleep(200); // polling the group with a deadline
      }
    }
  }

  private ConsumerGroupDescription describe(Admin admin) throws Exception {
    try {
      return admin.describeConsumerGroups(List.of(groupId())).all().get(10, TimeUnit.SECONDS).get(groupId());
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.GroupIdNotFoundException) {
        return null;
      }
      throw e;
    }
  }

  @Override
  public void close() {
    closer.close();
    deleteQuietly(workDir);
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.debug("Could not delete {}: {}", dir, e.toString());
    }
  }
}
