package io.realcast.webhooks.api.history.internal;

import io.realcast.webhooks.api.history.HistoryUnavailableException;
import java.util.Set;

/**
 * What this instance answers to other api instances at {@code POST /internal/history/{op}}: questions about the
 * partitions it runs, in {@link WireFormat}. Admin key only; never part of the public API.
 */
public final class InternalEndpoint {
  public static final String PATH = "/internal/history/";
  public static final Set<String> OPERATIONS = Set.of("scan", "find", "summary", "series");

  private final LocalNode local;

  public InternalEndpoint(LocalNode local) {
    this.local = local;
  }

  /** @throws IllegalArgumentException for an unknown operation or an unreadable body */
  public byte[] handle(String operation, byte[] body) {
    try {
      return switch (operation) {
        case "scan" -> {
          WireFormat.ScanRequest r = WireFormat.scanRequest(body);
          yield WireFormat.pages(local.scan(r.query(), r.partitions(), r.budget()));
        }
        case "find" -> {
          WireFormat.FindRequest r = WireFormat.findRequest(body);
          yield WireFormat.found(local.find(r.id(), r.partitions()));
        }
        case "summary" -> {
          WireFormat.SummaryRequest r = WireFormat.summaryRequest(body);
          yield WireFormat.summary(local.summary(r.webhook(), r.partition()));
        }
        case "series" -> {
          WireFormat.SeriesRequest r = WireFormat.seriesRequest(body);
          yield WireFormat.series(local.series(r.webhook(), r.partition(), r.range(), r.now()));
        }
        default -> throw new IllegalArgumentException("unknown history operation " + operation);
      };
    } catch (HistoryUnavailableException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("unreadable history request: " + e.getMessage(), e);
    }
  }
}
