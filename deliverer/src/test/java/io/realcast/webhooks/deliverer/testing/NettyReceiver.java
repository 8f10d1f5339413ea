package io.realcast.webhooks.deliverer.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSession;

/**
 * A webhook receiver on 127.0.0.1 (or ::1) written on Netty, for what the testkit's blocking receiver cannot show or keep up
 * with: which connection each request came on, when the client closed a connection, the TLS server name it asked for,
 * and tens of thousands of requests a second for the sender benchmark. It closes a connection itself only after a
 * {@link Mode#THEN_CLOSE} answer, so every other close it sees is the client's. Answers are chosen by path (query excluded), else {@link #byDefault}.
 */
public final class NettyReceiver implements AutoCloseable {

  /** How an answer goes out. */
  public enum Mode {
    /** At once. */
    NOW,
    /** When the test calls {@link #releaseHeld()}. */
    HELD,
    /** Never: the request is read and left unanswered. */
    STALL,
    /** The status line, headers and a first body chunk of a chunked answer, then nothing more. */
    HEAD_ONLY,
    /** At once, the body chunked: two chunks (the second empty if the body is under two bytes) and the last one. */
    CHUNKED,
    /** At once, then the receiver closes the connection without having said {@code Connection: close}. */
    THEN_CLOSE
  }

  /** One scripted answer: a status, headers, a body of {@code bodyBytes} bytes, and when it goes out. */
  public record Answer(int status, Map<String, String> headers, int bodyBytes, Mode mode) {
    public static Answer status(int status) {
      return new Answer(status, Map.of(), 0, Mode.NOW);
    }

    public static Answer ok() {
      return status(200);
    }

    public static Answer stall() {
      return new Answer(0, Map.of(), 0, Mode.STALL);
    }

    public Answer withHeader(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Answer(status, h, bodyBytes, mode);
    }

    public Answer withBody(int bytes) {
      return new Answer(status, headers, bytes, mode);
    }

    public Answer held() {
      return new Answer(status, headers, bodyBytes, Mode.HELD);
    }

    public Answer headOnly() {
      return new Answer(status, headers, bodyBytes, Mode.HEAD_ONLY);
    }

    public Answer thenClose() {
      return new Answer(status, headers, bodyBytes, Mode.THEN_CLOSE);
    }

    public Answer chunked() {
      return new Answer(status, headers, bodyBytes, Mode.CHUNKED);
    }
  }

  /**
   * One request as it arrived.
   *
   * @param connection the number of the connection it came on, 1 for the first one accepted
   * @param headers first value of each header, names in lower case
   * @param serverName the TLS server name (SNI) the client asked for; null without TLS or without SNI
   */
  public record Seen(String uri, String path, int connection, Map<String, String> headers, byte[] body, String serverName) {}

  private final EventLoopGroup group;
  private final Channel server;
  private final boolean recording;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private final Set<Integer> closed = ConcurrentHashMap.newKeySet();
  private final List<Seen> seen = new ArrayList<>();
  private final List<Runnable> held = new ArrayList<>();
  private volatile Answer byDefault = Answer.ok();

  private final InetAddress address;

  private NettyReceiver(InetAddress address, SslContext tls, boolean recording) throws InterruptedException {
    this.address = address;
    this.recording = recording;
    this.group = new MultiThreadIoEventLoopGroup(1, r -> {
      Thread t = new Thread(r, "netty-receiver");
      t.setDaemon(true);
      return t;
    }, NioIoHandler.newFactory());
    this.server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
        .childHandler(new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            int connection = connections.incrementAndGet();
            ch.closeFuture().addListener(f -> {
              closed.add(connection);
              synchronized (NettyReceiver.this) {
                NettyReceiver.this.notifyAll();
              }
            });
            if (tls != null) {
              ch.pipeline().addLast(tls.newHandler(ch.alloc()));
            }
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new Responder(connection));
          }
        })
        .bind(new InetSocketAddress(address, 0)).sync().channel();
  }

  /** A plain HTTP receiver that records every request. */
  public static NettyReceiver start() {
    return start(null, true);
  }

  /** @param tls the server's TLS, null for plain HTTP; @param recording false to only count requests (benchmarks) */
  public static NettyReceiver start(SslContext tls, boolean recording) {
    return start(InetAddress.getLoopbackAddress(), tls, recording);
  }

  /** @param address where it listens: 127.0.0.1, or ::1 for an IPv6 test */
  public static NettyReceiver start(InetAddress address, SslContext tls, boolean recording) {
    try {
      return new NettyReceiver(address, tls, recording);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting", e);
    }
  }

  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  public String url(String path) {
    String host = address.getHostAddress();
    return "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port() + path;
  }

  public NettyReceiver answer(String path, Answer answer) {
    answers.put(path, answer);
    return this;
  }

  public NettyReceiver byDefault(Answer answer) {
    this.byDefault = answer;
    return this;
  }

  /** Sends every held answer. */
  public void releaseHeld() {
    List<Runnable> due;
    synchronized (this) {
      due = List.copyOf(held);
      held.clear();
    }
    due.forEach(Runnable::run);
  }

  /** Connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  /** Requests received so far (recorded or not). */
  public int requests() {
    return requests.get();
  }

  public synchronized List<Seen> seen() {
    return List.copyOf(seen);
  }

  /** Waits until {@code count} requests matching {@code which} have arrived, and returns them in order of arrival. */
  public List<Seen> await(Predicate<Seen> which, int count, Duration timeout) throws InterruptedException, TimeoutException {
    List<Seen> matching = new ArrayList<>();
    waitFor(() -> {
      matching.clear();
      seen.stream().filter(which).forEach(matching::add);
      return matching.size() >= count;
    }, timeout, () -> "expected " + count + " requests, got " + matching.size());
    return List.copyOf(matching);
  }

  /** Waits until the client has closed connection number {@code connection}. */
  public void awaitClosed(int connection, Duration timeout) throws InterruptedException, TimeoutException {
    waitFor(() -> closed.contains(connection), timeout, () -> "connection " + connection + " still open");
  }

  public boolean isClosed(int connection) {
    return closed.contains(connection);
  }

  private synchronized void waitFor(java.util.function.BooleanSupplier done, Duration timeout,
      java.util.function.Supplier<String> problem) throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new TimeoutException(problem.get() + " within " + timeout);
      }
      wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
    }
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** Answers the requests of one connection. */
  private final class Responder extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final int connection;

    Responder(int connection) {
      this.connection = connection;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      requests.incrementAndGet();
      String uri = request.uri();
      int query = uri.indexOf('?');
      String path = query < 0 ? uri : uri.substring(0, query);
      Answer answer = answers.getOrDefault(path, byDefault);
      if (answer.mode() == Mode.HELD) {
        synchronized (NettyReceiver.this) {
          held.add(() -> ctx.writeAndFlush(full(answer)));
        }
      }
      // Recorded before it is answered: a client that has its answer finds its request recorded.
      if (recording) {
        remember(ctx, request, uri, path);
      }
      switch (answer.mode()) {
        case NOW -> ctx.writeAndFlush(full(answer));
        case HELD -> { } // see above: held before it is recorded, so a test that saw it can release it
        case STALL -> { }
        case HEAD_ONLY -> {
          HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(answer.status()));
          head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
          answer.headers().forEach(head.headers()::set);
          ctx.write(head);
          ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[] {'x'})));
        }
        case THEN_CLOSE -> ctx.writeAndFlush(full(answer)).addListener(ChannelFutureListener.CLOSE);
        case CHUNKED -> {
          HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(answer.status()));
          head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
          answer.headers().forEach(head.headers()::set);
          int first = answer.bodyBytes() / 2;
          ctx.write(head);
          ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[first])));
          ctx.write(new DefaultHttpContent(Unpooled.wrappedBuffer(new byte[answer.bodyBytes() - first])));
          ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        }
        default -> throw new IllegalStateException("unknown mode " + answer.mode());
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // A client that refused the certificate or dropped the connection: expected here, and the close is what it sees.
      ctx.close();
    }

    private void remember(ChannelHandlerContext ctx, FullHttpRequest request, String uri, String path) {
      Map<String, String> headers = new LinkedHashMap<>();
      request.headers().forEach(h -> headers.putIfAbsent(h.getKey().toLowerCase(Locale.ROOT), h.getValue()));
      byte[] body = new byte[request.content().readableBytes()];
      request.content().getBytes(request.content().readerIndex(), body);
      Seen s = new Seen(uri, path, connection, Map.copyOf(headers), body, serverName(ctx));
      synchronized (NettyReceiver.this) {
        seen.add(s);
        NettyReceiver.this.notifyAll();
      }
    }

    private String serverName(ChannelHandlerContext ctx) {
      SslHandler tls = ctx.pipeline().get(SslHandler.class);
      if (tls == null) {
        return null;
      }
      SSLSession session = tls.engine().getSession();
      if (session instanceof ExtendedSSLSession extended) {
        for (SNIServerName name : extended.getRequestedServerNames()) {
          if (name instanceof SNIHostName host) {
            return host.getAsciiName();
          }
        }
      }
      return null;
    }

    private FullHttpResponse full(Answer answer) {
      FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(answer.status()),
          Unpooled.wrappedBuffer(new byte[answer.bodyBytes()]));
      response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, answer.bodyBytes());
      answer.headers().forEach(response.headers()::set);
      return response;
    }
  }
}
