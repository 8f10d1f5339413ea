package io.realcast.webhooks.deliverer.internal;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.resolver.dns.DefaultDnsCache;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.realcast.webhooks.deliverer.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * DNS without threads that wait: Netty's resolver (the system's name servers and search domains, the hosts file
 * first) on one event loop of its own, with a cache that honours record TTLs within bounds, so a cached name costs a
 * map lookup and a slow name server holds up only the lookups that need it.
 */
public final class AsyncDnsResolver implements HostResolver, AutoCloseable {
  private final EventLoopGroup loop;
  private final DnsNameResolver resolver;

  public AsyncDnsResolver(Duration queryTimeout, Duration maxTtl) {
    this.loop = new MultiThreadIoEventLoopGroup(1, r -> {
      Thread t = new Thread(r, "deliverer-dns");
      t.setDaemon(true);
      return t;
    }, NioIoHandler.newFactory());
    this.resolver = new DnsNameResolverBuilder(loop.next())
        .datagramChannelType(NioDatagramChannel.class)
        .queryTimeoutMillis(queryTimeout.toMillis())
        .resolveCache(new DefaultDnsCache(0, (int) maxTtl.toSeconds(), 5))
        .build();
  }

  @Override
  public CompletionStage<List<InetAddress>> resolve(String host) {
    CompletableFuture<List<InetAddress>> result = new CompletableFuture<>();
    resolver.resolveAll(host).addListener(f -> {
      if (f.isSuccess()) {
        @SuppressWarnings("unchecked")
        List<InetAddress> addresses = (List<InetAddress>) f.getNow();
        result.complete(addresses);
      } else {
        UnknownHostException e = new UnknownHostException(host + ": " + f.cause().getMessage());
        e.initCause(f.cause());
        result.completeExceptionally(e);
      }
    });
    return result;
  }

  @Override
  public void close() {
    resolver.close();
    loop.shutdownGracefully(0, 2, TimeUnit.SECONDS);
  }
}
