package io.realcast.webhooks.systemtest.harness;

import io.realcast.webhooks.verifier.HeaderLookup;
import io.realcast.webhooks.verifier.WebhookVerificationException;
import io.realcast.webhooks.verifier.WebhookVerifier;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A receiver on 127.0.0.1 that checks each request as a user's Java receiver does, with {@link WebhookVerifier} and the
 * scheme it names: 204 when the request verifies, 401 with the verifier's reason when not, 404 for an unknown path.
 * The verifiers read {@code clock}, so a test can move time to replay a captured request later.
 */
public final class VerifyingReceiver implements AutoCloseable {
  /** The verifier's two methods; a receiver chooses one. */
  public enum Scheme {
    STANDARD_WEBHOOKS,
    REALCAST_SIGNATURE_WITHOUT_REPLAY_PROTECTION;

    void verify(WebhookVerifier verifier, byte[] body, HeaderLookup headers) throws WebhookVerificationException {
      switch (this) {
        case STANDARD_WEBHOOKS -> verifier.verifyStandardWebhooks(body, headers);
        case REALCAST_SIGNATURE_WITHOUT_REPLAY_PROTECTION -> verifier.verifyRealcastSignatureWithoutReplayProtection(body, headers);
      }
    }
  }

  private final HttpServer server;

  private VerifyingReceiver(HttpServer server) {
    this.server = server;
  }

  /** Listens on a free port; {@code secretsByPath}: the secret of the webhook whose requests arrive at each path. */
  public static VerifyingReceiver start(Vertx vertx, Scheme scheme, Clock clock, Map<String, String> secretsByPath) {
    Map<String, WebhookVerifier> verifiers = new HashMap<>();
    secretsByPath.forEach((path, secret) -> verifiers.put(path, WebhookVerifier.builder().secret(secret).clock(clock).build()));
    HttpServer server = vertx.createHttpServer().requestHandler(request -> answer(request, scheme, verifiers.get(request.path())));
    return new VerifyingReceiver(await(server.listen(0, "127.0.0.1"), "listen"));
  }

  private static void answer(HttpServerRequest request, Scheme scheme, WebhookVerifier verifier) {
    request.body().onSuccess(body -> {
      if (verifier == null) {
        request.response().setStatusCode(404).end();
        return;
      }
      try {
        scheme.verify(verifier, body.getBytes(), request::getHeader);
        request.response().setStatusCode(204).end();
      } catch (WebhookVerificationException e) {
        request.response().setStatusCode(401).end(e.getMessage());
      }
    });
  }

  public int port() {
    return server.actualPort();
  }

  @Override
  public void close() {
    await(server.close(), "close");
  }

  private static <T> T await(Future<T> future, String what) {
    try {
      return future.await(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the verifying receiver did not " + what + " within 10 s", e);
    }
  }
}
