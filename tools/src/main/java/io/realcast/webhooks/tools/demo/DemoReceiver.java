package io.realcast.webhooks.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import io.realcast.webhooks.json.Json;
import io.realcast.webhooks.signing.Signatures;
import io.realcast.webhooks.signing.WebhookSecret;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's webhook endpoint: the seed's Express receiver in Java. {@code POST /webhooks/realcast}
 * verifies {@code X-RealCast-Signature} against {@code JSON.stringify} of the parsed body, keyed with
 * the secret string, with a constant-time comparison; skips webhook ids it has seen; and counts
 * received / processed / failed, served at {@code GET /webhooks/stats} in the seed's shape.
 * {@code POST /webhooks/flaky} fails some deliveries on purpose ({@link FlakyEndpoint}).
 */
public final class DemoReceiver implements AutoCloseable {
  public static final String PATH = "/webhooks/realcast";
  public static final String STATS_PATH = "/webhooks/stats";
  private static final Logger LOG = LoggerFactory.getLogger(DemoReceiver.class);
  private static final int REMEMBERED_IDS = 100_000;

  private final ReceiverStats stats = new ReceiverStats();
  private final AtomicReference<WebhookSecret> secret = new AtomicReference<>();
  private final Map<String, Boolean> seen = new LinkedHashMap<>(1024, 0.75f, false) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > REMEMBERED_IDS; // the seed's Set, bounded so a long demo does not grow forever
    }
  };
  private final HttpServer server;

  private DemoReceiver(Vertx vertx) {
    this.server = vertx.createHttpServer().requestHandler(this::handle);
  }

  /** Listens on {@code host:port} (0 picks a free port). */
  public static DemoReceiver start(Vertx vertx, String host, int port) {
    DemoReceiver receiver = new DemoReceiver(vertx);
    try {
      receiver.server.listen(port, host).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("demo receiver cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    return receiver;
  }

  /** The secret to verify with; until it is known every request gets 503, which the deliverer retries. */
  public void expectSecret(WebhookSecret webhookSecret) {
    secret.set(webhookSecret);
  }

  public int port() {
    return server.actualPort();
  }

  public ReceiverStats.Snapshot stats() {
    return stats.snapshot();
  }

  private void handle(HttpServerRequest request) {
    if (PATH.equals(request.path()) && request.method().name().equals("POST")) {
      request.body().onSuccess(body -> receive(request, body)).onFailure(e -> request.response().setStatusCode(400).end());
    } else if (FlakyEndpoint.PATH.equals(request.path()) && request.method().name().equals("POST")) {
      int attempt = parseAttempt(request.getHeader("X-RealCast-Delivery-Attempt"));
      request.response().setStatusCode(FlakyEndpoint.status(request.getHeader("X-RealCast-Webhook-Id"), attempt)).end();
    } else if (STATS_PATH.equals(request.path())) {
      request.response().putHeader("Content-Type", "application/json").end(stats.snapshot().toJson());
    } else {
      request.response().setStatusCode(404).end();
    }
  }

  private void receive(HttpServerRequest request, Buffer body) {
    stats.received();
    WebhookSecret key = secret.get();
    if (key == null) {
      request.response().setStatusCode(503).end("Not ready");
      return;
    }
    JsonNode parsed;
    try {
      parsed = Json.MAPPER.readTree(body.getBytes());
    } catch (IOException e) {
      stats.failed();
      request.response().setStatusCode(400).end("Invalid JSON");
      return;
    }
    if (!verifies(JsStringify.stringify(parsed), request.getHeader("X-RealCast-Signature"), key)) {
      stats.failed();
      LOG.warn("Demo receiver: signature did not verify for webhook id {}", request.getHeader("X-RealCast-Webhook-Id"));
      request.response().setStatusCode(401).end("Invalid signature");
      return;
    }
    if (firstTime(request.getHeader("X-RealCast-Webhook-Id"))) {
      LOG.debug("Demo receiver: {} {}", parsed.path("event").asText(), request.getHeader("X-RealCast-Webhook-Id"));
      stats.processed();
    }
    request.response().setStatusCode(200).end("OK");
  }

  /** The seed's verifySignature: sha256= + hex HMAC of the re-serialized body, compared in constant time. */
  static boolean verifies(String payload, String signature, WebhookSecret key) {
    if (signature == null) {
      return false;
    }
    String expected = Signatures.seed(key, payload.getBytes(StandardCharsets.UTF_8));
    return MessageDigest.isEqual(signature.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  private static int parseAttempt(String header) {
    try {
      return header == null ? 1 : Integer.parseInt(header.trim());
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private boolean firstTime(String webhookId) {
    if (webhookId == null) {
      return true;
    }
    synchronized (seen) {
      return seen.put(webhookId, Boolean.TRUE) == null;
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
