package io.realcast.webhooks.router.state;

/** How a stream's session ended. Stored as a one-byte code, so never renumber them. */
public enum EndCause {
  /** A stream.offline arrived. */
  OFFLINE((byte) 0),
  /** No event for the idle timeout: the router sent the stream.offline itself. */
  EXPIRED((byte) 1);

  private final byte code;

  EndCause(byte code) {
    this.code = code;
  }

  public byte code() {
    return code;
  }

  public static EndCause of(byte code) {
    for (EndCause cause : values()) {
      if (cause.code == code) {
        return cause;
      }
    }
    throw new IllegalArgumentException("unknown end cause code " + code);
  }
}
