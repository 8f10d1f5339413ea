package io.realcast.webhooks.deliverer.bench;

import io.realcast.webhooks.deliverer.SendResult;
import io.realcast.webhooks.deliverer.internal.Endpoint;
import io.realcast.webhooks.net.TargetPolicy;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The baseline of {@link SenderBenchmark}: the send path of the deliverer's former {@code HttpSender}, on the Vert.x 5
 * {@link HttpClient} with the client options the deliverer had (pooled per host, SNI forced, no decompression), doing
 * per request what it did: vet the address, build {@link RequestOptions}, send a {@link Buffer} of the body with a
 * {@link MultiMap} of headers, read the answer up to the limit. Left out, as the answers here come at once: the list
 * of attempts in flight and its deadline sweep, which the Netty sender keeps as they were (so they count against it).
 */
final class VertxSender {
  private final HttpClient client;
  private final TargetPolicy policy;
  private final Duration connectTimeout;
  private final int maxResponseBytes;

  VertxSender(Vertx vertx, int poolSize, TargetPolicy policy, Duration connectTimeout, int maxResponseBytes) {
    this.client = vertx.createHttpClient(new HttpClientOptions()
        .setConnectTimeout((int) connectTimeout.toMillis())
        .setKeepAlive(true)
        .setKeepAliveTimeout(30)
        .setForceSni(true)
        .setVerifyHost(true)
        .setDecompressionSupported(false), new PoolOptions().setHttp1MaxSize(poolSize));
    this.policy = policy;
    this.connectTimeout = connectTimeout;
    this.maxResponseBytes = maxResponseBytes;
  }

  /** Must be called on the benchmark's context; IP literals only. */
  void send(Endpoint endpoint, MultiMap headers, byte[] body, Consumer<SendResult> done) {
    long start = System.nanoTime();
    if (policy.refusedKind(List.of(endpoint.literal())).isPresent()) {
      done.accept(new SendResult.Refused("refused"));
      return;
    }
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setHost(endpoint.host())
        .setPort(endpoint.port())
        .setSsl(endpoint.tls())
        .setURI(endpoint.requestUri())
        .setServer(SocketAddress.inetSocketAddress(endpoint.port(), endpoint.literal().getHostAddress()))
        .setFollowRedirects(false)
        .setConnectTimeout(connectTimeout.toMillis())
        .setHeaders(headers);
    client.request(options)
        .onFailure(e -> done.accept(failure(e)))
        .onSuccess(request -> request.send(Buffer.buffer(body))
            .onSuccess(response -> read(response, start, done))
            .onFailure(e -> done.accept(failure(e))));
  }

  private static SendResult failure(Throwable e) {
    return new SendResult.Failure(SendResult.FailureKind.IO, String.valueOf(e.getMessage()), Duration.ZERO);
  }

  private void read(HttpClientResponse response, long start, Consumer<SendResult> done) {
    SendResult answer = new SendResult.Response(response.statusCode(), response.getHeader("Retry-After"),
        Duration.ofNanos(System.nanoTime() - start));
    long[] read = {0};
    boolean[] finished = {false};
    Runnable finish = () -> {
      if (!finished[0]) {
        finished[0] = true;
        done.accept(answer);
      }
    };
    try {
      response.handler(chunk -> {
        read[0] += chunk.length();
        if (read[0] > maxResponseBytes) {
          response.request().connection().close();
          finish.run();
        }
      });
      response.exceptionHandler(e -> finish.run());
      response.endHandler(v -> finish.run());
    } catch (IllegalStateException alreadyEnded) {
      finish.run();
    }
  }
}
