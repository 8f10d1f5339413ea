package io.realcast.webhooks.app;

import io.realcast.webhooks.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code realcast} command of the production jar and image: the services and the operator's tools
 * (topics, publish, simulate). The demo and the benchmark are in the tools jar ({@code realcast-tools}), which a
 * clone's {@code ./realcast} launcher picks for them.
 */
@Command(
    name = "realcast",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "RealCast Webhooks: signed HTTP webhooks for live-streaming events, built on Kafka.",
    footer = {"", "From a clone, ./realcast also runs `demo` (everything in one JVM) and `bench` (benchmarks)."},
    subcommands = {
      // Each subcommand is its own class in this package; add new ones here.
      CommandLine.HelpCommand.class,
      DelivererCommand.class,
      RouterCommand.class,
      ApiCommand.class,
      PublishCommand.class, TopicsCommand.class, SimulateCommand.class, DlqCommand.class,
    })
public final class RealcastCli implements Runnable {
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs without exiting, for tests. */
  public static int run(String... args) {
    return execute(new RealcastCli(), args);
  }

  /** Runs {@code command} as every realcast command runs: a bad configuration exits 2 with its message. */
  public static int execute(Object command, String... args) {
    return new CommandLine(command)
        .setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(RealcastCli::handle)
        .execute(args);
  }

  /** A bad configuration is the operator's to fix: print what is wrong, not a stack trace. */
  private static int handle(Exception e, CommandLine command, CommandLine.ParseResult parsed) throws Exception {
    if (e instanceof ConfigException config) {
      command.getErr().println("realcast " + command.getCommandName() + ": " + config.getMessage());
      return ExitCodes.CONFIG;
    }
    throw e;
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
