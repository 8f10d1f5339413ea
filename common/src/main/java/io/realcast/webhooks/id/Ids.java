package io.realcast.webhooks.id;

/** Helpers for error messages about ids. */
public final class Ids {
  private Ids() {}

  /** Quotes a value for an error message, cut to 40 characters so a huge input cannot flood a log. */
  public static String quoteShort(String value) {
    if (value == null) {
      return "null";
    }
    return value.length() <= 40 ? '"' + value + '"' : '"' + value.substring(0, 40) + "…\"";
  }
}
