package io.realcast.webhooks.net;

import io.realcast.webhooks.config.Setting;
import java.net.InetAddress;
import java.util.Collection;
import java.util.Optional;

/**
 * Which webhook targets may be contacted: public addresses always; loopback, private and other
 * non-public ranges only when {@code allowPrivateTargets} is set (local and demo mode). Applied at
 * registration (api) and again after every DNS resolution at connect time (deliverer), against DNS
 * rebinding.
 */
public record TargetPolicy(boolean allowPrivateTargets) {
  /** {@code REALCAST_ALLOW_PRIVATE_TARGETS}, read by the api and the deliverer alike. */
  public static final Setting<Boolean> ALLOW_PRIVATE_TARGETS = Setting.bool("allow.private.targets", false,
      "Allow webhooks to loopback, private and other non-public addresses (local and demo mode only)");

  /** Why {@code address} may not be contacted, or empty if it may. */
  public Optional<String> refusal(InetAddress address) {
    AddressClass kind = AddressClassifier.classify(address);
    if (kind.isPublic() || allowPrivateTargets) {
      return Optional.empty();
    }
    return Optional.of(address.getHostAddress() + " is a " + kind.description() + " address");
  }

  /**
   * The kind of the first refused address among {@code addresses}, without the address itself: what an error shown
   * to a user may say (naming a resolved internal address would map the private network for an attacker).
   */
  public Optional<AddressClass> refusedKind(Collection<InetAddress> addresses) {
    for (InetAddress address : addresses) {
      AddressClass kind = AddressClassifier.classify(address);
      if (!kind.isPublic() && !allowPrivateTargets) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }

  /** Why any of {@code addresses} may not be contacted: one refused address refuses the host. */
  public Optional<String> refusal(Collection<InetAddress> addresses) {
    for (InetAddress address : addresses) {
      Optional<String> refused = refusal(address);
      if (refused.isPresent()) {
        return refused;
      }
    }
    return Optional.empty();
  }
}
