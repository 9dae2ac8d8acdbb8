package dev.schemagate.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code schemagate check …} runs on a command line that holds only the check command (cheaper to
 * build); it must behave exactly like the full command tree: same output, errors and exit codes.
 */
class CheckOnlyCommandLineTest {

  private static CliRun run(CommandLine cli, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }

  @Test
  void checkGetsItsOwnSmallerTree() {
    CommandLine checkOnly = Main.commandLine("check");
    assertEquals(java.util.Set.of("check"), checkOnly.getSubcommands().keySet());
    assertTrue(Main.commandLine("plan").getSubcommands().size() > 1);
    assertNotSame(
        checkOnly.getSubcommands().get("check"), Main.commandLine().getSubcommands().get("check"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "check --help",
        "check --version",
        "check --bogus",
        "check --format nope ../examples/unsafe",
        "check --pg-version 11 ../examples/unsafe",
        "check --format json --repo ../examples/unsafe",
        "check --no-color --repo ../examples/shop",
        "check --format json ../examples/does-not-exist"
      })
  void behavesLikeTheFullTree(String line) {
    String[] args = line.split(" ");
    CliRun full = run(Main.commandLine(), args);
    CliRun checkOnly = run(Main.commandLine(args), args);
    assertEquals(full.exitCode(), checkOnly.exitCode(), line);
    assertEquals(full.out(), checkOnly.out(), line);
    assertEquals(full.err(), checkOnly.err(), line);
  }
}
