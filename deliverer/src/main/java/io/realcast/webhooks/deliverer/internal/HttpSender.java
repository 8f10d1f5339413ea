package io.realcast.webhooks.deliverer.internal;

import io.netty.channel.ConnectTimeoutException;
import io.realcast.webhooks.BuildInfo;
import io.realcast.webhooks.deliverer.HostResolver;
import io.realcast.webhooks.deliverer.SendResult;
import io.realcast.webhooks.deliverer.SendResult.FailureKind;
import io.realcast.webhooks.net.TargetPolicy;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends one signed POST: resolves the host, vets every address with the {@link TargetPolicy}, connects to
 * the vetted address (Host header and SNI stay the URL's host), never follows redirects, reads at most
 * {@code maxResponseBytes} of the answer and gives up after the whole-attempt timeout. Reports what
 * happened as a {@link SendResult}; judging it is the {@code Classifier}'s job.
 */
public final class HttpSender {
  private final Vertx vertx;
  private final HttpClient client;
  private final HostResolver resolver;
  private final TargetPolicy policy;
  private final Duration connectTimeout;
  private final Duration attemptTimeout;
  private final int maxResponseBytes;
  private final Ticker ticker;

  public HttpSender(Vertx vertx, HttpClient client, HostResolver resolver, TargetPolicy policy, Duration connectTimeout,
      Duration attemptTimeout, int maxResponseBytes, Ticker ticker) {
    this.vertx = vertx;
    this.client = client;
    this.resolver = resolver;
    this.policy = policy;
    this.connectTimeout = connectTimeout;
    this.attemptTimeout = attemptTimeout;
    this.maxResponseBytes = maxResponseBytes;
    this.ticker = ticker;
  }

  /** Monotonic nanoseconds, for latencies (injected like the clock). */
  @FunctionalInterface
  public interface Ticker {
    long nanos();
  }

  public CompletionStage<SendResult> send(String url, Map<String, String> headers, byte[] body) {
    long start = ticker.nanos();
    URI uri;
    try {
      uri = parse(url);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(new SendResult.Failure(FailureKind.BAD_URL, e.getMessage(), Duration.ZERO));
    }
    Attempt attempt = new Attempt(start);
    // The attempt timeout runs from the moment a connection is ours (see connect). This outer bound also
    // covers DNS and waiting for a pooled connection: time spent queued behind our own requests to the
    // same host is not the endpoint's fault, and counting it made healthy endpoints time out under load.
    long timer = vertx.setTimer(connectTimeout.plus(attemptTimeout).toMillis(), id -> attempt.timeOut());
    resolver.resolve(uri.getHost()).whenComplete((addresses, error) -> {
      if (error != null) {
        attempt.fail(unwrap(error));
      } else {
        connect(attempt, uri, addresses, headers, body);
      }
    });
    return attempt.result.whenComplete((r, e) -> vertx.cancelTimer(timer));
  }

  private void connect(Attempt attempt, URI uri, List<InetAddress> addresses, Map<String, String> headers, byte[] body) {
    if (addresses.isEmpty()) {
      attempt.fail(new UnknownHostException(uri.getHost()));
      return;
    }
    Optional<String> refused = policy.refusal(addresses);
    if (refused.isPresent()) {
      attempt.complete(new SendResult.Refused(refused.get()));
      return;
    }
    boolean tls = "https".equals(uri.getScheme());
    int port = uri.getPort() > 0 ? uri.getPort() : (tls ? 443 : 80);
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setAbsoluteURI(uri.toString())
        // Connect to the address we vetted, not to whatever a second lookup would return.
        .setServer(SocketAddress.inetSocketAddress(port, addresses.get(0).getHostAddress()))
        .setFollowRedirects(false)
        // Bounds obtaining a connection from the pool (the TCP connect itself is bounded by the client's options).
        .setConnectTimeout(connectTimeout.plus(attemptTimeout).toMillis());
    headers.forEach(options::putHeader);
    client.request(options)
        .onFailure(attempt::fail)
        .onSuccess(request -> {
          attempt.request = request;
          if (attempt.done.get()) {
            request.reset();
            return;
          }
          long exchange = vertx.setTimer(attemptTimeout.toMillis(), id -> attempt.timeOut());
          attempt.result.whenComplete((r, e) -> vertx.cancelTimer(exchange));
          // Handlers go on the send future itself: one more hop and a short response could end before them.
          request.send(Buffer.buffer(body))
              .onSuccess(response -> readBounded(attempt, response))
              .onFailure(attempt::fail);
        });
  }

  private void readBounded(Attempt attempt, HttpClientResponse response) {
    String retryAfter = response.getHeader("Retry-After");
    SendResult answer = new SendResult.Response(response.statusCode(), retryAfter, attempt.elapsed());
    attempt.answer = answer;
    long[] read = {0};
    try {
      registerBodyHandlers(attempt, response, answer, read);
    } catch (IllegalStateException alreadyEnded) {
      // The whole (small) response arrived before we could listen: nothing left to read.
      attempt.complete(answer);
    }
  }

  private void registerBodyHandlers(Attempt attempt, HttpClientResponse response, SendResult answer, long[] read) {
    response.handler(chunk -> {
      read[0] += chunk.length();
      if (read[0] > maxResponseBytes) {
        // Enough: the status is the answer; a huge body would only cost memory and time.
        response.request().connection().close();
        attempt.complete(answer);
      }
    });
    response.exceptionHandler(e -> attempt.complete(answer));
    response.endHandler(v -> attempt.complete(answer));
  }

  /** {@code http(s)://host[:port]/path}, nothing else. */
  static URI parse(String url) {
    URI uri = URI.create(url);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException("not an absolute http(s) URL");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("URL carries credentials");
    }
    return uri;
  }

  /** Maps a transport exception to a bounded kind. Pure, so a table test covers it. */
  static FailureKind kindOf(Throwable e) {
    if (e instanceof TimeoutException || e instanceof ConnectTimeoutException) {
      return FailureKind.TIMEOUT;
    }
    if (e instanceof UnknownHostException) {
      return FailureKind.DNS;
    }
    if (e instanceof ConnectException) {
      return FailureKind.CONNECTION_REFUSED;
    }
    if (e instanceof HttpClosedException) {
      return FailureKind.CONNECTION_RESET;
    }
    if (e instanceof IOException && e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("reset")) {
      return FailureKind.CONNECTION_RESET;
    }
    return FailureKind.IO;
  }

  private static Throwable unwrap(Throwable e) {
    return e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
  }

  /** One attempt's state; completes exactly once, whichever of answer, failure or timer comes first. */
  private final class Attempt {
    final CompletableFuture<SendResult> result = new CompletableFuture<>();
    final AtomicBoolean done = new AtomicBoolean();
    final long start;
    volatile HttpClientRequest request;
    volatile SendResult answer;

    Attempt(long start) {
      this.start = start;
    }

    Duration elapsed() {
      return Duration.ofNanos(ticker.nanos() - start);
    }

    void complete(SendResult r) {
      if (done.compareAndSet(false, true)) {
        result.complete(r);
      }
    }

    void fail(Throwable e) {
      Throwable cause = unwrap(e);
      complete(new SendResult.Failure(kindOf(cause), String.valueOf(cause.getMessage()), elapsed()));
    }

    void timeOut() {
      SendResult got = answer;
      HttpClientRequest r = request;
      // Complete first: on the connection's own event loop, reset() fails the request synchronously, and that
      // failure must not be taken for the endpoint's answer. The status line, if it came, is the answer.
      complete(got != null ? got : new SendResult.Failure(FailureKind.TIMEOUT,
          "no answer within " + attemptTimeout.toMillis() + " ms", elapsed()));
      if (r != null) {
        // Frees the connection: a stalled endpoint must not keep a pooled connection forever.
        r.reset();
      }
    }
  }
}
