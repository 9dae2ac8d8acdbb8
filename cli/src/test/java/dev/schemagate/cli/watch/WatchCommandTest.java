package dev.schemagate.cli.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code schemagate watch --once} on a real repository with a pull-request ref. */
class WatchCommandTest {

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void oncePollsChecksAndPrintsTheVerdictOfEachRef() throws Exception {
    Path remote = dir.resolve("remote.git");
    Path work = dir.resolve("work");
    try (Git bare =
            Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call();
        Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
      Files.writeString(
          work.resolve("schemagate.yaml"),
          "tracks:\n  app:\n    folder: migrations/app\n    pg_version: 17\n");
      Files.createDirectories(work.resolve("migrations/app/0001_accounts"));
      Files.writeString(
          work.resolve("migrations/app/0001_accounts/expand.sql"),
          "CREATE TABLE accounts (id int PRIMARY KEY, email text);\n");
      PersonIdent who = new PersonIdent("T", "t@example.com");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("1").setAuthor(who).setCommitter(who).call();
      git.push()
          .setRemote(remote.toUri().toString())
          .setRefSpecs(new RefSpec("main:refs/heads/main"))
          .call();
      Files.createDirectories(work.resolve("migrations/app/0002_index"));
      Files.writeString(
          work.resolve("migrations/app/0002_index/expand.sql"),
          "CREATE INDEX accounts_email ON accounts (email);\n");
      git.add().addFilepattern(".").call();
      var pr = git.commit().setMessage("2").setAuthor(who).setCommitter(who).call();
      git.push()
          .setRemote(remote.toUri().toString())
          .setRefSpecs(new RefSpec("main:refs/pull/9/head"))
          .call();

      Run r =
          run(
              "watch",
              "--repo",
              remote.toString(),
              "--once",
              "--state-dir",
              dir.resolve("state").toString(),
              "--ref-pattern",
              "refs/pull/*/head",
              "--listen",
              "none");
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().contains("refs/pull/9/head " + pr.name() + " failure"), r.out());
      assertTrue(r.out().contains("refs/heads/main "), r.out());
      assertTrue(Files.isRegularFile(dir.resolve("state/refs.json")));
    }
  }

  @Test
  void badOptionsAreUsageErrorsNamingTheOption() {
    Run r =
        run(
            "watch",
            "--repo",
            dir.toString(),
            "--interval",
            "soon",
            "--once",
            "--state-dir",
            dir.resolve("s").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--interval soon: expected a duration"), r.err());
    Run forge =
        run(
            "watch",
            "--repo",
            "https://user:hunter2secret@git.example.com/a/b.git",
            "--forge",
            "github",
            "--once",
            "--state-dir",
            dir.resolve("s").toString());
    assertEquals(2, forge.code());
    assertFalse(forge.err().contains("hunter2secret"), forge.err());
  }

  @Test
  void aListenAddressInUseIsNamed() throws Exception {
    Path remote = dir.resolve("remote.git");
    try (Git bare =
            Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call();
        java.net.ServerSocket taken =
            new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Run r =
          run(
              "watch",
              "--repo",
              remote.toString(),
              "--state-dir",
              dir.resolve("state").toString(),
              "--listen",
              "127.0.0.1:" + taken.getLocalPort());
      assertEquals(2, r.code(), r.err());
      assertTrue(
          r.err()
              .contains(
                  "schemagate: --listen 127.0.0.1:"
                      + taken.getLocalPort()
                      + ": 127.0.0.1:"
                      + taken.getLocalPort()
                      + " is already in use ("),
          r.err());
      assertTrue(
          r.err()
              .strip()
              .endsWith(
                  "); stop what listens there, or choose another port with --listen HOST:PORT"
                      + " (or --listen none)"),
          r.err());
    }
  }

  @Test
  void onceOnAnEmptyRepositorySaysSoAndPromisesNoNextTry() throws Exception {
    Path remote = dir.resolve("remote.git");
    try (Git bare =
        Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call()) {
      Run r =
          run(
              "watch",
              "--repo",
              remote.toString(),
              "--once",
              "--state-dir",
              dir.resolve("state").toString(),
              "--listen",
              "none");
      assertEquals(2, r.code(), r.err());
      assertTrue(
          r.err()
              .contains(
                  "failed: the repository is empty (its HEAD points to no commit); push the protected branch"
                      + " to it"),
          r.err());
      assertFalse(r.err().contains("next try"), r.err());
    }
  }

  @Test
  void onceOnAStateDirectoryInUseIsRefused() throws Exception {
    Path remote = dir.resolve("remote.git");
    Path state = dir.resolve("state");
    try (Git bare =
            Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call();
        dev.schemagate.watcher.state.StateLock held =
            dev.schemagate.watcher.state.StateLock.acquire(state)) {
      Run r =
          run(
              "watch",
              "--repo",
              remote.toString(),
              "--once",
              "--state-dir",
              state.toString(),
              "--listen",
              "none");
      assertEquals(2, r.code(), r.err());
      assertTrue(
          r.err()
              .startsWith(
                  "schemagate: state directory "
                      + state
                      + " is in use by another schemagate watch (pid "
                      + ProcessHandle.current().pid()
                      + ", started "),
          r.err());
      assertFalse(Files.exists(state.resolve("mirror.git")), "the refused run touched nothing");
    }
  }

  @Test
  void aPasswordInTheUrlIsWarnedAboutAndAPasswordFileIsTheWayOut() throws Exception {
    Run inUrl =
        run(
            "watch",
            "--repo",
            "https://bot:hunter2secret@127.0.0.1:1/a/b.git",
            "--once",
            "--state-dir",
            dir.resolve("s1").toString(),
            "--listen",
            "none",
            "--fetch-timeout",
            "2s");
    assertTrue(
        inUrl
            .err()
            .contains(
                "warn the password in --repo is visible to anyone who can list this host's processes (ps):"
                    + " put it in a file and pass --git-password-file FILE"),
        inUrl.err());
    assertFalse(inUrl.err().contains("hunter2secret"), inUrl.err());

    Path file = dir.resolve("token");
    Files.writeString(file, "hunter3secret\n");
    Run fromFile =
        run(
            "watch",
            "--repo",
            "https://127.0.0.1:1/a/b.git",
            "--git-password-file",
            file.toString(),
            "--once",
            "--state-dir",
            dir.resolve("s2").toString(),
            "--listen",
            "none",
            "--fetch-timeout",
            "2s");
    assertEquals(
        2,
        fromFile.code(),
        "the fetch fails (nothing listens), the options are fine: " + fromFile.err());
    assertFalse(fromFile.err().contains("visible to anyone"), fromFile.err());
    assertFalse(fromFile.err().contains("hunter3secret"), fromFile.err());

    Run missing =
        run(
            "watch",
            "--repo",
            "https://127.0.0.1:1/a/b.git",
            "--git-password-file",
            dir.resolve("nope").toString(),
            "--once",
            "--state-dir",
            dir.resolve("s3").toString(),
            "--listen",
            "none");
    assertEquals(2, missing.code());
    assertEquals(
        "schemagate: --git-password-file "
            + dir.resolve("nope")
            + " cannot be read (NoSuchFileException); give a"
            + " readable file whose first line is the token",
        missing.err().strip());
  }

  @Test
  void durationsAndSizes() {
    assertEquals(Duration.ofSeconds(30), DurationText.parse("30s", "--interval"));
    assertEquals(Duration.ofMillis(250), DurationText.parse("250ms", "--interval"));
    assertEquals(Duration.ofMinutes(5), DurationText.parse("PT5M", "--interval"));
    assertEquals(8L * 1024 * 1024, DurationText.bytes("8MiB", "--max-file-size"));
    assertEquals(8080, WatchCommand.address(":8080").getPort());
  }
}
