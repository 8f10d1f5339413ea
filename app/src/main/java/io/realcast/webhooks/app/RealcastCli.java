package io.realcast.webhooks.app;

import io.realcast.webhooks.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code realcast} command: one subcommand per service or tool. */
@Command(
    name = "realcast",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "RealCast Webhooks: signed HTTP webhooks for live-streaming events, built on Kafka.",
    subcommands = {
      // Each subcommand is its own class in this package; add new ones here.
      CommandLine.HelpCommand.class,
      DelivererCommand.class,
      RouterCommand.class,
      ApiCommand.class,
      DemoCommand.class,
      BenchCommand.class,
      PublishCommand.class, TopicsCommand.class, SimulateCommand.class,
    })
public final class RealcastCli implements Runnable {
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs without exiting, for tests. */
  public static int run(String... args) {
    return new CommandLine(new RealcastCli())
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
