package io.realcast.webhooks.subscription;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The rule every writer of realcast.webhooks follows (the api; the deliverer when it disables a webhook), so that
 * no write undoes another it did not see:
 *
 * <ol>
 *   <li>A new webhook is version 1. A change is computed from the record it read ("based on") and carries that
 *       record's version + 1 ({@link #successor}).
 *   <li>A change may be written only while the stored record is still the one it is based on
 *       ({@link #mayReplace}): read, check and write under one lock per webhook, against a view that has applied
 *       every record this writer wrote. Otherwise the writer reads again and recomputes, or gives up (the API
 *       answers 409).
 *   <li>A deletion writes a tombstone; a change based on a record that has since been deleted fails the check, so
 *       a delete cannot be undone by a racing update.
 *   <li>Records written before versions existed read as version 0 ({@link #read}); their first change is version 1.
 * </ol>
 *
 * Kafka has no compare-and-set, so the check is as strong as the writer's view and lock: exact within one
 * process; between processes, two writers that both pass their check before seeing each other's record both
 * write, and the later record wins.
 */
public final class VersionRule {
  /** The record's field. */
  public static final String FIELD = "version";
  /** The version of a record written before versions existed. */
  public static final long UNVERSIONED = 0;
  /** The version of a newly created webhook. */
  public static final long FIRST = 1;

  private VersionRule() {}

  /** The version in a stored record; absent (an older writer) reads as {@link #UNVERSIONED}. */
  public static long read(JsonNode record) {
    JsonNode v = record.get(FIELD);
    return v != null && v.canConvertToLong() && v.asLong() >= 0 ? v.asLong() : UNVERSIONED;
  }

  /** Whether a change based on {@code basedOn} may replace what is stored now (empty: deleted, or never written). */
  public static boolean mayReplace(Optional<Subscription> stored, Subscription basedOn) {
    return stored.isPresent() && stored.get().id().equals(basedOn.id()) && stored.get().version() == basedOn.version();
  }

  /** {@code change} applied to {@code basedOn}, carrying the next version. */
  public static Subscription successor(Subscription basedOn, UnaryOperator<Subscription> change) {
    return change.apply(basedOn).withVersion(basedOn.version() + 1);
  }
}
