package io.realcast.webhooks.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.signing.Signatures;
import io.realcast.webhooks.signing.WebhookSecret;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DemoReceiverTest {
  private static final WebhookSecret SECRET = WebhookSecret.generate(new SecureRandom());
  // Spaces and an escaped slash: the raw bytes differ from JSON.stringify's, as after express.json().
  private static final String RAW = "{ \"event\": \"chat.message.new\", \"data\": {\"message\": \"a\\/b \\u00e9\"} }";
  private static final String RESERIALIZED = "{\"event\":\"chat.message.new\",\"data\":{\"message\":\"a/b é\"}}";

  private Vertx vertx;
  private HttpClient client;
  private DemoReceiver receiver;

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
    client = vertx.createHttpClient();
    receiver = DemoReceiver.start(vertx, "127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    receiver.close();
    vertx.close();
  }

  @Test
  void shouldAcceptSignatureOfTheReserializedBodyLikeTheSeedsExpressReceiver() throws Exception {
    receiver.expectSecret(SECRET);

    int status = post(RAW, Map.of("X-RealCast-Signature", seedSignature(RESERIALIZED), "X-RealCast-Webhook-Id", "dlv_1"));

    assertThat(status).isEqualTo(200);
    assertThat(receiver.stats()).isEqualTo(new ReceiverStats.Snapshot(1, 1, 0));
  }

  @Test
  void shouldRejectAWrongOrMissingSignatureWith401AndCountItFailed() throws Exception {
    receiver.expectSecret(SECRET);

    int wrong = post(RAW, Map.of("X-RealCast-Signature", seedSignature(RESERIALIZED + " "), "X-RealCast-Webhook-Id", "dlv_2"));
    int missing = post(RAW, Map.of("X-RealCast-Webhook-Id", "dlv_3"));

    assertThat(wrong).isEqualTo(401);
    assertThat(missing).isEqualTo(401);
    assertThat(receiver.stats()).isEqualTo(new ReceiverStats.Snapshot(2, 0, 2));
  }

  @Test
  void shouldAcknowledgeADuplicateWebhookIdWithoutProcessingItTwice() throws Exception {
    receiver.expectSecret(SECRET);
    Map<String, String> headers = Map.of("X-RealCast-Signature", seedSignature(RESERIALIZED), "X-RealCast-Webhook-Id", "dlv_4");

    int first = post(RAW, headers);
    int second = post(RAW, headers);

    assertThat(first).isEqualTo(200);
    assertThat(second).isEqualTo(200);
    assertThat(receiver.stats()).isEqualTo(new ReceiverStats.Snapshot(2, 1, 0));
  }

  @Test
  void shouldAnswer503UntilTheSecretIsKnownSoTheDelivererRetries() throws Exception {
    int status = post(RAW, Map.of("X-RealCast-Signature", seedSignature(RESERIALIZED)));

    assertThat(status).isEqualTo(503);
  }

  @Test
  void shouldServeStatsInTheSeedsShape() throws Exception {
    receiver.expectSecret(SECRET);
    post(RAW, Map.of("X-RealCast-Signature", seedSignature(RESERIALIZED), "X-RealCast-Webhook-Id", "dlv_5"));

    String body = client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost("127.0.0.1")
            .setPort(receiver.port()).setURI(DemoReceiver.STATS_PATH))
        .compose(r -> r.send().compose(HttpClientResponse::body))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).toString();

    assertThat(body).isEqualTo("{\"received\":1,\"processed\":1,\"failed\":0}");
  }

  private static String seedSignature(String payload) {
    return Signatures.seed(SECRET, payload.getBytes(StandardCharsets.UTF_8));
  }

  private int post(String body, Map<String, String> headers) throws Exception {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
        .setPort(receiver.port()).setURI(DemoReceiver.PATH).putHeader("Content-Type", "application/json");
    headers.forEach(options::putHeader);
    return client.request(options)
        .compose(r -> r.send(body))
        .map(HttpClientResponse::statusCode)
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
