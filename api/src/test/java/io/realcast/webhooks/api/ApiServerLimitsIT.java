package io.realcast.webhooks.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.api.ApiClient.Response;
import io.realcast.webhooks.api.validation.TargetCheck;
import io.realcast.webhooks.kafka.embedded.BootstrapServers;
import io.realcast.webhooks.kafka.embedded.KafkaBrokerExtension;
import io.realcast.webhooks.kafka.embedded.TestTopics;
import io.realcast.webhooks.topic.RetrySchedule;
import io.realcast.webhooks.topic.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The api's server settings over real sockets: /metrics on a port of its own, the idle timeout and the request
 * timeout ({@code REALCAST_API_METRICS_PORT}, {@code REALCAST_API_IDLE_TIMEOUT}, {@code REALCAST_API_REQUEST_TIMEOUT}).
 */
@ExtendWith(KafkaBrokerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class ApiServerLimitsIT {
  /** The shortest the settings allow, so the test stays fast. */
  private static final Duration IDLE = Duration.ofSeconds(1);
  /** Well under the idle timeout, so a stalled request is answered before its connection is closed. */
  private static final Duration REQUEST = Duration.ofMillis(300);
  /** Slack for a loaded machine. */
  private static final Duration MARGIN = Duration.ofSeconds(3);

  private ApiHarness api;
  private ApiClient metricsClient;

  @BeforeAll
  void start(@BootstrapServers String bootstrap) throws Exception {
    var kafka = ApiHarness.createTopics(bootstrap, new Topics(TestTopics.unique("api-limits") + ".", RetrySchedule.DEFAULT));
    api = ApiHarness.start(kafka, TargetCheck.ALLOW_ALL,
        c -> c.withHttp(c.http().withMetricsPort(0).withTimeouts(IDLE, REQUEST)));
    metricsClient = new ApiClient(api.service.metricsPort());
  }

  @AfterAll
  void stop() {
    if (metricsClient != null) {
      metricsClient.close();
    }
    if (api != null) {
      api.close();
    }
  }

  @Test
  void shouldServeMetricsOnItsOwnPortOnly() {
    assertThat(api.service.metricsPort()).isNotEqualTo(api.service.port());
    // A request on the API port, to find in the scrape: the metrics port shows the API's own registry.
    assertThat(api.client.get("/v1/event-types", ApiHarness.ADMIN_KEY).status()).isEqualTo(200);

    Response scrape = metricsClient.get("/metrics", null);
    assertThat(scrape.status()).isEqualTo(200);
    assertThat(scrape.contentType()).startsWith("text/plain; version=0.0.4");
    assertThat(scrape.body()).contains("# TYPE realcast_api_requests_total counter")
        .contains("route=\"/v1/event-types\"");

    Response onApiPort = api.client.get("/metrics", null);
    assertThat(onApiPort.status()).isEqualTo(404);
    assertThat(onApiPort.errorCode()).isEqualTo("no_route");
    assertThat(onApiPort.body()).doesNotContain("realcast_api_requests_total");
  }

  @Test
  void shouldAnswerHealthOnBothPorts() {
    for (ApiClient client : new ApiClient[] {api.client, metricsClient}) {
      Response health = client.get("/health", null);
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.json().path("status").asText()).isEqualTo("UP");
    }
  }

  @Test
  void shouldCloseAConnectionThatSendsNothing() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", api.service.port())) {
      long start = System.nanoTime();
      // The read blocks until the server closes the connection (-1) or the deadline passes (SocketTimeoutException).
      socket.setSoTimeout((int) IDLE.plus(MARGIN).toMillis());
      int read;
      try {
        read = socket.getInputStream().read();
      } catch (SocketTimeoutException e) {
        throw new AssertionError("the server kept a silent connection open longer than " + IDLE.plus(MARGIN), e);
      }
      Duration open = Duration.ofNanos(System.nanoTime() - start);
      assertThat(read).as("the server closes without answering").isEqualTo(-1);
      assertThat(open).as("closed by the idle timeout, not at once").isGreaterThanOrEqualTo(IDLE.minusMillis(200));
    }
  }

  @Test
  void shouldAnswer503TimeoutWhenTheBodyDoesNotArriveInTime() throws IOException {
    // The timeout runs from the start of routing: a body still being received counts, as a slow handler would.
    try (Socket socket = new Socket("127.0.0.1", api.service.port())) {
      socket.setSoTimeout((int) REQUEST.plus(MARGIN).toMillis());
      OutputStream out = socket.getOutputStream();
      long start = System.nanoTime();
      out.write(("POST /v1/apps HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + ApiHarness.ADMIN_KEY
          + "\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n{\"name\":").getBytes(StandardCharsets.US_ASCII));
      out.flush();

      String answer = readHead(socket.getInputStream());
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(answer).startsWith("HTTP/1.1 503 ").containsIgnoringCase("Retry-After: 5");
      assertThat(took).as("answered by the request timeout").isGreaterThanOrEqualTo(REQUEST.minusMillis(50));
      Response bodyOfTheAnswer = new Response(503, answer.substring(answer.indexOf("\r\n\r\n") + 4), null, Map.of());
      assertThat(bodyOfTheAnswer.errorCode()).isEqualTo("timeout");
      assertThat(bodyOfTheAnswer.json().path("error").path("message").asText()).contains("300 ms");
    }
  }

  /** Reads the status line, headers and the body of a Content-Length answer. */
  private static String readHead(InputStream in) throws IOException {
    StringBuilder text = new StringBuilder();
    try {
      int length = -1;
      while (true) {
        int b = in.read();
        if (b < 0) {
          break;
        }
        text.append((char) b);
        int end = text.indexOf("\r\n\r\n");
        if (end >= 0 && length < 0) {
          length = contentLength(text.substring(0, end));
        }
        if (end >= 0 && text.length() - end - 4 >= length) {
          break;
        }
      }
    } catch (SocketTimeoutException e) {
      throw new AssertionError("no answer before the deadline; got: " + text, e);
    }
    return text.toString();
  }

  private static int contentLength(String head) {
    for (String line : head.split("\r\n")) {
      if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
        return Integer.parseInt(line.substring(15).trim());
      }
    }
    return 0;
  }
}
