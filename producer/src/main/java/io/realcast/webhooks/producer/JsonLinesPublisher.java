package io.realcast.webhooks.producer;

import io.realcast.webhooks.event.InvalidRawEventException;
import io.realcast.webhooks.event.InvalidReason;
import io.realcast.webhooks.event.RawEvent;
import io.realcast.webhooks.event.RawEventParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;

/**
 * Publishes raw events given as JSON lines (one event per line, UTF-8): each line is validated as the router
 * would, valid ones are published, bad ones are reported with their line number, reason and field. Blank
 * lines are skipped. A line longer than the size limit is rejected without being held in memory whole.
 */
public final class JsonLinesPublisher {

  /** A line that is not a valid raw event. @param field the JSON path at fault, or null for the whole line */
  public record Rejection(long line, InvalidReason reason, String field, String message) {
    /** {@code line 4: missing_field data.viewer_id: is required}. */
    @Override
    public String toString() {
      return "line " + line + ": " + reason.code() + (field == null ? "" : " " + field) + ": " + message;
    }
  }

  /** What happened to each line, as it happens. Called from the reading thread and Kafka's callback thread. */
  public interface Listener {
    void rejected(Rejection rejection);

    void failed(long line, Throwable error);
  }

  /** Counts of a finished run. */
  public record Report(long published, long rejected, long failed) {
    public boolean allPublished() {
      return rejected == 0 && failed == 0;
    }

    @Override
    public String toString() {
      return "published " + published + ", rejected " + rejected + (failed == 0 ? "" : ", failed " + failed);
    }
  }

  private final RealcastProducer producer;
  private final RawEventParser parser;
  private final int maxLineBytes;

  public JsonLinesPublisher(RealcastProducer producer, int maxEventBytes) {
    this.producer = producer;
    this.parser = new RawEventParser(maxEventBytes);
    this.maxLineBytes = maxEventBytes;
  }

  /** Reads {@code in} to its end, publishing as it goes; returns once every publish has completed. */
  public Report publish(InputStream in, Listener listener) throws IOException, InterruptedException {
    Outstanding outstanding = new Outstanding();
    long rejected = 0;
    LineReader lines = new LineReader(in, maxLineBytes);
    for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
      if (line.isBlank()) {
        continue;
      }
      long number = line.number();
      CompletableFuture<?> sent;
      try {
        RawEvent event = parser.parse(line.bytes());
        sent = producer.publish(event);
      } catch (InvalidRawEventException e) {
        rejected++;
        listener.rejected(rejection(number, e));
        continue;
      }
      outstanding.sent();
      sent.whenComplete((ok, error) -> {
        if (error != null) {
          listener.failed(number, error);
        }
        outstanding.completed(error == null);
      });
    }
    producer.flush();
    outstanding.awaitAll();
    return new Report(outstanding.published, rejected, outstanding.failed);
  }

  /** Publishes sent and not yet completed; completion comes on Kafka's I/O thread. */
  private static final class Outstanding {
    private long sent;
    private long published;
    private long failed;

    synchronized void sent() {
      sent++;
    }

    synchronized void completed(boolean ok) {
      if (ok) {
        published++;
      } else {
        failed++;
      }
      notifyAll();
    }

    synchronized void awaitAll() throws InterruptedException {
      // flush() has returned, so every send has completed or is completing right now: this wait is short.
      while (published + failed < sent) {
        wait();
      }
    }
  }

  private static Rejection rejection(long line, InvalidRawEventException e) {
    String message = e.getMessage();
    if (e.field() != null && message.startsWith(e.field() + ": ")) {
      message = message.substring(e.field().length() + 2);
    }
    return new Rejection(line, e.reason(), e.field(), message);
  }

  /** Splits bytes on {@code \n} (dropping a trailing {@code \r}) without decoding, so bad UTF-8 reaches the parser. */
  static final class LineReader {
    record Line(long number, byte[] bytes) {
      boolean isBlank() {
        for (byte b : bytes) {
          if (b != ' ' && b != '\t') {
            return false;
          }
        }
        return true;
      }
    }

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buffer = new byte[8192];
    private int position;
    private int limit;
    private long number;

    LineReader(InputStream in, int maxBytes) {
      this.in = in;
      this.maxBytes = maxBytes;
    }

    /** The next line, or null at the end. A line over the limit comes back cut to limit + 1 bytes. */
    Line next() throws IOException {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      boolean any = false;
      while (true) {
        if (position == limit) {
          limit = in.read(buffer);
          position = 0;
          if (limit <= 0) {
            limit = 0;
            return any ? finish(line) : null;
          }
        }
        any = true;
        byte b = buffer[position++];
        if (b == '\n') {
          return finish(line);
        }
        if (line.size() <= maxBytes) {
          line.write(b);
        }
      }
    }

    private Line finish(ByteArrayOutputStream line) {
      byte[] bytes = line.toByteArray();
      boolean cut = bytes.length > maxBytes;
      if (!cut && bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
        bytes = Arrays.copyOf(bytes, bytes.length - 1);
      }
      return new Line(++number, bytes);
    }
  }
}
