package io.realcast.webhooks.api.validation;

import io.realcast.webhooks.api.ApiProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/** The rules a webhook URL follows: absolute http(s), a host, no credentials, a target the policy accepts. */
public final class WebhookUrls {
  public static final int MAX_LENGTH = 2048;
  /*
   * A host of digits, dots and 0x prefixes that is not a plain dotted quad (0177.0.0.1, 0x7f.1, 2130706433, 127.1)
   * is octal, hex or shortened to browsers, curl and WHATWG URL parsers (0177.0.0.1 is 127.0.0.1 there) but
   * something else to Java's resolver (177.0.0.1, public). One URL would name two targets; refuse it.
   */
  private static final Pattern NUMERIC_HOST = Pattern.compile("(?i)(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]+))*\\.?");
  private static final Pattern DOTTED_QUAD =
      Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])){3}");

  private final TargetCheck targets;

  public WebhookUrls(TargetCheck targets) {
    this.targets = targets;
  }

  /** The URL, checked; throws an {@link ApiProblem} naming {@code url} otherwise. */
  public String check(String url) {
    return check(url, "url");
  }

  /** The URL in {@code field}, checked; throws an {@link ApiProblem} naming {@code field} otherwise. */
  public String check(String url, String field) {
    if (url.isBlank()) {
      throw ApiProblem.invalid("invalid_url", field, field + " must not be empty");
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw ApiProblem.invalid("invalid_url", field, field + " is not a valid URL: " + e.getReason());
    }
    if (!uri.isAbsolute()) {
      throw ApiProblem.invalid("invalid_url", field, field + " must be absolute, e.g. https://example.com/webhooks/realcast");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw ApiProblem.invalid("invalid_url", field, field + " must use http or https, not " + scheme);
    }
    if (uri.getRawUserInfo() != null) {
      throw ApiProblem.invalid("url_credentials", field, field + " must not contain credentials (user:password@)");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw ApiProblem.invalid("invalid_url", field, field + " must name a host");
    }
    if (NUMERIC_HOST.matcher(host).matches() && !DOTTED_QUAD.matcher(host).matches()) {
      throw ApiProblem.invalid("invalid_url", field, field + " host " + host
          + " is a numeric address that resolvers read differently (octal, hex or shortened); write it as a.b.c.d in decimal");
    }
    if (uri.getRawFragment() != null) {
      throw ApiProblem.invalid("invalid_url", field, field + " must not contain a fragment (#...)");
    }
    targets.refusal(host).ifPresent(reason -> {
      throw ApiProblem.invalid("private_target", field, field + " is refused: " + reason);
    });
    return uri.toString();
  }
}
