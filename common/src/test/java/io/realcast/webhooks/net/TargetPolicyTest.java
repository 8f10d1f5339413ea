package io.realcast.webhooks.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetPolicyTest {

  @Test
  void shouldRefusePrivateTargetsByDefaultAndNameTheRange() throws Exception {
    assertThat(new TargetPolicy(false).refusal(InetAddress.getByName("169.254.169.254")))
        .hasValue("169.254.169.254 is a link-local address");
  }

  @Test
  void shouldAllowPrivateTargetsWhenConfigured() throws Exception {
    assertThat(new TargetPolicy(true).refusal(InetAddress.getByName("127.0.0.1"))).isEmpty();
  }

  @Test
  void shouldRefuseAHostWhenAnyOfItsAddressesIsNotPublic() throws Exception {
    List<InetAddress> addresses = List.of(InetAddress.getByName("8.8.8.8"), InetAddress.getByName("10.0.0.1"));
    assertThat(new TargetPolicy(false).refusal(addresses)).isPresent();
    assertThat(new TargetPolicy(false).refusal(List.of(InetAddress.getByName("8.8.8.8")))).isEmpty();
  }

  @Test
  void shouldNameOnlyTheKindOfTheFirstRefusedAddressForErrorsShownToUsers() throws Exception {
    List<InetAddress> addresses = List.of(InetAddress.getByName("8.8.8.8"), InetAddress.getByName("10.0.0.1"));
    assertThat(new TargetPolicy(false).refusedKind(addresses)).contains(AddressClass.PRIVATE);
    assertThat(new TargetPolicy(true).refusedKind(addresses)).isEmpty();
    assertThat(new TargetPolicy(false).refusedKind(List.of(InetAddress.getByName("8.8.8.8")))).isEmpty();
  }
}
