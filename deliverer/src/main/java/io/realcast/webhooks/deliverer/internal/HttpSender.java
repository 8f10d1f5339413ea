package io.realcast.webhooks.deliverer.internal;

import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.EventLoop;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.realcast.webhooks.deliverer.DelivererConfig;
import io.realcast.webhooks.deliverer.HostResolver;
import io.realcast.webhooks.deliverer.SendResult;
import io.realcast.webhooks.deliverer.SendResult.FailureKind;
import io.realcast.webhooks.net.AddressClass;
import io.realcast.webhooks.net.TargetPolicy;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
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
 * <p>HTTP/1.1 straight on Netty ({@link ConnectionPool}, {@link HttpConnection}), on the event loop of one Vert.x
 * context, the dispatcher's: no locks, and callbacks arrive on that context. Deadlines are checked by one periodic sweep
 * over the attempts in flight instead of two timers per attempt; the same sweep closes idle connections.
 */
public final class HttpSender implements AutoCloseable {
  static final Duration SWEEP = Duration.ofMillis(50);
  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

  private final ContextInternal context;
  private final EventLoop loop;
  private final ConnectionPool pool;
  private final HostResolver resolver;
  private final TargetPolicy policy;
  private final long connectTimeoutNanos;
  private final long attemptTimeoutNanos;
  private final Ticker ticker;
  private final AttemptTracer tracer;
  /** Attempts in flight, oldest first. */
  private final LinkedQueue<Attempt> inFlight = new LinkedQueue<>();
  /** Set and read on the context only. */
  private long sweepTimer = -1;

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

  /**
   * How the sender talks HTTP.
   *
   * @param attemptTimeout from the moment a connection is ours: send, status and body
   * @param idleTimeout a pooled connection unused for this long is closed
   * @param tls trust and handshake of https connections
   */
  public record Options(Duration connectTimeout, Duration attemptTimeout, int maxResponseBytes, int poolSizePerHost,
      Duration idleTimeout, ClientTls tls) {
    /** The deliverer's settings, the JDK's trust, connections idle for 30 s closed. */
    public static Options of(DelivererConfig.Http http) {
      return new Options(http.connectTimeout(), http.attemptTimeout(), http.maxResponseBytes(), http.poolSizePerHost(),
          IDLE_TIMEOUT, ClientTls.jdkDefault());
    }

    public Options withTls(ClientTls t) {
      return new Options(connectTimeout, attemptTimeout, maxResponseBytes, poolSizePerHost, idleTimeout, t);
    }

    public Options withIdleTimeout(Duration d) {
      return new Options(connectTimeout, attemptTimeout, maxResponseBytes, poolSizePerHost, d, tls);
    }
  }

  public HttpSender(Context context, Options options, HostResolver resolver, TargetPolicy policy, Ticker ticker) {
    this(context, options, resolver, policy, ticker, AttemptTracer.OFF);
  }

  /** @param tracer the attempts' spans, on whose span the sender records the steps on the wire */
  public HttpSender(Context context, Options options, HostResolver resolver, TargetPolicy policy, Ticker ticker,
      AttemptTracer tracer) {
    this.tracer = tracer;
    this.context = (ContextInternal) context;
    this.resolver = resolver;
    this.policy = policy;
    this.connectTimeoutNanos = options.connectTimeout().toNanos();
    this.attemptTimeoutNanos = options.attemptTimeout().toNanos();
    this.ticker = ticker;
    // The context's own event loop and the transport Vert.x chose for it: connections live where the caller is.
    this.loop = this.context.nettyEventLoop();
    this.pool = new ConnectionPool(loop,
        ((VertxInternal) context.owner()).transport().channelFactory(false),
        new ConnectionPool.Settings(options.poolSizePerHost(), options.maxResponseBytes(), options.connectTimeout(),
            options.idleTimeout(), options.tls()), ticker);
    context.runOnContext(v -> sweepTimer = context.owner().setPeriodic(SWEEP.toMillis(), id -> sweep()));
  }

  @Override
  public void close() {
    // On the context, after the task that starts the sweep: a sender closed at once still stops its timer.
    context.runOnContext(v -> {
      context.owner().cancelTimer(sweepTimer);
      pool.close();
    });
  }

  /** Whose spans the attempts sent here record their steps on. */
  AttemptTracer tracer() {
    return tracer;
  }

  /** Must be called on the sender's context. */
  public void send(Endpoint endpoint, RequestHeaders headers, byte[] body, Callback callback) {
    send(endpoint, headers, body, AttemptSpan.NONE, callback);
  }

  /** Must be called on the sender's context; the steps on the wire go to {@code span}. */
  void send(Endpoint endpoint, RequestHeaders headers, byte[] body, AttemptSpan span, Callback callback) {
    if (!loop.inEventLoop()) {
      throw new IllegalStateException("HttpSender.send called off its event loop, on " + Thread.currentThread().getName());
    }
    Attempt attempt = new Attempt(ticker.nanos(), endpoint, headers, body, span, callback);
    inFlight.add(attempt);
    if (endpoint.literal() != null) {
      connect(attempt, List.of(endpoint.literal()));
      return;
    }
    resolver.resolve(endpoint.host()).whenComplete((addresses, error) -> context.runOnContext(v -> {
      if (attempt.done) {
        return;
      }
      if (error != null) {
        attempt.fail(unwrap(error));
      } else {
        attempt.span.step(AttemptSpan.Step.RESOLVED);
        connect(attempt, addresses);
      }
    }));
  }

  /** Connections open or opening, to every host. */
  int connections() {
    return pool.connections();
  }

  private void connect(Attempt attempt, List<InetAddress> addresses) {
    Endpoint endpoint = attempt.endpoint;
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
    // Connect to the address we vetted, not to whatever a second lookup would return.
    ConnectionPool.Host line = pool.acquire(
        new ConnectionPool.Key(addresses.get(0), endpoint.port(), endpoint.tls(), endpoint.host()), attempt);
    if (!attempt.done && attempt.connection == null) {
      attempt.waitingAt = line;
    }
  }

  /** Times out every attempt whose deadline has passed, and closes connections idle for too long. */
  private void sweep() {
    long now = ticker.nanos();
    Attempt a = inFlight.oldest();
    while (a != null) {
      Attempt next = a.next;
      if (now - a.deadline >= 0) {
        a.timeOut();
      }
      a = next;
    }
    pool.closeIdle();
  }

  /** Maps a transport exception to a bounded kind. Pure, so a table test covers it. */
  static FailureKind kindOf(Throwable e) {
    if (e instanceof TimeoutException || e instanceof ConnectTimeoutException || e instanceof SslHandshakeTimeoutException) {
      return FailureKind.TIMEOUT;
    }
    if (e instanceof UnknownHostException) {
      return FailureKind.DNS;
    }
    if (e instanceof ConnectException) {
      return FailureKind.CONNECTION_REFUSED;
    }
    if (e instanceof HttpConnection.ClosedEarlyException || e instanceof ClosedChannelException) {
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

  /**
   * One attempt's state; completes exactly once, whichever of answer, failure or deadline comes first. It waits for a
   * connection ({@link ConnectionPool.Waiter}), then for its answer ({@link HttpConnection.Exchange}).
   */
  private final class Attempt extends LinkedQueue.Node<Attempt> implements ConnectionPool.Waiter, HttpConnection.Exchange, Handler<SendResult> {
    final long start;
    final Endpoint endpoint;
    final RequestHeaders headers;
    final byte[] body;
    final AttemptSpan span;
    final Callback callback;
    long deadline;
    boolean done;
    /** Where it waits in line for a connection, if it does. */
    ConnectionPool.Host waitingAt;
    HttpConnection connection;
    SendResult answer;

    Attempt(long start, Endpoint endpoint, RequestHeaders headers, byte[] body, AttemptSpan span, Callback callback) {
      this.start = start;
      this.span = span;
      this.endpoint = endpoint;
      this.headers = headers;
      this.body = body;
      this.callback = callback;
      this.deadline = start + connectTimeoutNanos + attemptTimeoutNanos;
    }

    Duration elapsed() {
      return Duration.ofNanos(ticker.nanos() - start);
    }

    @Override
    public void connected(HttpConnection c) {
      waitingAt = null;
      if (done) {
        c.host.release(c);
        return;
      }
      connection = c;
      span.step(AttemptSpan.Step.CONNECTED);
      // From here the endpoint has the whole attempt timeout, however long the request queued for a pooled connection
      // behind our own requests (that wait is bounded apart): a request sent with too little time left would time out
      // here and still reach the receiver, delivered and retried.
      deadline = ticker.nanos() + attemptTimeoutNanos;
      c.send(this, endpoint.requestUri(), headers, body);
    }

    @Override
    public void connectFailed(Throwable cause) {
      waitingAt = null;
      fail(cause);
    }

    @Override
    public void answered(int status, String retryAfter) {
      span.step(AttemptSpan.Step.ANSWERED);
      answer = new SendResult.Response(status, retryAfter, elapsed());
    }

    @Override
    public void ended() {
      connection = null;
      complete(answer);
    }

    @Override
    public void failed(Throwable cause) {
      connection = null;
      // The status line, if it came, is the answer: a body cut short does not change it.
      if (answer != null) {
        complete(answer);
      } else {
        fail(cause);
      }
    }

    void complete(SendResult r) {
      if (done) {
        return;
      }
      done = true;
      inFlight.remove(this);
      // Netty calls in from its handlers, outside any Vert.x context: the callback runs on ours.
      context.dispatch(r, this);
    }

    @Override
    public void handle(SendResult r) {
      callback.sent(r);
    }

    void fail(Throwable e) {
      Throwable cause = unwrap(e);
      complete(new SendResult.Failure(kindOf(cause), String.valueOf(cause.getMessage()), elapsed()));
    }

    void timeOut() {
      // The status line, if it came, is the answer.
      complete(answer != null ? answer : new SendResult.Failure(FailureKind.TIMEOUT,
          "no answer within " + attemptTimeoutNanos / 1_000_000 + " ms", elapsed()));
      if (waitingAt != null) {
        waitingAt.cancel(this);
        waitingAt = null;
      }
      if (connection != null) {
        // A stalled endpoint must not keep a pooled connection, and its late answer must not reach the next request.
        connection.abort();
        connection = null;
      }
    }
  }
}
