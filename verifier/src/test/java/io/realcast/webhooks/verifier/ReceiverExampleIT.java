package io.realcast.webhooks.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The receiver shown in verifier/README.md and the project README ({@code example.Receiver}), run as a user
 * would: its own JVM, with nothing on the class path but this module's classes, answering real HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(60)
class ReceiverExampleIT {
  private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
  private final HttpClient http = HttpClient.newHttpClient();
  private Process receiver;
  private Path log;
  private int port;

  @BeforeAll
  void startTheExample() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    log = Files.createTempFile("receiver-example", ".log");
    String classPath = Path.of("target/classes").toAbsolutePath() + File.pathSeparator + Path.of("target/test-classes").toAbsolutePath();
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", classPath, "example.Receiver").redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(Map.of("WEBHOOK_SECRET", SECRET, "PORT", Integer.toString(port)));
    receiver = builder.start();
  }

  @AfterAll
  void stopIt() throws Exception {
    receiver.destroy();
    if (!receiver.waitFor(10, TimeUnit.SECONDS)) {
      receiver.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    Files.deleteIfExists(log);
  }

  @Test
  void shouldAcceptAFreshRequestAndRefuseOneCapturedAnHourAgoWithOrWithoutItsWebhookHeaders() throws Exception {
    byte[] body = "{\"event\":\"viewer.joined\",\"timestamp\":\"2024-12-09T10:05:00Z\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
    long now = Instant.now().getEpochSecond();
    HttpRequest.Builder fresh = signed(body, "dlv_fresh", now, true);
    HttpRequest.Builder captured = signed(body, "dlv_captured", now - 3600, true);
    HttpRequest.Builder stripped = signed(body, "dlv_captured", now - 3600, false);

    assertThat(awaitAnswer(fresh).statusCode()).as("fresh request; log:%n%s", Files.readString(log)).isEqualTo(204);
    assertThat(http.send(captured.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).as("replayed").isEqualTo(401);
    assertThat(http.send(stripped.build(), HttpResponse.BodyHandlers.discarding()).statusCode()).as("replayed, stripped").isEqualTo(401);
    assertThat(Files.readString(log)).contains("dlv_fresh {\"event\":\"viewer.joined\"").doesNotContain("dlv_captured");
  }

  /** The request RealCast sends, signed at {@code timestamp}; without the webhook-* headers when {@code standard} is false. */
  private HttpRequest.Builder signed(byte[] body, String id, long timestamp, boolean standard) {
    HttpRequest.Builder request = request(body).header(WebhookVerifier.REALCAST_SIGNATURE, WebhookSignatures.realcast(SECRET, body));
    if (standard) {
      request.header(WebhookVerifier.WEBHOOK_ID, id).header(WebhookVerifier.WEBHOOK_TIMESTAMP, Long.toString(timestamp))
          .header(WebhookVerifier.WEBHOOK_SIGNATURE, WebhookSignatures.standard(WebhookSignatures.standardKey(SECRET), id, timestamp, body));
    }
    return request;
  }

  private HttpRequest.Builder request(byte[] body) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/realcast"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
  }

  /** The first answer once the child listens; connection refused until then, polled with a deadline. */
  private HttpResponse<Void> awaitAnswer(HttpRequest.Builder request) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    while (true) {
      try {
        return http.send(request.build(), HttpResponse.BodyHandlers.discarding());
      } catch (ConnectException e) {
        if (!receiver.isAlive() || Instant.now().isAfter(deadline)) {
          throw new AssertionError("the example receiver did not listen; log:\n" + Files.readString(log), e);
        }
        Thread.sleep(100);
      }
    }
  }
}
