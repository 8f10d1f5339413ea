package io.realcast.webhooks.net;

/** What kind of address an IP is, as far as sending webhooks to it is concerned. */
public enum AddressClass {
  PUBLIC("public"),
  UNSPECIFIED("unspecified"),
  LOOPBACK("loopback"),
  PRIVATE("private"),
  LINK_LOCAL("link-local"),
  MULTICAST("multicast"),
  SHARED("shared address space (CGNAT)"),
  BENCHMARK("benchmarking"),
  DOCUMENTATION("documentation"),
  UNIQUE_LOCAL("unique local (fc00::/7)"),
  RESERVED("reserved or special-purpose");

  private final String description;

  AddressClass(String description) {
    this.description = description;
  }

  public boolean isPublic() {
    return this == PUBLIC;
  }

  public String description() {
    return description;
  }
}
