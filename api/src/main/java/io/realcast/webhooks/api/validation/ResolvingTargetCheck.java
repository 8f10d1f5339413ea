package io.realcast.webhooks.api.validation;

import io.realcast.webhooks.net.TargetPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a host and applies common's {@link TargetPolicy} to every address it resolves to, the same rule
 * the deliverer applies at connect time. A host that does not resolve is refused too: it is most likely a
 * typo, and accepting it would only move the failure to every delivery.
 */
public final class ResolvingTargetCheck implements TargetCheck {
  private final TargetPolicy policy;
  private final Resolver resolver;

  /** DNS resolution, replaceable in tests. */
  @FunctionalInterface
  public interface Resolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;
  }

  public ResolvingTargetCheck(TargetPolicy policy, Resolver resolver) {
    this.policy = policy;
    this.resolver = resolver;
  }

  /** The production check: the system resolver, private targets refused. */
  public static ResolvingTargetCheck publicOnly() {
    return new ResolvingTargetCheck(new TargetPolicy(false), host -> List.of(InetAddress.getAllByName(host)));
  }

  @Override
  public Optional<String> refusal(String host) {
    // URI hosts keep IPv6 literals in brackets; the resolver wants them bare.
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    List<InetAddress> addresses;
    try {
      addresses = resolver.resolve(bare);
    } catch (UnknownHostException e) {
      return Optional.of("its host " + bare + " does not resolve");
    }
    if (addresses.isEmpty()) {
      return Optional.of("its host " + bare + " does not resolve");
    }
    // The kind of address only, never the address: a registration error must not map the internal network.
    return policy.refusedKind(addresses).map(kind -> "its host resolves to a " + kind.description()
        + " address; only public addresses may receive webhooks");
  }
}
