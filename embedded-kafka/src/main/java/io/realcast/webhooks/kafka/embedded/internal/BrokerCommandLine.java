package io.realcast.webhooks.kafka.embedded.internal;

import io.realcast.webhooks.kafka.embedded.BrokerOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The arguments of {@code BrokerMain}, written and parsed in one place so the forking side and the
 * child cannot drift apart.
 */
public final class BrokerCommandLine {
  public static final String USAGE =
      "BrokerMain [--data-dir DIR] [--port P] [--controller-port C] [--partitions N]"
          + " [--auto-create-topics true|false] [--override key=value]... [--parent-pid PID]";

  /** What {@code BrokerMain} runs: a broker, and optionally the process whose exit stops it. */
  public record Command(BrokerOptions options, OptionalLong parentPid) {}

  private BrokerCommandLine() {}

  public static List<String> toArguments(Command command) {
    BrokerOptions options = command.options();
    List<String> args = new ArrayList<>();
    options.dataDirectory().ifPresent(dir -> args.addAll(List.of("--data-dir", dir.toString())));
    args.addAll(List.of("--port", String.valueOf(options.brokerPort())));
    args.addAll(List.of("--controller-port", String.valueOf(options.controllerPort())));
    args.addAll(List.of("--partitions", String.valueOf(options.defaultPartitions())));
    args.addAll(List.of("--auto-create-topics", String.valueOf(options.autoCreateTopics())));
    options
        .brokerOverrides()
        .forEach((key, value) -> args.addAll(List.of("--override", key + "=" + value)));
    command.parentPid().ifPresent(pid -> args.addAll(List.of("--parent-pid", String.valueOf(pid))));
    return args;
  }

  /** Parses {@code args}; throws {@link IllegalArgumentException} naming the bad argument. */
  public static Command parse(String... args) {
    BrokerOptions.Builder builder = BrokerOptions.builder();
    OptionalLong parentPid = OptionalLong.empty();
    for (int i = 0; i < args.length; i += 2) {
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(args[i] + " needs a value; usage: " + USAGE);
      }
      if (args[i].equals("--parent-pid")) {
        parentPid = OptionalLong.of(number(args[i], args[i + 1]));
      } else {
        apply(builder, args[i], args[i + 1]);
      }
    }
    return new Command(builder.build(), parentPid);
  }

  private static void apply(BrokerOptions.Builder builder, String name, String value) {
    switch (name) {
      case "--data-dir" -> builder.dataDirectory(Path.of(value));
      case "--port" -> builder.brokerPort(number(name, value));
      case "--controller-port" -> builder.controllerPort(number(name, value));
      case "--partitions" -> builder.defaultPartitions(number(name, value));
      case "--auto-create-topics" -> builder.autoCreateTopics(bool(name, value));
      case "--override" -> {
        int equals = value.indexOf('=');
        if (equals < 1) {
          throw new IllegalArgumentException("--override takes key=value, not " + value);
        }
        builder.brokerOverride(value.substring(0, equals), value.substring(equals + 1));
      }
      default ->
          throw new IllegalArgumentException("unknown argument " + name + "; usage: " + USAGE);
    }
  }

  private static int number(String name, String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " takes a number, not " + value, e);
    }
  }

  private static boolean bool(String name, String value) {
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException(name + " takes true or false, not " + value);
    }
    return Boolean.parseBoolean(value);
  }
}
