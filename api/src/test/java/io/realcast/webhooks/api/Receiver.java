package io.realcast.webhooks.api;

import io.realcast.webhooks.verifier.WebhookVerificationException;
import io.realcast.webhooks.verifier.WebhookVerifier;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A webhook receiver on 127.0.0.1 that verifies the seed's signature and answers a status the test sets. */
final class Receiver implements AutoCloseable {
  record Request(String event, String deliveryId, int attempt, boolean verified, String body) {}

  private final Vertx vertx = Vertx.vertx();
  private final HttpServer server;
  final AtomicInteger status = new AtomicInteger(200);
  final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile String secret;

  Receiver() throws Exception {
    server = vertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
      boolean verified;
      try {
        WebhookVerifier.withSecrets(secret).verifyRealcastSignatureWithoutReplayProtection(body.getBytes(), req::getHeader);
        verified = true;
      } catch (WebhookVerificationException | RuntimeException e) {
        verified = false;
      }
      String attempt = req.getHeader("X-RealCast-Delivery-Attempt");
      requests.add(new Request(req.getHeader("X-RealCast-Event"), req.getHeader("X-RealCast-Webhook-Id"),
          attempt == null ? 0 : Integer.parseInt(attempt), verified, body.toString()));
      req.response().setStatusCode(verified ? status.get() : 401).end();
    })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  void secret(String value) {
    this.secret = value;
  }

  String url() {
    return "http://127.0.0.1:" + server.actualPort() + "/webhooks/realcast";
  }

  long verifiedCount(String deliveryId) {
    return requests.stream().filter(r -> r.verified() && r.deliveryId().equals(deliveryId)).count();
  }

  @Override
  public void close() {
    vertx.close().toCompletionStage().toCompletableFuture().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
  }
}
