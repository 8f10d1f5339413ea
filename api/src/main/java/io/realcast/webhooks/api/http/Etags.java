package io.realcast.webhooks.api.http;

import io.realcast.webhooks.api.ApiProblem;
import io.realcast.webhooks.api.manage.IfMatch;
import io.realcast.webhooks.subscription.Subscription;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A webhook's version as an HTTP entity tag ({@code "7"}), and {@code If-Match} read back into versions. */
final class Etags {
  private static final Pattern TAG = Pattern.compile("\\s*(W/)?\"([0-9]{1,18})\"\\s*");
  private static final int MAX_TAGS = 32;

  private Etags() {}

  static String of(Subscription s) {
    return "\"" + s.version() + "\"";
  }

  /**
   * {@code If-Match} as a precondition: absent, {@code *}, or a list of our tags. Weak tags never match (RFC 9110
   * compares If-Match strongly); anything else is a 400 naming the header.
   */
  static IfMatch ifMatch(String header) {
    if (header == null) {
      return IfMatch.NONE;
    }
    if (header.trim().equals("*")) {
      return IfMatch.ANY;
    }
    Set<Long> versions = new HashSet<>();
    String[] tags = header.split(",", MAX_TAGS + 1);
    if (tags.length > MAX_TAGS) {
      throw ApiProblem.invalid("invalid_header", "If-Match", "If-Match may list at most " + MAX_TAGS + " entity tags");
    }
    for (String tag : tags) {
      Matcher m = TAG.matcher(tag);
      if (!m.matches()) {
        throw ApiProblem.invalid("invalid_header", "If-Match",
            "If-Match must be * or entity tags as the ETag header gives them, such as \"3\"");
      }
      if (m.group(1) == null) {
        versions.add(Long.parseLong(m.group(2)));
      }
    }
    return new IfMatch.Versions(versions);
  }
}
