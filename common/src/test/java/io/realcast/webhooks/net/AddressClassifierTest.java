package io.realcast.webhooks.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressClassifierTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
    // IPv4
    "0.0.0.0, UNSPECIFIED",
    "0.1.2.3, RESERVED",
    "127.0.0.1, LOOPBACK",
    "127.255.255.254, LOOPBACK",
    "10.0.0.1, PRIVATE",
    "172.16.0.1, PRIVATE",
    "172.31.255.255, PRIVATE",
    "172.32.0.1, PUBLIC",
    "192.168.1.1, PRIVATE",
    "100.64.0.1, SHARED",
    "100.127.255.255, SHARED",
    "100.128.0.1, PUBLIC",
    "169.254.169.254, LINK_LOCAL",
    "198.18.0.1, BENCHMARK",
    "198.19.255.255, BENCHMARK",
    "192.0.2.10, DOCUMENTATION",
    "198.51.100.7, DOCUMENTATION",
    "203.0.113.9, DOCUMENTATION",
    "192.0.0.8, RESERVED",
    "224.0.0.1, MULTICAST",
    "239.255.255.250, MULTICAST",
    "240.0.0.1, RESERVED",
    "255.255.255.255, RESERVED",
    "8.8.8.8, PUBLIC",
    "93.184.216.34, PUBLIC",
    // IPv6
    "::, UNSPECIFIED",
    "::1, LOOPBACK",
    "::ffff:127.0.0.1, LOOPBACK",
    "::ffff:10.1.2.3, PRIVATE",
    "::ffff:8.8.8.8, PUBLIC",
    "::127.0.0.1, LOOPBACK",
    "::10.0.0.1, PRIVATE",
    "64:ff9b::a00:1, PRIVATE",
    "64:ff9b::808:808, PUBLIC",
    "64:ff9b:1::1, PRIVATE",
    "2002:7f00:1::, LOOPBACK",
    "2002:a9fe:a9fe::1, LINK_LOCAL",
    "2002:808:808::1, PUBLIC",
    "fc00::1, UNIQUE_LOCAL",
    "fd12:3456::1, UNIQUE_LOCAL",
    "fe80::1, LINK_LOCAL",
    "febf::1, LINK_LOCAL",
    "fec0::1, PRIVATE",
    "ff02::1, MULTICAST",
    "2001:db8::1, DOCUMENTATION",
    "2001:2::1, BENCHMARK",
    "2001::1, RESERVED",
    "2001:10::1, RESERVED",
    "100::1, RESERVED",
    "4000::1, RESERVED",
    "2606:4700:4700::1111, PUBLIC",
    "2a00:1450:4001::200e, PUBLIC",
  })
  void shouldClassifyAddress(String literal, AddressClass expected) throws UnknownHostException {
    assertThat(AddressClassifier.classify(InetAddress.getByName(literal))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} raw 16 bytes is {1}")
  @CsvSource({"::ffff:127.0.0.1, LOOPBACK", "::ffff:169.254.169.254, LINK_LOCAL"})
  void shouldClassifyMappedAddressGivenAsSixteenBytes(String literal, AddressClass expected) throws UnknownHostException {
    byte[] v4 = InetAddress.getByName(literal.substring("::ffff:".length())).getAddress();
    byte[] v6 = new byte[16];
    v6[10] = (byte) 0xff;
    v6[11] = (byte) 0xff;
    System.arraycopy(v4, 0, v6, 12, 4);
    assertThat(AddressClassifier.classifyV6(v6)).isEqualTo(expected);
  }
}
