package io.realcast.webhooks.deliverer.internal;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * A webhook URL taken apart once, not per attempt: scheme, host, port, the request line's path and query, and the
 * address itself when the host is an IP literal (no resolution needed).
 *
 * @param literal the address when {@code host} is an IP literal, else null
 */
public record Endpoint(String url, boolean tls, String host, int port, String requestUri, InetAddress literal) {

  /** {@code http(s)://host[:port]/path}, nothing else: no credentials, no relative URLs. */
  public static Endpoint parse(String url) {
    URI uri = URI.create(url);
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw new IllegalArgumentException("not an absolute http(s) URL");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("URL carries credentials");
    }
    boolean tls = scheme.equals("https");
    String host = uri.getHost();
    String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String requestUri = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    return new Endpoint(url, tls, bare, uri.getPort() > 0 ? uri.getPort() : (tls ? 443 : 80), requestUri, literal(bare));
  }

  private static InetAddress literal(String host) {
    byte[] bytes = NetUtil.createByteArrayFromIpAddressString(host);
    if (bytes == null) {
      return null;
    }
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      return null; // not 4 or 16 bytes: cannot happen for a parsed literal
    }
  }
}
