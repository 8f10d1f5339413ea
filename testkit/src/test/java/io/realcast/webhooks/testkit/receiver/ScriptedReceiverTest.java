package io.realcast.webhooks.testkit.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.realcast.webhooks.verifier.WebhookSignatures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The receiver over real HTTP on 127.0.0.1, through the JDK's client. */
@Timeout(60)
class ScriptedReceiverTest {
  private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
  private final ScriptedReceiver receiver = ScriptedReceiver.start();
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @AfterEach
  void close() {
    receiver.close();
  }

  @Test
  void shouldAnswerAPathsScriptInOrderThenItsFallbackThenTheDefault() throws Exception {
    receiver.script("/a", Reply.status(503), Reply.status(429).withHeader("Retry-After", "7")).always("/a", Reply.status(204));

    assertThat(List.of(post("/a").statusCode(), post("/a").statusCode(), post("/a").statusCode(), post("/a").statusCode()))
        .containsExactly(503, 429, 204, 204);
    assertThat(post("/other").statusCode()).isEqualTo(200);
    receiver.byDefault(Reply.status(500).withBody("broken"));
    HttpResponse<String> broken = post("/other");
    assertThat(broken.statusCode()).isEqualTo(500);
    assertThat(broken.body()).isEqualTo("broken");
  }

  @Test
  void shouldRecordEveryRequestWithItsHeadersBodyAndReplyAndTellListeners() throws Exception {
    List<RecordedRequest> heard = new CopyOnWriteArrayList<>();
    receiver.onRequest(heard::add).script("/hooks/wh_1", Reply.status(500));
    byte[] body = "{\"event\":\"stream.live\"}".getBytes(StandardCharsets.UTF_8);
    long now = System.currentTimeMillis() / 1000;

    http.send(HttpRequest.newBuilder(URI.create(receiver.url("/hooks/wh_1?x=1")))
        .header("X-RealCast-Webhook-Id", "dlv_1").header("X-RealCast-Event", "stream.live")
        .header("X-RealCast-Delivery-Attempt", "2").header("X-RealCast-Signature", WebhookSignatures.realcast(SECRET, body))
        .header("webhook-id", "dlv_1").header("webhook-timestamp", Long.toString(now))
        .header("webhook-signature", WebhookSignatures.standard(WebhookSignatures.standardKey(SECRET), "dlv_1", now, body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());

    RecordedRequest r = receiver.await("/hooks/wh_1", 1, Duration.ofSeconds(5)).get(0);
    assertThat(heard).containsExactly(r);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.body()).isEqualTo(body);
    assertThat(r.webhookId()).isEqualTo("dlv_1");
    assertThat(r.event()).isEqualTo("stream.live");
    assertThat(r.attempt()).isEqualTo(2);
    assertThat(r.answeredOk()).isFalse();
    assertThat(r.signedWith(SECRET)).isTrue();
    assertThat(r.signedWith("whsec_" + Base64.getEncoder().encodeToString(new byte[]{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})))
        .isFalse();
    assertThat(receiver.verified("dlv_1", SECRET)).isEqualTo(1);
  }

  @Test
  void shouldReadChunkedRequestBodies() throws Exception {
    http.send(HttpRequest.newBuilder(URI.create(receiver.url("/c")))
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream("chunked body".getBytes(StandardCharsets.UTF_8))))
        .build(), HttpResponse.BodyHandlers.discarding());

    assertThat(receiver.await("/c", 1, Duration.ofSeconds(5)).get(0).bodyText()).isEqualTo("chunked body");
  }

  @Test
  void shouldStallResetAndDripAtTheTcpLevel() throws Exception {
    receiver.script("/stall", Reply.stall()).script("/reset", Reply.reset()).script("/drip", Reply.drip(200, Duration.ofMillis(30)));

    assertThatThrownBy(() -> http.send(request("/stall").timeout(Duration.ofMillis(500)).build(), HttpResponse.BodyHandlers.discarding()))
        .isInstanceOf(HttpTimeoutException.class);
    assertThatThrownBy(() -> http.send(request("/reset").build(), HttpResponse.BodyHandlers.discarding())).isInstanceOf(IOException.class);
    long start = System.nanoTime();
    HttpResponse<String> dripped = http.send(request("/drip").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(dripped.body()).isEqualTo("ok");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("38 bytes, 30 ms apart").isGreaterThan(Duration.ofMillis(900));
  }

  @Test
  void shouldSendASlowAHugeAndAnEndlessBody() throws Exception {
    receiver.script("/slow", Reply.slowBody(200, 3, Duration.ofMillis(50))).script("/huge", Reply.hugeBody(200, 1 << 20))
        .script("/endless", Reply.endlessBody(200));

    assertThat(http.send(request("/slow").build(), HttpResponse.BodyHandlers.ofString()).body()).isEqualTo("xxx");
    assertThat(http.send(request("/huge").build(), HttpResponse.BodyHandlers.ofByteArray()).body()).hasSizeGreaterThanOrEqualTo(1 << 20);
    HttpResponse<InputStream> endless = http.send(request("/endless").build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream in = endless.body()) {
      assertThat(in.readNBytes(4 << 20)).hasSize(4 << 20);
    }
  }

  private HttpResponse<String> post(String path) throws Exception {
    return http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(receiver.url(path))).POST(HttpRequest.BodyPublishers.ofString("{}"));
  }
}
