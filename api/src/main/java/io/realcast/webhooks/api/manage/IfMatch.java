package io.realcast.webhooks.api.manage;

import java.util.Set;

/** The precondition of a write ({@code If-Match}): none, any existing version ({@code *}), or the versions seen. */
public sealed interface IfMatch {
  IfMatch NONE = new None();
  IfMatch ANY = new Any();

  /** Whether a write may go ahead while the stored version is {@code current}. */
  boolean admits(long current);

  /** No {@code If-Match}: an unconditional write (still read, changed and written under the webhook's lock). */
  record None() implements IfMatch {
    @Override
    public boolean admits(long current) {
      return true;
    }
  }

  /** {@code If-Match: *}: whatever version exists. */
  record Any() implements IfMatch {
    @Override
    public boolean admits(long current) {
      return true;
    }
  }

  /** {@code If-Match: "3", "4"}: only while the stored version is one of these. */
  record Versions(Set<Long> versions) implements IfMatch {
    public Versions {
      versions = Set.copyOf(versions);
    }

    @Override
    public boolean admits(long current) {
      return versions.contains(current);
    }
  }
}
