package io.realcast.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.realcast.webhooks.config.KafkaSettings;
import io.realcast.webhooks.deliverer.DelivererConfig;
import io.realcast.webhooks.deliverer.DelivererService;
import io.realcast.webhooks.delivery.AttemptLog;
import io.realcast.webhooks.delivery.DeliveryCodec;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.id.AppId;
import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.kafka.embedded.BootstrapServers;
import io.realcast.webhooks.kafka.embedded.KafkaBrokerExtension;
import io.realcast.webhooks.kafka.embedded.TestTopics;
import io.realcast.webhooks.producer.ProducerConfig;
import io.realcast.webhooks.producer.RealcastProducer;
import io.realcast.webhooks.router.RouterConfig;
import io.realcast.webhooks.router.RouterService;
import io.realcast.webhooks.router.commit.CommitPace;
import io.realcast.webhooks.signing.WebhookSecret;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.subscription.SubscriptionCodec;
import io.realcast.webhooks.testkit.TopicReader;
import io.realcast.webhooks.testkit.receiver.RecordedRequest;
import io.realcast.webhooks.testkit.receiver.Reply;
import io.realcast.webhooks.testkit.receiver.ScriptedReceiver;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.TopicInstaller;
import io.realcast.webhooks.topic.TopicLayout;
import io.realcast.webhooks.topic.Topics;
import io.realcast.webhooks.tracing.TraceParent;
import io.realcast.webhooks.tracing.Tracing;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One published event is one trace, producer to receiver, through a real broker and the real services: the SDK's
 * in-memory exporter collects every span, the receiver sees the trace in its {@code traceparent}, the attempt log keeps
 * its id. And with only the producer tracing, the services pass its trace on untouched.
 */
@ExtendWith(KafkaBrokerExtension.class)
@Timeout(180)
class TracingIT {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String PATH = "/webhooks/traced";
  private static final RetrySchedule FAST = new RetrySchedule(List.of(Duration.ofMillis(200), Duration.ofMillis(400)));

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final OpenTelemetrySdk sdk = OpenTelemetrySdk.builder()
      .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
      .build();

  @AfterEach
  void shutDown() {
    sdk.close();
  }

  @Test
  void shouldMakeOnePublishedEventOneTraceFromProducerToReceiver(@BootstrapServers String bootstrap, @TempDir Path tmp)
      throws Exception {
    Tracing tracing = Tracing.of(sdk);
    String prefix = TestTopics.unique("tracing");
    KafkaSettings kafka = topics(bootstrap, prefix);
    try (ScriptedReceiver receiver = ScriptedReceiver.start()) {
      // The first attempt fails, so the trace shows a retry parked and a second attempt.
      receiver.script(PATH, Reply.status(503), Reply.ok());
      register(kafka, WebhookId.of("wh_traced"), AppId.of("app_traced"), receiver.url(PATH));

      run(kafka, prefix, tmp, tracing, tracing, tracing, AppId.of("app_traced"), "stream_traced", 2);

      List<RecordedRequest> requests = receiver.await(PATH, 2, WAIT);
      SpanData publish = await(s -> s.getKind() == SpanKind.PRODUCER && s.getName().startsWith("publish"), 1).get(0);
      String trace = publish.getTraceId();
      SpanData route = await(s -> s.getName().equals("route stream.live"), 1).get(0);
      SpanData fanOut = await(s -> s.getName().equals("fan-out"), 1).get(0);
      List<SpanData> attempts = await(s -> s.getName().equals("deliver stream.live"), 2);

      assertThat(List.of(route, fanOut, attempts.get(0), attempts.get(1))).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(trace));
      assertThat(route.getParentSpanId()).isEqualTo(publish.getSpanId());
      assertThat(fanOut.getParentSpanId()).isEqualTo(route.getSpanId());
      assertThat(attempts).allSatisfy(a -> assertThat(a.getParentSpanId()).isEqualTo(fanOut.getSpanId()));
      SpanData failed = attempts.stream().filter(a -> a.getStatus().getStatusCode() == StatusCode.ERROR).findFirst().orElseThrow();
      SpanData delivered = attempts.stream().filter(a -> a != failed).findFirst().orElseThrow();
      assertThat(events(failed)).contains("connection ready", "response status received", "retry parked");
      assertThat(events(delivered)).endsWith("delivered");
      assertThat(delivered.getKind()).isEqualTo(SpanKind.CLIENT);

      // The receiver is a child of each attempt's span: the same trace, the attempt's span as parent.
      for (RecordedRequest request : requests) {
        String parent = request.header("traceparent");
        assertThat(TraceParent.traceId(parent)).isEqualTo(trace);
        assertThat(parent.substring(36, 52)).isIn(attempts.get(0).getSpanId(), attempts.get(1).getSpanId());
      }
      assertThat(attemptLogTraceIds(bootstrap, kafka.topics(), 2)).containsOnly(trace);
    }
  }

  @Test
  void shouldPassTheProducersTraceOnWhenTheServicesDoNotTrace(@BootstrapServers String bootstrap, @TempDir Path tmp)
      throws Exception {
    OneDelivery one = deliverOne(bootstrap, tmp, "plain", Tracing.of(sdk), Tracing.off());

    SpanData publish = await(s -> s.getKind() == SpanKind.PRODUCER, 1).get(0);
    assertThat(one.request().header("traceparent")).isEqualTo(TraceParent.of(publish.getSpanContext()));
    assertThat(one.loggedTraceIds()).containsOnly(publish.getTraceId());
    assertThat(spans.getFinishedSpanItems()).as("only the producer traces").hasSize(1);
  }

  @Test
  void shouldSendNoTraceparentAndLogNoTraceWhenNothingTraces(@BootstrapServers String bootstrap, @TempDir Path tmp)
      throws Exception {
    OneDelivery one = deliverOne(bootstrap, tmp, "untraced", Tracing.off(), Tracing.off());

    assertThat(one.request().header("traceparent")).as("tracing is off by default: nothing to pass on").isNull();
    assertThat(one.loggedTraceIds()).containsOnlyNulls();
    assertThat(spans.getFinishedSpanItems()).isEmpty();
  }

  private record OneDelivery(RecordedRequest request, List<String> loggedTraceIds) {}

  /** One stream.live to one webhook, traced by the producer and the services as given: the request and the logged trace ids. */
  private static OneDelivery deliverOne(String bootstrap, Path tmp, String name, Tracing producerTracing, Tracing servicesTracing)
      throws Exception {
    String prefix = TestTopics.unique("tracing-" + name);
    KafkaSettings kafka = topics(bootstrap, prefix);
    try (ScriptedReceiver receiver = ScriptedReceiver.start()) {
      register(kafka, WebhookId.of("wh_" + name), AppId.of("app_" + name), receiver.url(PATH));
      run(kafka, prefix, tmp, producerTracing, servicesTracing, servicesTracing, AppId.of("app_" + name), "stream_" + name, 1);
      return new OneDelivery(receiver.await(PATH, 1, WAIT).get(0), attemptLogTraceIds(bootstrap, kafka.topics(), 1));
    }
  }

  private static KafkaSettings topics(String bootstrap, String prefix) {
    KafkaSettings kafka = KafkaSettings.forBootstrap(bootstrap, new Topics(prefix + ".", FAST));
    try (Admin admin = Admin.create(kafka.adminProperties(prefix + "-admin"))) {
      TopicInstaller.ensure(admin, TopicLayout.newTopics(kafka.topics(), 2, (short) 1, Duration.ofDays(1)));
    }
    return kafka;
  }

  private static void register(KafkaSettings kafka, WebhookId id, AppId app, String url) throws Exception {
    Instant now = Instant.now();
    Subscription subscription = new Subscription(id, app, url, Set.of(WebhookEventType.STREAM_LIVE), true, "",
        WebhookSecret.generate(new SecureRandom()), Optional.empty(), now, now, null);
    try (KafkaProducer<String, byte[]> registry = new KafkaProducer<>(kafka.producerProperties("tracing-registry"))) {
      registry.send(new ProducerRecord<>(kafka.topics().webhooks(), id.value(), SubscriptionCodec.encode(subscription)))
          .get(30, TimeUnit.SECONDS);
    }
  }

  /** Starts router and deliverer, publishes one stream.live, and keeps them running until {@code attempts} are logged. */
  private static void run(KafkaSettings kafka, String prefix, Path tmp, Tracing producerTracing, Tracing routerTracing,
      Tracing delivererTracing, AppId app, String stream, int attempts) throws Exception {
    try (RouterService router = new RouterService(RouterConfig.defaults(kafka, tmp.resolve("router")).withApplicationId(prefix + "-router")
            .withCommits(CommitPace.fixed(Duration.ofMillis(50))), new SimpleMeterRegistry(), Clock.systemUTC(), routerTracing);
        DelivererService deliverer = new DelivererService(DelivererConfig.defaults(kafka).withGroupId(prefix + "-deliverer")
            .withAllowPrivateTargets(true), new SimpleMeterRegistry(), Clock.systemUTC(), null, delivererTracing);
        RealcastProducer producer = new RealcastProducer(ProducerConfig.forBootstrap(kafka.bootstrap(), kafka.topics()), new SimpleMeterRegistry(), Clock.systemUTC(),
            producerTracing)) {
      router.start();
      deliverer.start();
      producer.streamLive(app, stream, "Traced", "user_1").get(30, TimeUnit.SECONDS);
      TopicReader.readAtLeast(kafka.bootstrap(), kafka.topics().attempts(), attempts, WAIT);
    }
  }

  private List<SpanData> await(Predicate<SpanData> which, int count) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      List<SpanData> found = spans.getFinishedSpanItems().stream().filter(which).toList();
      if (found.size() >= count || System.nanoTime() > deadline) {
        assertThat(found).as("finished spans: %s", spans.getFinishedSpanItems()).hasSizeGreaterThanOrEqualTo(count);
        return found;
      }
      TimeUnit.MILLISECONDS.sleep(20); // polling interval of the deadline loop
    }
  }

  private static List<String> events(SpanData span) {
    return span.getEvents().stream().map(EventData::getName).toList();
  }

  private static List<String> attemptLogTraceIds(String bootstrap, Topics topics, int count) {
    return TopicReader.readAtLeast(bootstrap, topics.attempts(), count, WAIT).stream()
        .map(r -> DeliveryCodec.decodeAttemptLog(r.value()))
        .map(AttemptLog::attempt)
        .map(a -> a.traceId())
        .toList();
  }
}
