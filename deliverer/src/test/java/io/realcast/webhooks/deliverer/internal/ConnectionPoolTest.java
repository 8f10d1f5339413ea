package io.realcast.webhooks.deliverer.internal;

import static io.realcast.webhooks.deliverer.internal.SenderHarness.WAIT;
import static io.realcast.webhooks.deliverer.internal.SenderHarness.await;
import static io.realcast.webhooks.deliverer.internal.SenderHarness.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.realcast.webhooks.deliverer.SendResult;
import io.realcast.webhooks.deliverer.SendResult.FailureKind;
import io.realcast.webhooks.deliverer.testing.NettyReceiver;
import io.realcast.webhooks.deliverer.testing.NettyReceiver.Answer;
import io.realcast.webhooks.deliverer.testing.NettyReceiver.Seen;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sender's keep-alive pool against a real receiver that tells which connection each request came on and which
 * connections the client closed: reuse, the per-host limit, the line of waiters, and every reason a connection is
 * closed instead of reused.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConnectionPoolTest {
  private final NettyReceiver receiver = NettyReceiver.start();
  private SenderHarness harness;

  private SenderHarness harness(HttpSender.Options options) {
    harness = new SenderHarness(options);
    return harness;
  }

  @AfterEach
  void stop() {
    if (harness != null) {
      harness.close();
    }
    receiver.close();
  }

  @Test
  void shouldReuseOneKeepAliveConnectionForRequestsOneAfterAnother() throws Exception {
    SenderHarness sender = harness(options(4, Duration.ofSeconds(5), 1024));
    for (int i = 0; i < 5; i++) {
      assertThat(sender.sendAndWait(receiver.url("/ok?n=" + i))).isInstanceOf(SendResult.Response.class);
    }

    assertThat(receiver.seen()).hasSize(5).extracting(Seen::connection).containsOnly(1);
    assertThat(receiver.connections()).isEqualTo(1);
    assertThat(sender.connections()).isEqualTo(1);
  }

  @Test
  void shouldOpenNoMoreConnectionsToAHostThanThePoolSize() throws Exception {
    receiver.answer("/held", Answer.ok().held());
    SenderHarness sender = harness(options(2, Duration.ofSeconds(10), 1024));
    List<CompletableFuture<SendResult>> results = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      results.add(sender.send(receiver.url("/held?n=" + i)));
    }

    assertThat(sender.connections()).as("open or opening while all six are asked for").isEqualTo(2);
    receiver.await(s -> true, 2, WAIT);
    for (int arrived = 2; arrived < 6; arrived = receiver.await(s -> true, arrived + 1, WAIT).size()) {
      receiver.releaseHeld();
    }
    receiver.releaseHeld();
    for (CompletableFuture<SendResult> r : results) {
      assertThat(await(r)).isInstanceOfSatisfying(SendResult.Response.class, ok -> assertThat(ok.status()).isEqualTo(200));
    }
    assertThat(receiver.seen()).extracting(Seen::connection).containsOnly(1, 2);
    assertThat(receiver.connections()).isEqualTo(2);
  }

  @Test
  void shouldServeRequestsWaitingForAConnectionFirstComeFirstServed() throws Exception {
    receiver.answer("/first", Answer.ok().held());
    SenderHarness sender = harness(options(1, Duration.ofSeconds(10), 1024));
    CompletableFuture<SendResult> first = sender.send(receiver.url("/first"));
    receiver.await(s -> s.path().equals("/first"), 1, WAIT);
    List<CompletableFuture<SendResult>> waiting = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      waiting.add(sender.send(receiver.url("/next?n=" + i)));
    }
    assertThat(sender.connections()).isEqualTo(1);

    receiver.releaseHeld();
    await(first);
    for (CompletableFuture<SendResult> w : waiting) {
      assertThat(await(w)).isInstanceOf(SendResult.Response.class);
    }
    assertThat(receiver.seen()).extracting(Seen::uri)
        .containsExactly("/first", "/next?n=1", "/next?n=2", "/next?n=3", "/next?n=4", "/next?n=5");
    assertThat(receiver.seen()).extracting(Seen::connection).containsOnly(1);
  }

  @Test
  void shouldCloseAConnectionAnsweredWithConnectionClose() throws Exception {
    receiver.answer("/bye", Answer.ok().withHeader("Connection", "close"));
    SenderHarness sender = harness(options(4, Duration.ofSeconds(5), 1024));

    assertThat(sender.sendAndWait(receiver.url("/bye"))).isInstanceOf(SendResult.Response.class);
    receiver.awaitClosed(1, WAIT);
    assertThat(sender.sendAndWait(receiver.url("/ok"))).isInstanceOf(SendResult.Response.class);

    assertThat(receiver.seen()).extracting(Seen::connection).containsExactly(1, 2);
  }

  @Test
  void shouldCloseTheConnectionOfATimedOutAttemptAndServeTheNextOnANewOne() throws Exception {
    receiver.answer("/stall", Answer.stall());
    SenderHarness sender = harness(options(1, Duration.ofMillis(300), 1024));
    CompletableFuture<SendResult> stalled = sender.send(receiver.url("/stall"));
    CompletableFuture<SendResult> next = sender.send(receiver.url("/ok"));

    assertThat(await(stalled)).isInstanceOfSatisfying(SendResult.Failure.class,
        f -> assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT));
    assertThat(await(next)).isInstanceOf(SendResult.Response.class);
    receiver.awaitClosed(1, WAIT);
    assertThat(receiver.seen()).extracting(Seen::path, Seen::connection)
        .containsExactly(tuple("/stall", 1), tuple("/ok", 2));
  }

  @Test
  void shouldAnswerWithTheStatusAndCloseTheConnectionWhenTheBodyIsOverTheLimit() throws Exception {
    receiver.answer("/small", Answer.ok().withBody(1024));
    receiver.answer("/huge", Answer.status(202).withBody(1025));
    SenderHarness sender = harness(options(4, Duration.ofSeconds(5), 1024));

    assertThat(sender.sendAndWait(receiver.url("/small"))).isInstanceOf(SendResult.Response.class);
    assertThat(sender.sendAndWait(receiver.url("/huge")))
        .isInstanceOfSatisfying(SendResult.Response.class, r -> assertThat(r.status()).isEqualTo(202));
    receiver.awaitClosed(1, WAIT);
    assertThat(sender.sendAndWait(receiver.url("/ok"))).isInstanceOf(SendResult.Response.class);

    assertThat(receiver.seen()).extracting(Seen::connection).as("a body at the limit keeps it, one over closes it")
        .containsExactly(1, 1, 2);
  }

  @Test
  void shouldReuseAConnectionAfterAChunkedAnswerAndCloseItWhenTheChunkedBodyIsOverTheLimit() throws Exception {
    receiver.answer("/chunked", Answer.status(202).withBody(1024).chunked());
    receiver.answer("/chunked-huge", Answer.status(203).withBody(4096).chunked());
    SenderHarness sender = harness(options(4, Duration.ofSeconds(5), 1024));

    for (int i = 0; i < 2; i++) {
      assertThat(sender.sendAndWait(receiver.url("/chunked?n=" + i)))
          .isInstanceOfSatisfying(SendResult.Response.class, r -> assertThat(r.status()).isEqualTo(202));
    }
    assertThat(sender.sendAndWait(receiver.url("/chunked-huge")))
        .isInstanceOfSatisfying(SendResult.Response.class, r -> assertThat(r.status()).isEqualTo(203));
    receiver.awaitClosed(1, WAIT);
    assertThat(sender.sendAndWait(receiver.url("/ok"))).isInstanceOf(SendResult.Response.class);

    assertThat(receiver.seen()).extracting(Seen::connection).as("chunked answers within the limit keep it")
        .containsExactly(1, 1, 1, 2);
  }

  @Test
  void shouldForgetAConnectionThePeerClosedWhileIdleAndOpenANewOne() throws Exception {
    receiver.answer("/then-close", Answer.ok().thenClose());
    SenderHarness sender = harness(options(4, Duration.ofSeconds(5), 1024));

    assertThat(sender.sendAndWait(receiver.url("/then-close"))).isInstanceOf(SendResult.Response.class);
    receiver.awaitClosed(1, WAIT);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (sender.connections() > 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(sender.connections()).as("the closed connection left the pool").isZero();
    assertThat(sender.sendAndWait(receiver.url("/ok"))).isInstanceOf(SendResult.Response.class);

    assertThat(receiver.seen()).extracting(Seen::connection).containsExactly(1, 2);
  }

  @Test
  void shouldTakeTheStatusWhenTheBodyIsSlowerThanTheAttemptAndCloseTheConnection() throws Exception {
    receiver.answer("/slow", Answer.status(201).headOnly());
    SenderHarness sender = harness(options(4, Duration.ofMillis(300), 1024));

    assertThat(sender.sendAndWait(receiver.url("/slow")))
        .isInstanceOfSatisfying(SendResult.Response.class, r -> assertThat(r.status()).isEqualTo(201));
    receiver.awaitClosed(1, WAIT);
  }

  @Test
  void shouldCloseConnectionsIdleForLongerThanTheIdleTimeout() throws Exception {
    SenderHarness sender = harness(options(4, Duration.ofSeconds(5), 1024).withIdleTimeout(Duration.ofMillis(200)));

    assertThat(sender.sendAndWait(receiver.url("/ok"))).isInstanceOf(SendResult.Response.class);
    receiver.awaitClosed(1, WAIT);
    assertThat(sender.connections()).isZero();
  }
}
