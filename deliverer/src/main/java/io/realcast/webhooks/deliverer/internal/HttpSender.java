package io.realcast.webhooks.deliverer.internal;

import io.netty.channel.ConnectTimeoutException;
import io.realcast.webhooks.deliverer.HostResolver;
import io.realcast.webhooks.deliverer.SendResult;
import io.realcast.webhooks.deliverer.SendResult.FailureKind;
import io.realcast.webhooks.net.AddressClass;
import io.realcast.webhooks.net.TargetPolicy;
import io.vertx.core.Context;
import io.vertx.core.MultiMap;
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
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/**
 * Sends one signed POST: resolves the host (IP literals need no lookup), vets every address with the
 * {@link TargetPolicy}, connects to the vetted address (Host header and SNI stay the URL's host), never follows
 * redirects, reads at most {@code maxResponseBytes} of the answer and gives up when the attempt's deadline passes.
 * Reports what happened as a {@link SendResult}; judging it is the {@code Classifier}'s job.
 *
 * <p>Everything runs on one Vert.x context, the dispatcher's: no locks, and callbacks arrive where the caller is.
 * Deadlines are checked by one periodic sweep over the attempts in flight instead of two timers per attempt.
 */
public final class HttpSender implements AutoCloseable {
  static final Duration SWEEP = Duration.ofMillis(50);

  private final Context context;
  private final HttpClient client;
  private final HostResolver resolver;
  private final TargetPolicy policy;
  private final long connectTimeoutNanos;
  private final long attemptTimeoutNanos;
  private final int maxResponseBytes;
  private final Ticker ticker;
  /** Attempts in flight, oldest first: an intrusive list, so adding and removing allocate nothing. */
  private Attempt first;
  private Attempt last;
  private volatile long sweepTimer = -1;

  /** Monotonic nanoseconds, for latencies and deadlines (injected like the clock). */
  @FunctionalInterface
  public interface Ticker {
    long nanos();
  }

  /** Where a {@link SendResult} goes; called once, on the sender's context. */
  @FunctionalInterface
  public interface Callback {
    void sent(SendResult result);
  }

  public HttpSender(Context context, HttpClient client, HostResolver resolver, TargetPolicy policy, Duration connectTimeout,
      Duration attemptTimeout, int maxResponseBytes, Ticker ticker) {
    this.context = context;
    this.client = client;
    this.resolver = resolver;
    this.policy = policy;
    this.connectTimeoutNanos = connectTimeout.toNanos();
    this.attemptTimeoutNanos = attemptTimeout.toNanos();
    this.maxResponseBytes = maxResponseBytes;
    this.ticker = ticker;
    context.runOnContext(v -> sweepTimer = context.owner().setPeriodic(SWEEP.toMillis(), id -> sweep()));
  }

  @Override
  public void close() {
    if (sweepTimer >= 0) {
      context.owner().cancelTimer(sweepTimer);
    }
  }

  /** Must be called on the sender's context. */
  public void send(Endpoint endpoint, MultiMap headers, byte[] body, Callback callback) {
    Attempt attempt = new Attempt(ticker.nanos(), callback);
    link(attempt);
    if (endpoint.literal() != null) {
      connect(attempt, endpoint, List.of(endpoint.literal()), headers, body);
      return;
    }
    resolver.resolve(endpoint.host()).whenComplete((addresses, error) -> context.runOnContext(v -> {
      if (attempt.done) {
        return;
      }
      if (error != null) {
        attempt.fail(unwrap(error));
      } else {
        connect(attempt, endpoint, addresses, headers, body);
      }
    }));
  }

  private void connect(Attempt attempt, Endpoint endpoint, List<InetAddress> addresses, MultiMap headers, byte[] body) {
    if (addresses.isEmpty()) {
      attempt.fail(new UnknownHostException(endpoint.host()));
      return;
    }
    // The kind of address, never the address: dead letters and the delivery log are shown to the webhook's owner.
    Optional<AddressClass> refused = policy.refusedKind(addresses);
    if (refused.isPresent()) {
      attempt.complete(new SendResult.Refused("the host resolves to a " + refused.get().description() + " address"));
      return;
    }
    RequestOptions options = new RequestOptions()
        .setMethod(HttpMethod.POST)
        .setHost(endpoint.host())
        .setPort(endpoint.port())
        .setSsl(endpoint.tls())
        .setURI(endpoint.requestUri())
        // Connect to the address we vetted, not to whatever a second lookup would return.
        .setServer(SocketAddress.inetSocketAddress(endpoint.port(), addresses.get(0).getHostAddress()))
        .setFollowRedirects(false)
        // Bounds obtaining a connection from the pool; the attempt's own deadline is the sweep's.
        .setConnectTimeout((connectTimeoutNanos + attemptTimeoutNanos) / 1_000_000)
        .setHeaders(headers);
    client.request(options)
        .onFailure(attempt::fail)
        .onSuccess(request -> {
          if (attempt.done) {
            request.reset();
            return;
          }
          attempt.request = request;
          // From here the endpoint has the attempt timeout; time queued for a pooled connection behind our own
          // requests is not its fault (it is bounded by the connect timeout on top).
          attempt.deadline = Math.min(attempt.deadline, ticker.nanos() + attemptTimeoutNanos);
          request.send(Buffer.buffer(body))
              .onSuccess(response -> readBounded(attempt, response))
              .onFailure(attempt::fail);
        });
  }

  private void readBounded(Attempt attempt, HttpClientResponse response) {
    SendResult answer = new SendResult.Response(response.statusCode(), response.getHeader("Retry-After"), attempt.elapsed());
    attempt.answer = answer;
    try {
      response.handler(chunk -> {
        attempt.read += chunk.length();
        if (attempt.read > maxResponseBytes) {
          // Enough: the status is the answer; a huge body would only cost memory and time.
          response.request().connection().close();
          attempt.complete(answer);
        }
      });
      response.exceptionHandler(e -> attempt.complete(answer));
      response.endHandler(v -> attempt.complete(answer));
    } catch (IllegalStateException alreadyEnded) {
      // The whole (small) response arrived before we could listen: nothing left to read.
      attempt.complete(answer);
    }
  }

  /** Times out every attempt whose deadline has passed. */
  private void sweep() {
    long now = ticker.nanos();
    Attempt a = first;
    while (a != null) {
      Attempt next = a.next;
      if (now - a.deadline >= 0) {
        a.timeOut();
      }
      a = next;
    }
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

  private void link(Attempt a) {
    a.prev = last;
    if (last == null) {
      first = a;
    } else {
      last.next = a;
    }
    last = a;
  }

  private void unlink(Attempt a) {
    if (a.prev == null) {
      first = a.next;
    } else {
      a.prev.next = a.next;
    }
    if (a.next == null) {
      last = a.prev;
    } else {
      a.next.prev = a.prev;
    }
    a.prev = null;
    a.next = null;
  }

  /** One attempt's state; completes exactly once, whichever of answer, failure or deadline comes first. */
  private final class Attempt {
    final long start;
    final Callback callback;
    long deadline;
    boolean done;
    long read;
    HttpClientRequest request;
    SendResult answer;
    Attempt prev;
    Attempt next;

    Attempt(long start, Callback callback) {
      this.start = start;
      this.callback = callback;
      this.deadline = start + connectTimeoutNanos + attemptTimeoutNanos;
    }

    Duration elapsed() {
      return Duration.ofNanos(ticker.nanos() - start);
    }

    void complete(SendResult r) {
      if (done) {
        return;
      }
      done = true;
      unlink(this);
      callback.sent(r);
    }

    void fail(Throwable e) {
      Throwable cause = unwrap(e);
      complete(new SendResult.Failure(kindOf(cause), String.valueOf(cause.getMessage()), elapsed()));
    }

    void timeOut() {
      // Complete first: reset() fails the request synchronously, and that failure must not be taken for the endpoint's
      // answer. The status line, if it came, is the answer.
      complete(answer != null ? answer : new SendResult.Failure(FailureKind.TIMEOUT,
          "no answer within " + attemptTimeoutNanos / 1_000_000 + " ms", elapsed()));
      if (request != null) {
        // Frees the connection: a stalled endpoint must not keep a pooled connection forever.
        request.reset();
      }
    }
  }
}
