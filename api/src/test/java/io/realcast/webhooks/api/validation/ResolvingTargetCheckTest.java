package io.realcast.webhooks.api.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.realcast.webhooks.net.TargetPolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResolvingTargetCheckTest {
  private static InetAddress ip(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (UnknownHostException e) {
      throw new AssertionError(e);
    }
  }

  private final ResolvingTargetCheck check = new ResolvingTargetCheck(new TargetPolicy(false), host -> switch (host) {
    case "public.example" -> List.of(ip("93.184.215.14"));
    case "rebind.example" -> List.of(ip("93.184.215.14"), ip("10.1.2.3"));
    case "metadata.example" -> List.of(ip("169.254.169.254"));
    case "nowhere.example" -> throw new UnknownHostException(host);
    default -> List.of(InetAddress.getByName(host));
  });

  @Test
  void shouldAcceptAHostResolvingToPublicAddresses() {
    assertThat(check.refusal("public.example")).isEmpty();
    assertThat(check.refusal("93.184.215.14")).isEmpty();
  }

  @Test
  void shouldRefuseLoopbackPrivateLinkLocalAndMetadataTargets() {
    assertThat(check.refusal("127.0.0.1")).hasValueSatisfying(r -> assertThat(r).contains("loopback"));
    assertThat(check.refusal("[::1]")).hasValueSatisfying(r -> assertThat(r).contains("loopback"));
    assertThat(check.refusal("192.168.1.10")).hasValueSatisfying(r -> assertThat(r).contains("private"));
    assertThat(check.refusal("metadata.example")).hasValueSatisfying(r -> assertThat(r).contains("link-local"));
  }

  @Test
  void shouldRefuseAHostWithAnyNonPublicAddress() {
    assertThat(check.refusal("rebind.example")).hasValueSatisfying(r -> assertThat(r).contains("private address"));
  }

  @Test
  void shouldNameTheKindOfAddressButNeverTheResolvedAddress() {
    assertThat(check.refusal("rebind.example")).hasValueSatisfying(r -> assertThat(r).doesNotContain("10.1.2.3"));
    assertThat(check.refusal("metadata.example")).hasValueSatisfying(r -> assertThat(r).doesNotContain("169.254"));
  }

  @Test
  void shouldRefuseAHostThatDoesNotResolve() {
    assertThat(check.refusal("nowhere.example")).hasValueSatisfying(r -> assertThat(r).contains("does not resolve"));
  }
}
