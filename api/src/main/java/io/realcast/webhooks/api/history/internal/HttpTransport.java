package io.realcast.webhooks.api.history.internal;

import io.realcast.webhooks.api.history.HistoryUnavailableException;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Internal requests between api instances, over their API port with the admin key (every instance of an
 * installation has it). Called from worker threads, never from an event loop: it waits for the answer.
 */
public final class HttpTransport implements RemoteNode.Transport, AutoCloseable {
  private final HttpClient client;
  private final String authorization;
  private final Duration timeout;

  public HttpTransport(Vertx vertx, String adminKey, Duration timeout) {
    this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) timeout.toMillis())
        .setIdleTimeout(60).setKeepAlive(true));
    this.authorization = "Bearer " + adminKey;
    this.timeout = timeout;
  }

  @Override
  public byte[] post(HostInfo host, String path, byte[] body) {
    RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(host.host()).setPort(host.port()).setURI(path)
        .putHeader("Authorization", authorization).putHeader("Content-Type", "application/json")
        .setTimeout(timeout.toMillis());
    try {
      return client.request(options)
          .compose(req -> req.send(Buffer.buffer(body)))
          .compose(resp -> resp.body().map(b -> {
            if (resp.statusCode() != 200) {
              throw new HistoryUnavailableException("api instance " + host.host() + ":" + host.port() + " answered "
                  + resp.statusCode() + " to " + path);
            }
            return b.getBytes();
          }))
          .toCompletionStage().toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HistoryUnavailableException("interrupted while asking " + host.host() + ":" + host.port(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new HistoryUnavailableException("api instance " + host.host() + ":" + host.port() + " did not answer " + path, e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
