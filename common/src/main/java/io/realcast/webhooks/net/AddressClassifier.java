package io.realcast.webhooks.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Classifies an IP address as public or one of the non-public ranges (IANA special-purpose registries
 * for IPv4 and IPv6). IPv6 forms that embed an IPv4 address (IPv4-mapped, IPv4-compatible, 6to4, NAT64)
 * are classified by the embedded address, so {@code ::ffff:127.0.0.1} or {@code 2002:0a00:0001::} cannot
 * smuggle a private target past the check. Pure: no DNS, no I/O.
 */
public final class AddressClassifier {
  private AddressClassifier() {}

  public static AddressClass classify(InetAddress address) {
    byte[] b = address.getAddress();
    if (address instanceof Inet4Address || b.length == 4) {
      return classifyV4(b[0] & 0xff, b[1] & 0xff, b[2] & 0xff, b[3] & 0xff);
    }
    if (address instanceof Inet6Address || b.length == 16) {
      return classifyV6(b);
    }
    return AddressClass.RESERVED;
  }

  static AddressClass classifyV4(int a, int b, int c, int d) {
    if (a == 0) {
      return a + b + c + d == 0 ? AddressClass.UNSPECIFIED : AddressClass.RESERVED; // 0.0.0.0/8 "this network"
    }
    if (a == 127) {
      return AddressClass.LOOPBACK;
    }
    if (a == 10 || (a == 172 && (b & 0xf0) == 16) || (a == 192 && b == 168)) {
      return AddressClass.PRIVATE;
    }
    if (a == 100 && (b & 0xc0) == 64) {
      return AddressClass.SHARED; // 100.64.0.0/10
    }
    if (a == 169 && b == 254) {
      return AddressClass.LINK_LOCAL; // includes the cloud metadata address 169.254.169.254
    }
    if (a == 198 && (b & 0xfe) == 18) {
      return AddressClass.BENCHMARK; // 198.18.0.0/15
    }
    if ((a == 192 && b == 0 && c == 2) || (a == 198 && b == 51 && c == 100) || (a == 203 && b == 0 && c == 113)) {
      return AddressClass.DOCUMENTATION;
    }
    if ((a == 192 && b == 0 && c == 0) || (a == 192 && b == 88 && c == 99)) {
      return AddressClass.RESERVED; // IETF protocol assignments, 6to4 relay anycast
    }
    if (a >= 224 && a <= 239) {
      return AddressClass.MULTICAST;
    }
    if (a >= 240) {
      return AddressClass.RESERVED; // 240.0.0.0/4 and the broadcast address
    }
    return AddressClass.PUBLIC;
  }

  static AddressClass classifyV6(byte[] b) {
    if (allZero(b, 0, 10)) {
      if ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
        return embedded(b, 12); // ::ffff:0:0/96 IPv4-mapped
      }
      if (allZero(b, 10, 16)) {
        return AddressClass.UNSPECIFIED;
      }
      if (allZero(b, 10, 15) && b[15] == 1) {
        return AddressClass.LOOPBACK;
      }
      if (allZero(b, 10, 12)) {
        return embedded(b, 12); // ::/96 IPv4-compatible (deprecated, still routable by some stacks)
      }
      return AddressClass.RESERVED;
    }
    int first = b[0] & 0xff;
    int second = b[1] & 0xff;
    if (first == 0x00 && second == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
      // 64:ff9b::/96 well-known NAT64 embeds a v4 address; 64:ff9b:1::/48 is for local use.
      return allZero(b, 4, 12) ? embedded(b, 12) : AddressClass.PRIVATE;
    }
    if (first == 0xff) {
      return AddressClass.MULTICAST;
    }
    if ((first & 0xfe) == 0xfc) {
      return AddressClass.UNIQUE_LOCAL;
    }
    if (first == 0xfe && (second & 0xc0) == 0x80) {
      return AddressClass.LINK_LOCAL;
    }
    if (first == 0xfe && (second & 0xc0) == 0xc0) {
      return AddressClass.PRIVATE; // fec0::/10 site-local (deprecated)
    }
    if (first == 0x20 && second == 0x02) {
      return embedded(b, 2); // 2002::/16 6to4
    }
    if (first == 0x20 && second == 0x01) {
      int third = b[2] & 0xff;
      int fourth = b[3] & 0xff;
      if (third == 0x0d && fourth == 0xb8) {
        return AddressClass.DOCUMENTATION; // 2001:db8::/32
      }
      if (third == 0x00 && fourth == 0x02 && b[4] == 0 && b[5] == 0) {
        return AddressClass.BENCHMARK; // 2001:2::/48
      }
      if (third == 0x00 && fourth < 0x02 || third == 0x00 && (fourth & 0xf0) == 0x10 || third == 0x00 && (fourth & 0xf0) == 0x20) {
        return AddressClass.RESERVED; // 2001::/23 IETF assignments (Teredo 2001::/32 hides its v4 client, ORCHID)
      }
    }
    if ((first & 0xe0) != 0x20) {
      return AddressClass.RESERVED; // only 2000::/3 is global unicast
    }
    return AddressClass.PUBLIC;
  }

  private static AddressClass embedded(byte[] b, int at) {
    return classifyV4(b[at] & 0xff, b[at + 1] & 0xff, b[at + 2] & 0xff, b[at + 3] & 0xff);
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return true;
  }
}
