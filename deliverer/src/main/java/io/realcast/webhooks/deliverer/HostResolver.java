package io.realcast.webhooks.deliverer;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Resolves a webhook's host to addresses at send time, so that every address can be vetted before
 * connecting (DNS rebinding defence). Injected so tests can make DNS "change" after registration.
 */
@FunctionalInterface
public interface HostResolver {
  /** Every address of {@code host}; fails with {@link UnknownHostException} when it has none. */
  CompletionStage<List<InetAddress>> resolve(String host);

  /** The JDK resolver (with its positive cache), run on {@code executor} so lookups never block an event loop. */
  static HostResolver system(Executor executor) {
    return host -> CompletableFuture.supplyAsync(() -> {
      try {
        return Arrays.asList(InetAddress.getAllByName(host));
      } catch (UnknownHostException e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }, executor);
  }
}
