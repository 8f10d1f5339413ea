package io.realcast.webhooks.deliverer;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Resolves a webhook's host to addresses at send time, so that every address can be vetted before connecting (DNS
 * rebinding defence). Must not block the caller: a tenant's slow DNS may not hold up anyone else. Injected so tests can
 * make DNS "change" after registration; the service uses an asynchronous, caching resolver.
 */
@FunctionalInterface
public interface HostResolver {
  /** Every address of {@code host}; fails with {@link java.net.UnknownHostException} when it has none. */
  CompletionStage<List<InetAddress>> resolve(String host);
}
