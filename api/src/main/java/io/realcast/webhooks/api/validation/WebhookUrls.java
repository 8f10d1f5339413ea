package io.realcast.webhooks.api.validation;

import io.realcast.webhooks.api.ApiProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The rules a webhook URL follows: absolute http(s), a host, no credentials, a target the policy accepts. */
public final class WebhookUrls {
  public static final int MAX_LENGTH = 2048;
  private static final String FIELD = "url";

  private final TargetCheck targets;

  public WebhookUrls(TargetCheck targets) {
    this.targets = targets;
  }

  /** The URL, checked; throws an {@link ApiProblem} naming {@code url} otherwise. */
  public String check(String url) {
    if (url.isBlank()) {
      throw ApiProblem.invalid("invalid_url", FIELD, "url must not be empty");
    }
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw ApiProblem.invalid("invalid_url", FIELD, "url is not a valid URL: " + e.getReason());
    }
    if (!uri.isAbsolute()) {
      throw ApiProblem.invalid("invalid_url", FIELD, "url must be absolute, e.g. https://example.com/webhooks/realcast");
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw ApiProblem.invalid("invalid_url", FIELD, "url must use http or https, not " + scheme);
    }
    if (uri.getRawUserInfo() != null) {
      throw ApiProblem.invalid("url_credentials", FIELD, "url must not contain credentials (user:password@)");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw ApiProblem.invalid("invalid_url", FIELD, "url must name a host");
    }
    if (uri.getRawFragment() != null) {
      throw ApiProblem.invalid("invalid_url", FIELD, "url must not contain a fragment (#...)");
    }
    targets.refusal(host).ifPresent(reason -> {
      throw ApiProblem.invalid("private_target", FIELD, "url is refused: " + reason);
    });
    return uri.toString();
  }
}
