package dev.schemagate.cli.candeploy;

import dev.schemagate.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/**
 * One in-process run of {@code schemagate can-deploy} with its environment, stdin and output set.
 */
record CanDeployRun(int exitCode, String out, String err) {

  static CanDeployRun of(Map<String, String> env, String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    CanDeployCommand cmd = cli.getSubcommands().get("can-deploy").getCommand();
    cmd.env = env;
    cmd.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    String[] all = new String[args.length + 1];
    all[0] = "can-deploy";
    System.arraycopy(args, 0, all, 1, args.length);
    int code = cli.execute(all);
    return new CanDeployRun(code, out.toString(), err.toString());
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
  }
}
