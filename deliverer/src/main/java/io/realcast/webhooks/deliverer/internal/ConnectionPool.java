package io.realcast.webhooks.deliverer.internal;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.resolver.NoopAddressResolverGroup;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keep-alive HTTP/1.1 connections, pooled per {@link Key} (vetted address, port, TLS, the URL's host): at most
 * {@code maxPerHost} open or opening per key; requests that find none free wait in line, first come first served; a
 * connection idle for {@code idleTimeout} is closed. Everything runs on one event loop, the sender's: no locks.
 */
final class ConnectionPool implements AutoCloseable {
  private static final int MAX_STATUS_LINE = 4096;
  private static final int MAX_HEADER_BYTES = 8192;

  /** Who waits for a connection: told once, with a connection or with why none could be opened. */
  interface Waiter {
    void connected(HttpConnection connection);

    void connectFailed(Throwable cause);
  }

  /** What a connection is for: the vetted address it goes to, and the host the URL named (Host header, SNI). */
  record Key(InetAddress address, int port, boolean tls, String host) {
    // Written out: one look-up per request, and the generated ones go through method handles.
    @Override
    public int hashCode() {
      return (31 * (31 * address.hashCode() + port) + host.hashCode()) * 2 + (tls ? 1 : 0);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && port == k.port && tls == k.tls && address.equals(k.address) && host.equals(k.host);
    }
  }

  /** What a pool is made of. {@code tls} makes the TLS handler of one connection. */
  record Settings(int maxPerHost, int maxResponseBytes, Duration connectTimeout, Duration idleTimeout, ClientTls tls) {}

  private final Settings settings;
  private final Bootstrap bootstrap;
  private final HttpSender.Ticker ticker;
  private final long idleTimeoutNanos;
  private final Map<Key, Host> hosts = new HashMap<>();
  private final ChannelGroup channels;
  /** Where request heads are encoded, one at a time: everything runs on one event loop. */
  private byte[] scratch = new byte[4096];

  ConnectionPool(EventLoop loop, ChannelFactory<? extends Channel> channelFactory, Settings settings, HttpSender.Ticker ticker) {
    this.settings = settings;
    this.ticker = ticker;
    this.idleTimeoutNanos = settings.idleTimeout().toNanos();
    this.channels = new DefaultChannelGroup("deliverer-http", loop);
    this.bootstrap = new Bootstrap().group(loop).channelFactory(channelFactory)
        // Addresses arrive resolved and vetted: nothing may look them up again.
        .resolver(NoopAddressResolverGroup.INSTANCE)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.SO_KEEPALIVE, true);
  }

  /**
   * Gives {@code waiter} a free connection to {@code key} now, or puts it in line (opening a connection if the key has
   * room for one). Returns the host it waits at, for {@link Host#cancel}, or null if it was served at once.
   */
  Host acquire(Key key, Waiter waiter) {
    Host host = hosts.get(key);
    if (host == null) {
      host = new Host(key);
      hosts.put(key, host);
    }
    HttpConnection free = host.takeIdle();
    if (free != null) {
      waiter.connected(free);
      return null;
    }
    host.waiters.add(waiter);
    if (host.open < settings.maxPerHost()) {
      open(host);
    }
    return host;
  }

  /** Connections open or opening, for every key. */
  int connections() {
    int n = 0;
    for (Host h : hosts.values()) {
      n += h.open;
    }
    return n;
  }

  /** Closes the connections idle for longer than the idle timeout. */
  void closeIdle() {
    long now = ticker.nanos();
    List<HttpConnection> expired = new ArrayList<>();
    for (Host host : hosts.values()) {
      host.takeExpired(now, expired);
    }
    // Closed after the walk: a close may forget its host, which the walk must not see happen.
    for (HttpConnection c : expired) {
      c.channel.close();
    }
  }

  @Override
  public void close() {
    channels.close();
  }

  private void open(Host host) {
    host.open++;
    HttpConnection connection = new HttpConnection(host, settings.maxResponseBytes());
    Key key = host.key;
    ChannelFuture connect = bootstrap.clone().handler(new ChannelInitializer<Channel>() {
      @Override
      protected void initChannel(Channel ch) {
        if (key.tls()) {
          SslHandler tls = settings.tls().handler(ch.alloc(), key.host(), key.port(), settings.connectTimeout());
          tls.handshakeFuture().addListener(f -> host.opened(connection, f.cause()));
          ch.pipeline().addLast(tls);
        }
        ch.pipeline().addLast(new HttpResponseDecoder(new HttpDecoderConfig()
            .setMaxInitialLineLength(MAX_STATUS_LINE)
            .setMaxHeaderSize(MAX_HEADER_BYTES)
            // Only Retry-After and the framing headers are read: validating every header would be wasted work.
            .setHeadersFactory(DefaultHttpHeadersFactory.headersFactory().withValidation(false))
            .setTrailersFactory(DefaultHttpHeadersFactory.trailersFactory().withValidation(false))));
        ch.pipeline().addLast(connection);
      }
    }).connect(host.remote);
    connection.channel = connect.channel();
    channels.add(connection.channel);
    connection.channel.closeFuture().addListener(f -> host.closed(connection));
    connect.addListener(f -> {
      if (!f.isSuccess() || !key.tls()) {
        host.opened(connection, f.cause());
      }
    });
  }

  /** The connections and the line of one key. */
  final class Host {
    final Key key;
    final InetSocketAddress remote;
    private final byte[] hostHeader;
    /**
     * Free connections, the most recently used last: it is taken first, so the others can idle out; the first has been
     * idle the longest.
     */
    private final ArrayDeque<HttpConnection> idle = new ArrayDeque<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    /** Connections open or opening. */
    private int open;

    Host(Key key) {
      this.key = key;
      this.remote = new InetSocketAddress(key.address(), key.port());
      this.hostHeader = hostHeader(key).getBytes(StandardCharsets.US_ASCII);
    }

    /** The Host header's value: the URL's host, and its port unless it is the scheme's default. */
    private static String hostHeader(Key key) {
      String host = key.host().indexOf(':') >= 0 ? "[" + key.host() + "]" : key.host();
      return key.port() == (key.tls() ? 443 : 80) ? host : host + ":" + key.port();
    }

    byte[] hostHeader() {
      return hostHeader;
    }

    /** The pool's buffer for encoding one request head, at least {@code size} bytes. */
    byte[] scratch(int size) {
      if (scratch.length < size) {
        scratch = new byte[Math.max(size, 2 * scratch.length)];
      }
      return scratch;
    }

    /** Takes {@code waiter} out of the line (it gave up waiting). */
    void cancel(Waiter waiter) {
      waiters.remove(waiter);
      forgetIfUnused();
    }

    /** A connection finished its exchange and can carry another: to the first in line, else idle. */
    void release(HttpConnection c) {
      if (!c.channel.isActive()) {
        c.state = HttpConnection.State.CLOSED; // the peer closed it already: its close listener opens another if needed
        return;
      }
      Waiter next = waiters.poll();
      if (next != null) {
        next.connected(c);
        return;
      }
      c.state = HttpConnection.State.IDLE;
      c.idleSince = ticker.nanos();
      idle.addLast(c);
    }

    private HttpConnection takeIdle() {
      HttpConnection c;
      while ((c = idle.pollLast()) != null) {
        if (c.channel.isActive()) {
          return c;
        }
        c.state = HttpConnection.State.CLOSED; // closing already: its close listener does the counting
      }
      return null;
    }

    private void takeExpired(long now, List<HttpConnection> expired) {
      HttpConnection oldest;
      while ((oldest = idle.peekFirst()) != null && now - oldest.idleSince >= idleTimeoutNanos) {
        idle.pollFirst();
        oldest.state = HttpConnection.State.CLOSED;
        expired.add(oldest);
      }
    }

    /** The connection is ready ({@code cause} null), or could not be opened. */
    private void opened(HttpConnection c, Throwable cause) {
      if (c.state != HttpConnection.State.CONNECTING) {
        return;
      }
      if (cause == null) {
        release(c);
        return;
      }
      c.state = HttpConnection.State.CLOSED;
      // Out of line before the close: the close opens a connection for whoever still waits.
      Waiter first = waiters.poll();
      c.channel.close();
      if (first != null) {
        first.connectFailed(cause);
      }
    }

    private void closed(HttpConnection c) {
      open--;
      if (c.state == HttpConnection.State.IDLE) {
        idle.remove(c);
      } else if (c.state == HttpConnection.State.CONNECTING) {
        // Closed before it was ready: say why, if the pipeline said.
        c.state = HttpConnection.State.CLOSED;
        Waiter first = waiters.poll();
        if (first != null) {
          first.connectFailed(c.closeCause() != null ? c.closeCause() : new HttpConnection.ClosedEarlyException());
        }
      }
      c.state = HttpConnection.State.CLOSED;
      if (!waiters.isEmpty() && open < settings.maxPerHost()) {
        open(this);
      }
      forgetIfUnused();
    }

    private void forgetIfUnused() {
      if (open == 0 && waiters.isEmpty()) {
        hosts.remove(key, this);
      }
    }
  }
}
