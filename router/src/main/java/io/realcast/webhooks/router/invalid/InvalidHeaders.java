package io.realcast.webhooks.router.invalid;

/** The headers the router puts on every record of {@code realcast.events.invalid}. */
public final class InvalidHeaders {
  /** Why: an {@code InvalidReason} code (the raw event could not be read) or an {@code IgnoredReason} code (refused by stream state). */
  public static final String REASON = "realcast.invalid.reason";
  /** A message naming the field or the state, at most {@value InvalidRecord#MAX_DETAIL_CHARS} characters. */
  public static final String DETAIL = "realcast.invalid.detail";
  /** Byte length of the original record value, decimal. */
  public static final String ORIGINAL_SIZE = "realcast.invalid.original.size";
  /** Partition of {@code realcast.events} the original record was read from, decimal. */
  public static final String ORIGINAL_PARTITION = "realcast.invalid.original.partition";
  /** Offset of the original record in that partition, decimal. */
  public static final String ORIGINAL_OFFSET = "realcast.invalid.original.offset";
  /** What was cut to keep the record writable, comma-separated: {@code value}, {@code key}, {@code headers}; absent when nothing was. */
  public static final String TRUNCATED = "realcast.invalid.truncated";
  /** {@code full}, or {@code stub} (headers only) when writing the full record failed before. */
  public static final String FORM = "realcast.invalid.form";

  static final String PREFIX = "realcast.invalid.";

  private InvalidHeaders() {}
}
