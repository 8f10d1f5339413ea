package io.realcast.webhooks.systemtest.harness;

import io.realcast.webhooks.id.WebhookId;
import io.realcast.webhooks.verifier.WebhookVerificationException;
import io.realcast.webhooks.verifier.WebhookVerifier;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A well-behaved receiver on 127.0.0.1: verifies the seed signature with the subscription's secret, tells the
 * ledger what arrived, answers 200 at once. URLs are {@code http://127.0.0.1:<port>/hooks/<webhook id>}.
 */
public final class Receiver implements AutoCloseable {
  private final HttpServer server;
  private final AtomicLong requests = new AtomicLong();

  private Receiver(HttpServer server) {
    this.server = server;
  }

  public static Receiver start(Vertx vertx, Ledger ledger) {
    Receiver[] self = new Receiver[1];
    HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
      self[0].requests.incrementAndGet();
      ledger.arrived(arrival(ledger, request, body.getBytes()));
      request.response().setStatusCode(200).end("ok");
    }));
    self[0] = new Receiver(server);
    try {
      server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("receiver did not start", e);
    }
    return self[0];
  }

  private static Ledger.Arrival arrival(Ledger ledger, HttpServerRequest request, byte[] body) {
    String path = request.path();
    String webhook = path.startsWith("/hooks/") ? path.substring("/hooks/".length()) : path;
    boolean valid = ledger.endpoints().stream().filter(e -> e.webhook().value().equals(webhook)).findFirst()
        .map(e -> verifies(e.secret().value(), body, request)).orElse(false);
    return new Ledger.Arrival(request.getHeader("X-RealCast-Webhook-Id"), webhook, request.getHeader("X-RealCast-Event"),
        valid, System.nanoTime());
  }

  private static boolean verifies(String secret, byte[] body, HttpServerRequest request) {
    try {
      WebhookVerifier.withSecrets(secret).verifyRealcastSignatureWithoutReplayProtection(body, request::getHeader);
      return true;
    } catch (WebhookVerificationException | RuntimeException e) {
      return false;
    }
  }

  public String url(WebhookId webhook) {
    return "http://127.0.0.1:" + server.actualPort() + "/hooks/" + webhook.value();
  }

  public int port() {
    return server.actualPort();
  }

  public long requests() {
    return requests.get();
  }

  @Override
  public void close() {
    server.close();
  }
}
