package io.realcast.webhooks.deliverer.internal;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.NetUtil;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for webhook connections: the JDK's engine and, unless a test brings its own, the JDK's default trust. The
 * connection goes to the vetted address, so the URL's host is given explicitly, both as SNI and as the name the
 * certificate must match.
 */
public final class ClientTls {
  private final SslContext context;

  private ClientTls(SslContext context) {
    this.context = context;
  }

  /** Trusts what the JDK trusts (its cacerts). */
  public static ClientTls jdkDefault() {
    return trusting(null);
  }

  /** Trusts what {@code trust} trusts; null for the JDK's default. */
  public static ClientTls trusting(TrustManagerFactory trust) {
    try {
      return new ClientTls(SslContextBuilder.forClient().sslProvider(SslProvider.JDK).trustManager(trust)
          .endpointIdentificationAlgorithm("HTTPS").build());
    } catch (SSLException e) {
      throw new IllegalStateException("TLS for webhook connections could not be set up", e);
    }
  }

  /** The TLS handler of one connection to {@code host} (the URL's host; an IP literal gets no SNI, as RFC 6066 says). */
  SslHandler handler(ByteBufAllocator alloc, String host, int port, Duration handshakeTimeout) {
    SslHandler handler = context.newHandler(alloc, host, port);
    SSLEngine engine = handler.engine();
    SSLParameters parameters = engine.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    if (!NetUtil.isValidIpV4Address(host) && !NetUtil.isValidIpV6Address(host)) {
      try {
        // The JDK names only dotted hosts by itself; say it for every host name.
        parameters.setServerNames(List.of(new SNIHostName(host)));
      } catch (IllegalArgumentException notAnSniName) {
        // A name SNI cannot carry (an underscore, say): none is sent, as the JDK would do; the certificate is still checked.
      }
    }
    engine.setSSLParameters(parameters);
    handler.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
    return handler;
  }
}
