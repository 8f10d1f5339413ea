package io.realcast.webhooks.deliverer.internal;

import static io.realcast.webhooks.deliverer.internal.SenderHarness.BODY;
import static io.realcast.webhooks.deliverer.internal.SenderHarness.WAIT;
import static io.realcast.webhooks.deliverer.internal.SenderHarness.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.realcast.webhooks.deliverer.SendResult;
import io.realcast.webhooks.deliverer.SendResult.FailureKind;
import io.realcast.webhooks.deliverer.testing.NettyReceiver;
import io.realcast.webhooks.deliverer.testing.NettyReceiver.Answer;
import io.realcast.webhooks.deliverer.testing.NettyReceiver.Seen;
import io.realcast.webhooks.net.TargetPolicy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpSenderTest {

  @Test
  void shouldNameTransportFailures() {
    assertThat(HttpSender.kindOf(new ConnectException("Connection refused"))).isEqualTo(FailureKind.CONNECTION_REFUSED);
    assertThat(HttpSender.kindOf(new ConnectTimeoutException("connection timed out"))).isEqualTo(FailureKind.TIMEOUT);
    assertThat(HttpSender.kindOf(new SslHandshakeTimeoutException("handshake timed out"))).isEqualTo(FailureKind.TIMEOUT);
    assertThat(HttpSender.kindOf(new TimeoutException())).isEqualTo(FailureKind.TIMEOUT);
    assertThat(HttpSender.kindOf(new UnknownHostException("nowhere.invalid"))).isEqualTo(FailureKind.DNS);
    assertThat(HttpSender.kindOf(new HttpConnection.ClosedEarlyException())).isEqualTo(FailureKind.CONNECTION_RESET);
    assertThat(HttpSender.kindOf(new ClosedChannelException())).isEqualTo(FailureKind.CONNECTION_RESET);
    assertThat(HttpSender.kindOf(new IOException("Connection reset by peer"))).isEqualTo(FailureKind.CONNECTION_RESET);
    assertThat(HttpSender.kindOf(new IOException("Broken pipe"))).isEqualTo(FailureKind.IO);
  }

  @Test
  void shouldAcceptOnlyAbsoluteHttpUrlsWithoutCredentials() {
    Endpoint tls = Endpoint.parse("https://hooks.example.com:8443/x?y=1");
    assertThat(tls).extracting(Endpoint::tls, Endpoint::host, Endpoint::port, Endpoint::requestUri, Endpoint::literal)
        .containsExactly(true, "hooks.example.com", 8443, "/x?y=1", null);
    assertThat(Endpoint.parse("http://127.0.0.1/hook").literal()).hasToString("/127.0.0.1");
    assertThat(Endpoint.parse("http://[::1]:9000").literal()).isNotNull();
    assertThat(Endpoint.parse("http://[::1]:9000")).extracting(Endpoint::host, Endpoint::port, Endpoint::requestUri)
        .containsExactly("::1", 9000, "/");
    assertThat(Endpoint.parse("https://example.com").port()).isEqualTo(443);
    assertThatThrownBy(() -> Endpoint.parse("ftp://example.com/")).hasMessageContaining("http");
    assertThatThrownBy(() -> Endpoint.parse("/relative")).hasMessageContaining("http");
    assertThatThrownBy(() -> Endpoint.parse("https://user:pw@example.com/")).hasMessageContaining("credentials");
  }

  @Test
  void shouldKeepHeadersInOrderAndWriteThemAsLatin1() {
    RequestHeaders h = new RequestHeaders().add("B", "2").add("a", "caf\u00e9").add("B", "a\u010db");
    assertThat(h.count()).isEqualTo(3);
    assertThat(h.get("b")).isEqualTo("2");
    assertThat(h.get("missing")).isNull();

    byte[] wire = new byte[h.encodedLength()];
    assertThat(h.encode(wire, 0)).isEqualTo(wire.length);
    // Latin-1 goes out as is; a wider char as '?', never as the CR its low byte would be.
    assertThat(new String(wire, StandardCharsets.ISO_8859_1)).isEqualTo("B: 2\r\na: caf\u00e9\r\nB: a?b\r\n");
  }

  @Test
  void shouldFindEveryCharacterThatWouldSplitTheRequestWhereverItIs() {
    for (char evil : new char[] {'\r', '\n', 0}) {
      for (int at = 0; at < 21; at++) {
        char[] value = "x".repeat(21).toCharArray();
        value[at] = evil;
        RequestHeaders h = new RequestHeaders().add("X-Fine", "y".repeat(at)).add("X-Evil", new String(value));
        assertThat(h.encode(new byte[h.encodedLength()], 0)).as("char %d at %d", (int) evil, at).isEqualTo(-1);
      }
    }
    for (String name : List.of("X Evil", "X:Evil", "X\u00e9", "")) {
      RequestHeaders h = new RequestHeaders().add(name, "1");
      assertThat(h.encode(new byte[h.encodedLength()], 0)).as("name %s", name).isEqualTo(-1);
    }
    RequestHeaders fine = new RequestHeaders().add("X-Fine", "tab\tand 0x7f\u007f and more than eight bytes");
    assertThat(fine.encode(new byte[fine.encodedLength()], 0)).isEqualTo(fine.encodedLength());
  }

  @Test
  void shouldRefuseARequestWhoseHeadersWouldSplitItAndKeepItsConnection() throws Exception {
    try (NettyReceiver receiver = NettyReceiver.start(); SenderHarness sender = new SenderHarness(options(1, WAIT, 1024))) {
      assertThat(sender.sendAndWait(receiver.url("/first"))).isInstanceOf(SendResult.Response.class);
      for (RequestHeaders evil : List.of(new RequestHeaders().add("X-Evil", "1\r\nHost: elsewhere"),
          new RequestHeaders().add("X-Evil: 1\r\nX", "1"), new RequestHeaders().add("", "1"))) {
        assertThat(sender.sendAndWait(receiver.url("/evil"), evil)).isInstanceOfSatisfying(SendResult.Failure.class,
            f -> assertThat(f.kind()).isEqualTo(FailureKind.IO));
      }
      assertThat(sender.sendAndWait(receiver.url("/last"))).isInstanceOf(SendResult.Response.class);

      assertThat(receiver.seen()).extracting(Seen::path, Seen::connection).containsExactly(tuple("/first", 1), tuple("/last", 1));
    }
  }

  @Test
  void shouldPostHeadersAndBodyToTheVettedAddressWithTheUrlsHost() throws Exception {
    try (NettyReceiver receiver = NettyReceiver.start(); SenderHarness sender = new SenderHarness(options(4, WAIT, 1024))) {
      sender.dns.put("hooks.test", List.of(InetAddress.getLoopbackAddress()));

      SendResult result = sender.sendAndWait("http://hooks.test:" + receiver.port() + "/in/x%20y?z=1");

      assertThat(result).isInstanceOfSatisfying(SendResult.Response.class, r -> assertThat(r.status()).isEqualTo(200));
      Seen seen = receiver.seen().get(0);
      assertThat(seen.uri()).isEqualTo("/in/x%20y?z=1");
      assertThat(seen.headers()).containsEntry("host", "hooks.test:" + receiver.port())
          .containsEntry("content-type", "application/json").containsEntry("x-realcast-webhook-id", "dlv_test")
          .containsEntry("content-length", String.valueOf(BODY.length));
      assertThat(seen.body()).isEqualTo(BODY);
    }
  }

  @Test
  void shouldReturnRetryAfterAndNeverFollowARedirect() throws Exception {
    try (NettyReceiver receiver = NettyReceiver.start(); SenderHarness sender = new SenderHarness(options(4, WAIT, 1024))) {
      receiver.answer("/busy", Answer.status(503).withHeader("Retry-After", "7"));
      receiver.answer("/moved", Answer.status(302).withHeader("Location", receiver.url("/elsewhere")));

      assertThat(sender.sendAndWait(receiver.url("/busy"))).isInstanceOfSatisfying(SendResult.Response.class,
          r -> assertThat(r).extracting(SendResult.Response::status, SendResult.Response::retryAfter).containsExactly(503, "7"));
      assertThat(sender.sendAndWait(receiver.url("/moved"))).isInstanceOfSatisfying(SendResult.Response.class,
          r -> assertThat(r.status()).isEqualTo(302));
      assertThat(receiver.seen()).extracting(Seen::path).containsExactly("/busy", "/moved");
    }
  }

  @Test
  void shouldNameARefusedConnectionAnUnknownHostAndARefusedTarget() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    try (SenderHarness open = new SenderHarness(options(4, WAIT, 1024));
        SenderHarness guarded = new SenderHarness(options(4, WAIT, 1024), new TargetPolicy(false))) {
      assertThat(open.sendAndWait("http://127.0.0.1:" + closedPort + "/x")).isInstanceOfSatisfying(SendResult.Failure.class,
          f -> assertThat(f.kind()).isEqualTo(FailureKind.CONNECTION_REFUSED));
      assertThat(open.sendAndWait("http://nowhere.test/x")).isInstanceOfSatisfying(SendResult.Failure.class,
          f -> assertThat(f.kind()).isEqualTo(FailureKind.DNS));
      assertThat(guarded.sendAndWait("http://127.0.0.1:" + closedPort + "/x")).isInstanceOfSatisfying(SendResult.Refused.class,
          r -> assertThat(r.detail()).startsWith("the host resolves to a ").doesNotContain("127.0.0.1"));
      assertThat(open.connections()).isZero();
    }
  }

  @Test
  void shouldPostToAnIpv6LiteralNamingItInBracketsInTheHostHeader() throws Exception {
    InetAddress v6 = InetAddress.getByName("::1");
    try (NettyReceiver receiver = NettyReceiver.start(v6, null, true); SenderHarness sender = new SenderHarness(options(4, WAIT, 1024))) {
      assertThat(receiver.url("/v6")).startsWith("http://[0:0:0:0:0:0:0:1]:");

      assertThat(sender.sendAndWait("http://[::1]:" + receiver.port() + "/v6"))
          .isInstanceOfSatisfying(SendResult.Response.class, r -> assertThat(r.status()).isEqualTo(200));

      assertThat(receiver.seen()).singleElement().satisfies(s -> {
        assertThat(s.path()).isEqualTo("/v6");
        assertThat(s.headers()).containsEntry("host", "[::1]:" + receiver.port());
      });
    }
  }

  @Test
  void shouldTimeOutAConnectTheHostNeverCompletes() throws Exception {
    // A listener whose accept queue is full: the kernel drops further SYNs, so a connect neither succeeds nor is refused.
    try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        QueueFiller filler = QueueFiller.fill(full.getLocalPort())) {
      assertTimesOutAfterTheConnectTimeout("http://127.0.0.1:" + full.getLocalPort() + "/never");
    }
  }

  @Test
  void shouldTimeOutATlsHandshakeTheServerNeverAnswers() throws Exception {
    // The kernel accepts the TCP connection into the listener's queue; nothing ever reads the ClientHello.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      assertTimesOutAfterTheConnectTimeout("https://127.0.0.1:" + silent.getLocalPort() + "/silent");
    }
  }

  /** A send to {@code url} fails as a timeout after the connect timeout, well before the attempt's deadline. */
  private static void assertTimesOutAfterTheConnectTimeout(String url) throws Exception {
    Duration connectTimeout = Duration.ofMillis(300);
    HttpSender.Options options = new HttpSender.Options(connectTimeout, WAIT, 1024, 4, HttpSender.IDLE_TIMEOUT,
        ClientTls.jdkDefault());
    try (SenderHarness sender = new SenderHarness(options)) {
      assertThat(sender.sendAndWait(url)).isInstanceOfSatisfying(SendResult.Failure.class, f -> {
        assertThat(f.kind()).isEqualTo(FailureKind.TIMEOUT);
        assertThat(f.latency()).isGreaterThanOrEqualTo(connectTimeout).isLessThan(WAIT);
      });
      assertThat(sender.connections()).isZero();
    }
  }

  /** Client sockets that fill a listener's accept queue, until one of them can no longer connect. */
  private record QueueFiller(List<Socket> sockets) implements AutoCloseable {
    static QueueFiller fill(int port) throws IOException {
      List<Socket> sockets = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        Socket s = new Socket();
        sockets.add(s);
        try {
          s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
        } catch (SocketTimeoutException queueFull) {
          return new QueueFiller(sockets);
        }
      }
      throw new IllegalStateException("the accept queue of port " + port + " never filled up");
    }

    @Override
    public void close() throws IOException {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  @Test
  void shouldRefuseToBeCalledOffItsEventLoop() {
    try (SenderHarness sender = new SenderHarness(options(4, Duration.ofSeconds(1), 1024))) {
      assertThatThrownBy(() -> sender.sendOffLoop("http://127.0.0.1:9/x")).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("off its event loop");
    }
  }
}
