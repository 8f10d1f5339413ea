package io.realcast.webhooks.api.history;

/** How many deliveries stand in each status: each delivery counted once, by its latest status. */
public record StatusCounts(long pending, long retrying, long delivered, long dead, long superseded) {
  public static final StatusCounts ZERO = new StatusCounts(0, 0, 0, 0, 0);

  public long of(DeliveryStatus status) {
    return switch (status) {
      case PENDING -> pending;
      case RETRYING -> retrying;
      case DELIVERED -> delivered;
      case DEAD -> dead;
      case SUPERSEDED -> superseded;
    };
  }

  public StatusCounts plus(DeliveryStatus status, long n) {
    return new StatusCounts(
        pending + (status == DeliveryStatus.PENDING ? n : 0),
        retrying + (status == DeliveryStatus.RETRYING ? n : 0),
        delivered + (status == DeliveryStatus.DELIVERED ? n : 0),
        dead + (status == DeliveryStatus.DEAD ? n : 0),
        superseded + (status == DeliveryStatus.SUPERSEDED ? n : 0));
  }

  /** Moves one delivery from {@code before} (null: it is new) to {@code after}. */
  public StatusCounts moved(DeliveryStatus before, DeliveryStatus after) {
    if (before == after) {
      return this;
    }
    return (before == null ? this : plus(before, -1)).plus(after, 1);
  }

  /** Deliveries not final yet: the subscriber's lag. */
  public long notFinal() {
    return pending + retrying;
  }

  public StatusCounts plus(StatusCounts o) {
    return new StatusCounts(pending + o.pending, retrying + o.retrying, delivered + o.delivered, dead + o.dead,
        superseded + o.superseded);
  }
}
