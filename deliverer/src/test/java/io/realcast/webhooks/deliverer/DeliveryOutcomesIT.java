package io.realcast.webhooks.deliverer;

import io.realcast.webhooks.delivery.DeadReason;
import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.BuildInfo;
import io.realcast.webhooks.deliverer.testing.DeliveryFixture;
import io.realcast.webhooks.testkit.receiver.RecordedRequest;
import io.realcast.webhooks.testkit.receiver.Reply;
import io.realcast.webhooks.testkit.receiver.ScriptedReceiver;
import io.realcast.webhooks.delivery.AttemptLog;
import io.realcast.webhooks.delivery.DeliveryState;
import io.realcast.webhooks.delivery.AttemptResult;
import io.realcast.webhooks.delivery.DeadLetter;
import io.realcast.webhooks.delivery.Delivery;
import io.realcast.webhooks.event.WebhookEventType;
import io.realcast.webhooks.kafka.embedded.BootstrapServers;
import io.realcast.webhooks.kafka.embedded.KafkaBrokerExtension;
import io.realcast.webhooks.kafka.embedded.TestTopics;
import io.realcast.webhooks.verifier.WebhookVerifier;
import io.realcast.webhooks.subscription.Subscription;
import io.realcast.webhooks.topic.RetrySchedule;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every outcome class of docs/DELIVERY.md ("Classification") against a real receiver and a real broker, with a short retry
 * schedule (100 ms, 200 ms, 300 ms) and a 2 s attempt timeout so the whole class runs in seconds.
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeliveryOutcomesIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final RetrySchedule SHORT = RetrySchedule.parse("100ms,200ms,300ms");

  private final AtomicInteger paths = new AtomicInteger();
  private ScriptedReceiver receiver;
  private DeliveryFixture fixture;

  @BeforeAll
  void start(@BootstrapServers String bootstrap) throws Exception {
    receiver = ScriptedReceiver.start();
    fixture = new DeliveryFixture(bootstrap, TestTopics.unique("outcomes"), SHORT, 3);
    fixture.startDeliverer(c -> c.withAttemptTimeout(Duration.ofSeconds(2)));
    fixture.awaitDelivering(receiver);
  }

  @AfterAll
  void stop() {
    fixture.close();
    receiver.close();
  }

  private String path() {
    return "/hook-" + paths.incrementAndGet();
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {200, 201, 204})
  void shouldDeliverOnceOn2xx(int status) throws Exception {
    String path = path();
    receiver.always(path, Reply.status(status));
    Subscription hook = fixture.subscribe(receiver.url(path));
    Delivery delivery = fixture.deliver(hook, WebhookEventType.STREAM_LIVE);

    AttemptLog log = awaitAttempts(delivery, 1).get(0);
    assertThat(log.attempt().result()).isEqualTo(AttemptResult.DELIVERED);
    assertThat(log.attempt().statusCode()).isEqualTo(status);
    assertThat(log.state()).isEqualTo(DeliveryState.DELIVERED);
    RecordedRequest request = receiver.await(path, 1, WAIT).get(0);
    assertSignedDelivery(request, hook, delivery, 1);
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {400, 404, 422})
  void shouldDeadLetterAfterOneAttemptOnOther4xx(int status) throws Exception {
    String path = path();
    receiver.always(path, Reply.status(status));
    Subscription hook = fixture.subscribe(receiver.url(path));
    Delivery delivery = fixture.deliver(hook, WebhookEventType.VIEWER_JOINED);

    DeadLetter dead = awaitDead(delivery);
    assertThat(dead.reason()).isEqualTo(DeadReason.PERMANENT_FAILURE);
    assertThat(dead.delivery().attempts()).singleElement().satisfies(a -> {
      assertThat(a.statusCode()).isEqualTo(status);
      assertThat(a.result()).isEqualTo(AttemptResult.PERMANENT);
    });
    assertThat(receiver.requests(path)).hasSize(1);
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {301, 302})
  void shouldNotFollowRedirects(int status) throws Exception {
    String path = path();
    receiver.always(path, Reply.redirect(status, receiver.url(path + "-moved")));
    Subscription hook = fixture.subscribe(receiver.url(path));
    Delivery delivery = fixture.deliver(hook, WebhookEventType.STREAM_OFFLINE);

    DeadLetter dead = awaitDead(delivery);
    assertThat(dead.reason()).isEqualTo(DeadReason.PERMANENT_FAILURE);
    assertThat(dead.delivery().attempts()).singleElement().satisfies(a -> assertThat(a.statusCode()).isEqualTo(status));
    assertThat(receiver.requests(path + "-moved")).isEmpty();
  }

  @Test
  void shouldDeadLetterOn410AndSendNothingMoreToThatWebhook() throws Exception {
    String path = path();
    receiver.always(path, Reply.status(410));
    Subscription hook = fixture.subscribe(receiver.url(path));
    Delivery first = fixture.deliver(hook, WebhookEventType.STREAM_LIVE);
    DeadLetter dead = awaitDead(first);
    assertThat(dead.reason()).isEqualTo(DeadReason.GONE);
    assertThat(dead.delivery().attempts()).singleElement().satisfies(a -> assertThat(a.result()).isEqualTo(AttemptResult.GONE));

    Delivery second = fixture.deliver(hook, WebhookEventType.STREAM_OFFLINE);
    DeadLetter skipped = awaitDead(second);
    // Gone on this instance, or disabled once its own disable write reached its view: either way, not sent.
    assertThat(skipped.reason()).isIn(DeadReason.GONE, DeadReason.WEBHOOK_DISABLED);
    assertThat(skipped.delivery().attempts()).isEmpty();
    assertThat(receiver.requests(path)).hasSize(1);
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {408, 429, 500, 502, 503})
  void shouldRetryThreeTimesThenDeadLetterWithFourAttempts(int status) throws Exception {
    String path = path();
    receiver.always(path, Reply.status(status));
    Subscription hook = fixture.subscribe(receiver.url(path));
    Delivery delivery = fixture.deliver(hook, WebhookEventType.CHAT_MESSAGE_NEW);

    DeadLetter dead = awaitDead(delivery);
    assertThat(dead.reason()).isEqualTo(DeadReason.RETRIES_EXHAUSTED);
    assertThat(dead.delivery().attempts()).extracting(a -> a.number()).containsExactly(1, 2, 3, 4);
    assertThat(dead.delivery().attempts()).allSatisfy(a -> {
      assertThat(a.statusCode()).isEqualTo(status);
      assertThat(a.result()).isEqualTo(AttemptResult.TEMPORARY);
    });
    List<RecordedRequest> requests = receiver.await(path, 4, WAIT);
    assertThat(requests).hasSize(4);
    for (int i = 0; i < 4; i++) {
      assertSignedDelivery(requests.get(i), hook, delivery, i + 1);
    }
    assertThat(awaitAttempts(delivery, 4)).extracting(AttemptLog::state)
        .containsExactly(DeliveryState.RETRYING, DeliveryState.RETRYING, DeliveryState.RETRYING, DeliveryState.DEAD);
  }

  @Test
  void shouldHonourRetryAfterSecondsOn429() throws Exception {
    String path = path();
    receiver.script(path, Reply.status(429).withHeader("Retry-After", "2"), Reply.ok());
    Subscription hook = fixture.subscribe(receiver.url(path));
    fixture.deliver(hook, WebhookEventType.VIEWER_JOINED);

    List<RecordedRequest> requests = receiver.await(path, 2, WAIT);
    assertThat(requests).extracting(RecordedRequest::attempt).startsWith(1, 2);
    assertThat(gapMillis(requests, 0)).isBetween(2_000L, 4_000L);
  }

  @Test
  void shouldHonourRetryAfterAsHttpDateOn503() throws Exception {
    String path = path();
    java.time.ZonedDateTime notBefore = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(3).withNano(0);
    receiver.script(path, Reply.status(503).withHeader("Retry-After",
        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(notBefore)), Reply.ok());
    Subscription hook = fixture.subscribe(receiver.url(path));
    fixture.deliver(hook, WebhookEventType.VIEWER_JOINED);

    List<RecordedRequest> requests = receiver.await(path, 2, WAIT);
    assertThat(requests.get(1).arrivedAt()).isAfterOrEqualTo(notBefore.toInstant())
        .isBefore(notBefore.toInstant().plusSeconds(2));
  }

  @Test
  void shouldRetryOn429WithoutRetryAfterOnTheSchedule() throws Exception {
    String path = path();
    receiver.script(path, Reply.status(429), Reply.ok());
    Subscription hook = fixture.subscribe(receiver.url(path));
    fixture.deliver(hook, WebhookEventType.VIEWER_JOINED);

    List<RecordedRequest> requests = receiver.await(path, 2, WAIT);
    assertThat(gapMillis(requests, 0)).isBetween(100L, 1_500L);
  }

  @Test
  void shouldRetryAStalledResponseAfterTheAttemptTimeout() throws Exception {
    String path = path();
    receiver.script(path, Reply.stall(), Reply.ok());
    Subscription hook = fixture.subscribe(receiver.url(path));
    Delivery delivery = fixture.deliver(hook, WebhookEventType.RECORDING_READY);

    List<AttemptLog> logs = awaitAttempts(delivery, 2);
    assertThat(logs.get(0).attempt().error()).isEqualTo("timeout");
    assertThat(logs.get(0).attempt().latencyMillis()).isBetween(1_900L, 5_000L);
    assertThat(logs.get(1).attempt().result()).isEqualTo(AttemptResult.DELIVERED);
    assertThat(gapMillis(receiver.await(path, 2, WAIT), 0)).isGreaterThanOrEqualTo(2_100L);
  }

  @Test
  void shouldRetryAResetConnection() throws Exception {
    String path = path();
    receiver.script(path, Reply.reset(), Reply.ok());
    Subscription hook = fixture.subscribe(receiver.url(path));
    Delivery delivery = fixture.deliver(hook, WebhookEventType.RECORDING_STARTED);

    List<AttemptLog> logs = awaitAttempts(delivery, 2);
    assertThat(logs.get(0).attempt().result()).isEqualTo(AttemptResult.TEMPORARY);
    assertThat(logs.get(0).attempt().error()).isEqualTo("connection_reset");
    assertThat(logs.get(1).attempt().result()).isEqualTo(AttemptResult.DELIVERED);
  }

  @Test
  void shouldRetryARefusedConnectionThenDeadLetter() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    Subscription hook = fixture.subscribe("http://127.0.0.1:" + closedPort + "/nobody");
    Delivery delivery = fixture.deliver(hook, WebhookEventType.STREAM_ERROR);

    DeadLetter dead = awaitDead(delivery);
    assertThat(dead.reason()).isEqualTo(DeadReason.RETRIES_EXHAUSTED);
    assertThat(dead.delivery().attempts()).hasSize(4)
        .allSatisfy(a -> assertThat(a.error()).isEqualTo("connection_refused"));
  }

  @Test
  void shouldTakeTheStatusWhenTheBodyIsSlowerThanTheTimeout() throws Exception {
    String path = path();
    receiver.always(path, Reply.slowBody(200, 60, Duration.ofMillis(100)));
    Subscription hook = fixture.subscribe(receiver.url(path));
    Delivery delivery = fixture.deliver(hook, WebhookEventType.STREAM_LIVE);

    AttemptLog log = awaitAttempts(delivery, 1).get(0);
    assertThat(log.attempt().result()).isEqualTo(AttemptResult.DELIVERED);
    assertThat(receiver.requests(path)).hasSize(1);
  }

  @Test
  void shouldStopReadingAHugeBodyAtTheLimit() throws Exception {
    String path = path();
    receiver.always(path, Reply.hugeBody(200, 200L << 20));
    Subscription hook = fixture.subscribe(receiver.url(path));
    Delivery delivery = fixture.deliver(hook, WebhookEventType.STREAM_LIVE);

    AttemptLog log = awaitAttempts(delivery, 1).get(0);
    assertThat(log.attempt().result()).isEqualTo(AttemptResult.DELIVERED);
    // 200 MiB would take far longer than the 2 s attempt timeout; the limit ends the read early.
    assertThat(log.attempt().latencyMillis()).isLessThan(1_900L);
  }

  @Test
  void shouldDeadLetterPendingRetriesOfADisabledWebhook() throws Exception {
    String path = path();
    receiver.script(path, Reply.status(503).withHeader("Retry-After", "3"));
    Subscription hook = fixture.subscribe(receiver.url(path));
    Delivery delivery = fixture.deliver(hook, WebhookEventType.STREAM_LIVE);
    receiver.await(path, 1, WAIT);
    fixture.put(hook.disabled("disabled by its owner", Instant.now()));

    DeadLetter dead = awaitDead(delivery);
    assertThat(dead.reason()).isEqualTo(DeadReason.WEBHOOK_DISABLED);
    assertThat(dead.delivery().attempts()).hasSize(1);
    assertThat(receiver.requests(path)).hasSize(1);
  }

  @Test
  void shouldDeadLetterPendingRetriesOfADeletedWebhook() throws Exception {
    String path = path();
    receiver.script(path, Reply.status(503).withHeader("Retry-After", "3"));
    Subscription hook = fixture.subscribe(receiver.url(path));
    Delivery delivery = fixture.deliver(hook, WebhookEventType.STREAM_LIVE);
    receiver.await(path, 1, WAIT);
    fixture.delete(hook);

    assertThat(awaitDead(delivery).reason()).isEqualTo(DeadReason.WEBHOOK_DELETED);
    assertThat(receiver.requests(path)).hasSize(1);
  }

  @Test
  void shouldSignWithBothSecretsDuringARotationOverlap() throws Exception {
    String path = path();
    java.security.SecureRandom random = new java.security.SecureRandom();
    io.realcast.webhooks.signing.WebhookSecret old = io.realcast.webhooks.signing.WebhookSecret.generate(random);
    io.realcast.webhooks.signing.WebhookSecret fresh = io.realcast.webhooks.signing.WebhookSecret.generate(random);
    java.time.Clock clock = java.time.Clock.systemUTC();
    // One write, as after the api's rotation: the new secret plus the previous one until the overlap ends.
    Subscription rotated = fixture.put(new Subscription(io.realcast.webhooks.id.WebhookId.random(clock),
        io.realcast.webhooks.id.AppId.random(clock), receiver.url(path), java.util.EnumSet.allOf(WebhookEventType.class), true,
        "", fresh, java.util.Optional.of(new Subscription.RotatedSecret(old, Instant.now().plusSeconds(3600))), Instant.now(),
        Instant.now(), null));
    Delivery delivery = fixture.deliver(rotated, WebhookEventType.STREAM_LIVE);

    RecordedRequest request = receiver.await(path, 1, WAIT).get(0);
    assertThat(request.webhookId()).isEqualTo(delivery.id().value());
    assertThat(request.header("X-RealCast-Signature-Previous")).isNotNull();
    assertThat(request.header("webhook-signature").split(" ")).hasSize(2);
    // A receiver holding either secret verifies both schemes: the new one signs, the old one still does.
    for (String secret : List.of(fresh.value(), old.value())) {
      WebhookVerifier verifier = WebhookVerifier.withSecrets(secret);
      verifier.verifyStandardWebhooks(request.body(), request::header);
      verifier.verifyRealcastSignatureWithoutReplayProtection(request.body(), request::header);
    }
  }

  private List<AttemptLog> awaitAttempts(Delivery delivery, int count) throws Exception {
    return fixture.attempts().await(l -> l.deliveryId().equals(delivery.id()), count, WAIT);
  }

  private DeadLetter awaitDead(Delivery delivery) throws Exception {
    return fixture.dead().await(d -> d.delivery().id().equals(delivery.id()), 1, WAIT).get(0);
  }

  private static long gapMillis(List<RecordedRequest> requests, int index) {
    return TimeUnit.NANOSECONDS.toMillis(requests.get(index + 1).arrivedNanos() - requests.get(index).arrivedNanos());
  }

  static void assertSignedDelivery(RecordedRequest request, Subscription hook, Delivery delivery, int attempt) throws Exception {
    assertThat(request.method()).isEqualTo("POST");
    assertThat(request.body()).isEqualTo(delivery.body());
    assertThat(request.header("Content-Type")).isEqualTo("application/json");
    assertThat(request.header("User-Agent")).isEqualTo(BuildInfo.userAgent());
    assertThat(request.header("X-RealCast-Event")).isEqualTo(delivery.event().wireName());
    assertThat(request.webhookId()).isEqualTo(delivery.id().value());
    assertThat(request.header("webhook-id")).isEqualTo(delivery.id().value());
    assertThat(request.attempt()).isEqualTo(attempt);
    WebhookVerifier verifier = WebhookVerifier.withSecrets(hook.secret().value());
    verifier.verifyStandardWebhooks(request.body(), request::header);
    verifier.verifyRealcastSignatureWithoutReplayProtection(request.body(), request::header);
    assertThat(request.header("X-RealCast-Signature-Previous")).isNull();
  }
}
