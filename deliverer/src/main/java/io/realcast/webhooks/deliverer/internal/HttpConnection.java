package io.realcast.webhooks.deliverer.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One pooled HTTP/1.1 connection, the last handler of its channel's pipeline (after the TLS handler, if any, and
 * Netty's response decoder): writes one request at a time, reads its answer, and hands itself back to its pool when it
 * can carry another. It is never reused after {@code Connection: close}, an answer it cannot frame, an error, an
 * abandoned exchange (a timeout) or a body over the limit: it closes instead. Runs on its channel's event loop only.
 */
final class HttpConnection extends ChannelInboundHandlerAdapter {
  private static final byte[] POST = "POST ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] VERSION_HOST = " HTTP/1.1\r\nHost: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CONTENT_LENGTH = "\r\nContent-Length: ".getBytes(StandardCharsets.US_ASCII);
  /** Where one request's answer goes; called on the connection's event loop, {@link #ended} or {@link #failed} once. */
  interface Exchange {
    /** The status line and headers arrived (a final status: interim 1xx answers are skipped). */
    void answered(int status, String retryAfter);

    /** The answer is over: its body ended, or reached the read limit. */
    void ended();

    /** The connection failed or closed before the answer was over. */
    void failed(Throwable cause);
  }

  /** The peer closed the connection before its answer was over. */
  static final class ClosedEarlyException extends IOException {
    ClosedEarlyException() {
      super("the connection closed before the answer was over");
    }
  }

  enum State { CONNECTING, BUSY, IDLE, CLOSED }

  final ConnectionPool.Host host;
  private final int maxResponseBytes;
  Channel channel;
  State state = State.CONNECTING;
  /** When it last became idle. */
  long idleSince;

  private Exchange exchange;
  private boolean answered;
  private boolean interim;
  private boolean reusable;
  private long read;
  /** The first error the connection met, if any: why it closed. */
  private Throwable closeCause;

  HttpConnection(ConnectionPool.Host host, int maxResponseBytes) {
    this.host = host;
    this.maxResponseBytes = maxResponseBytes;
  }

  /** Writes {@code POST uri} with {@code headers} and {@code body}; the answer goes to {@code to}. */
  void send(Exchange to, String uri, RequestHeaders headers, byte[] body) {
    exchange = to;
    state = State.BUSY;
    answered = false;
    interim = false;
    read = 0;
    if (!channel.isActive()) {
      fail(new ClosedEarlyException());
      return;
    }
    byte[] head = host.scratch(64 + 3 * uri.length() + host.hostHeader().length + headers.encodedLength());
    int end = head(head, uri, body.length, headers);
    if (end < 0) {
      // Nothing was written: the connection is as good as it was.
      exchange = null;
      host.release(this);
      to.failed(new IllegalArgumentException("a request header holds CR, LF or NUL, or a header name is not a token"));
      return;
    }
    ByteBuf request = channel.alloc().ioBuffer(end + body.length);
    request.writeBytes(head, 0, end).writeBytes(body);
    // A failed write reaches exceptionCaught: no promise per request.
    channel.writeAndFlush(request, channel.voidPromise());
  }

  /** The request line and headers, into {@code out}; returns their length, or -1 if a header would split the request. */
  private int head(byte[] out, String uri, int contentLength, RequestHeaders headers) {
    int at = put(POST, out, 0);
    for (int i = 0; i < uri.length(); i++) {
      char c = uri.charAt(i);
      if (c >= 0x80) {
        // Rare: a URL with raw non-ASCII in its path or query goes out as UTF-8.
        at = put(uri.getBytes(StandardCharsets.UTF_8), out, POST.length);
        break;
      }
      out[at++] = (byte) c;
    }
    at = put(VERSION_HOST, out, at);
    at = put(host.hostHeader(), out, at);
    at = put(CONTENT_LENGTH, out, at);
    at = putDecimal(contentLength, out, at);
    out[at++] = '\r';
    out[at++] = '\n';
    at = headers.encode(out, at);
    if (at < 0) {
      return -1;
    }
    out[at++] = '\r';
    out[at++] = '\n';
    return at;
  }

  private static int putDecimal(int n, byte[] out, int at) {
    int digits = 1;
    for (int rest = n; rest >= 10; rest /= 10) {
      digits++;
    }
    for (int i = at + digits - 1, rest = n; i >= at; i--, rest /= 10) {
      out[i] = (byte) ('0' + rest % 10);
    }
    return at + digits;
  }

  private static int put(byte[] bytes, byte[] out, int at) {
    System.arraycopy(bytes, 0, out, at, bytes.length);
    return at + bytes.length;
  }

  Throwable closeCause() {
    return closeCause;
  }

  /** Gives up the exchange and closes: an answer that comes too late must not reach the next request. */
  void abort() {
    exchange = null;
    channel.close();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel(); // before the connect starts: whatever it reports finds the channel set
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (exchange == null) {
        // Bytes nobody asked for (on an idle or abandoned connection): it cannot be trusted with another request.
        channel.close();
        return;
      }
      if (msg instanceof HttpResponse response) {
        head(response);
      }
      if (msg instanceof HttpContent content && exchange != null) {
        body(content);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void head(HttpResponse response) {
    if (response.decoderResult().isFailure()) {
      fail(response.decoderResult().cause());
      return;
    }
    int status = response.status().code();
    if (status >= 100 && status < 200 && status != 101) {
      interim = true; // 100 Continue and the like: the final answer follows
      return;
    }
    answered = true;
    reusable = HttpUtil.isKeepAlive(response) && framed(response, status);
    exchange.answered(status, response.headers().get(HttpHeaderNames.RETRY_AFTER));
  }

  /** Whether the answer's end can be found without the connection closing. */
  private static boolean framed(HttpResponse response, int status) {
    return status == 204 || status == 304 || HttpUtil.isContentLengthSet(response) || HttpUtil.isTransferEncodingChunked(response);
  }

  private void body(HttpContent content) {
    if (content.decoderResult().isFailure()) {
      fail(content.decoderResult().cause());
      return;
    }
    boolean last = content instanceof LastHttpContent;
    if (interim) {
      interim = !last;
      return;
    }
    if (!answered) {
      return;
    }
    read += content.content().readableBytes();
    if (read > maxResponseBytes) {
      // Enough: the status is the answer, and the rest of a huge body would only cost memory and time.
      end(false);
    } else if (last) {
      end(reusable);
    }
  }

  private void end(boolean reuse) {
    Exchange done = exchange;
    exchange = null;
    if (reuse) {
      host.release(this);
    } else {
      channel.close();
    }
    done.ended();
  }

  private void fail(Throwable cause) {
    if (closeCause == null) {
      closeCause = cause;
    }
    Exchange failed = exchange;
    exchange = null;
    channel.close();
    if (failed != null) {
      failed.failed(cause);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    fail(cause);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    // A body delimited by the close has already ended (the decoder ends it first); anything else was cut short.
    fail(new ClosedEarlyException());
  }
}
