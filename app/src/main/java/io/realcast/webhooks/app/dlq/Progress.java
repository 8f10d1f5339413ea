package io.realcast.webhooks.app.dlq;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Locale;

/** Progress of a long run on stderr: at most one line a second, and a last one when done. */
public final class Progress {
  private final PrintWriter err;
  private final String what;
  private final Clock clock;
  private long lastMillis;

  public Progress(PrintWriter err, String what, Clock clock) {
    this.err = err;
    this.what = what;
    this.clock = clock;
    this.lastMillis = clock.millis();
  }

  /** Reports {@code done} of {@code total} if a second has passed since the last report. */
  public void update(long done, long total) {
    long now = clock.millis();
    if (now - lastMillis >= 1_000) {
      lastMillis = now;
      print(done, total);
    }
  }

  public void finish(long done, long total) {
    print(done, total);
  }

  private void print(long done, long total) {
    long percent = total == 0 ? 100 : Math.min(100, done * 100 / total);
    err.println(String.format(Locale.ROOT, "%s %,d of %,d (%d%%)", what, done, total, percent));
    err.flush();
  }
}
