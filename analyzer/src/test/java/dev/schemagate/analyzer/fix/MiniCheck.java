package dev.schemagate.analyzer.fix;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.check.Severity;
import dev.schemagate.analyzer.facts.StatementFacts;
import dev.schemagate.analyzer.family.session.SettingChange;
import dev.schemagate.analyzer.sql.SqlStatement;
import dev.schemagate.analyzer.statement.ActionKind;
import dev.schemagate.analyzer.statement.AlterAction;
import dev.schemagate.analyzer.statement.ConstraintDef;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.ParsedStatement;
import dev.schemagate.analyzer.statement.QualifiedName;
import dev.schemagate.analyzer.statement.StatementKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for the real pipeline (splitter, parser, policies are written elsewhere), enough to
 * run {@code check --fix} twice on a file: it understands CREATE INDEX, ADD FOREIGN KEY and SET
 * lock_timeout, and flags what the three matching rules flag. Statements hold no semicolon inside.
 */
final class MiniCheck {

  private static final Pattern INDEX =
      Pattern.compile(
          "(?is)CREATE\\s+(UNIQUE\\s+)?INDEX\\b.*?\\bON\\s+(?:ONLY\\s+)?(\"?[\\w.]+\"?).*");
  private static final Pattern FK =
      Pattern.compile(
          "(?is)ALTER\\s+TABLE\\s+(\\w+)\\s+(ADD\\s+(?:CONSTRAINT\\s+(\\w+)\\s+)?FOREIGN\\s+KEY\\s*\\((\\w+)\\)\\s*REFERENCES\\s+(\\w+).*)");
  private static final Pattern SET_TIMEOUT = Pattern.compile("(?is)SET\\s+lock_timeout\\b.*");

  private MiniCheck() {}

  /** Analyses, attaches fixes, applies them; returns the files written. */
  static List<Path> checkAndFix(Path root, String path) throws IOException {
    return new FixApplier(root)
        .apply(new CheckResult(17, List.of(analyse(path, Files.readString(root.resolve(path))))));
  }

  static FileResult analyse(String path, String text) {
    List<StatementFacts> statements = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    boolean timeoutSet = false;
    boolean timeoutReported = false;
    for (SqlStatement s : split(path, text)) {
      ParsedStatement p = classify(s);
      int index = statements.size();
      statements.add(
          new StatementFacts(
              p, List.of(), false, false, !p.has(Flag.CONCURRENTLY), List.of(), null, List.of()));
      if (p.kind() == StatementKind.SET) {
        timeoutSet = true;
        continue;
      }
      if (p.kind() == StatementKind.CREATE_INDEX && !p.has(Flag.CONCURRENTLY)) {
        findings.add(finding("lock/create-index-blocking", s, index));
      }
      if (p.kind() == StatementKind.ALTER_TABLE && !p.actions().get(0).constraint().notValid()) {
        findings.add(finding("lock/foreign-key-validation", s, index));
      }
      if (!timeoutSet && !timeoutReported && p.kind() != StatementKind.UNPARSED) {
        findings.add(finding("lock/missing-lock-timeout", s, index));
        timeoutReported = true;
      }
    }
    FileResult bare = new FileResult(path, null, null, null, text, statements, List.of());
    List<Finding> fixed = findings.stream().map(f -> f.withFix(Fixes.forFinding(f, bare))).toList();
    return new FileResult(path, null, null, null, text, statements, fixed);
  }

  private static Finding finding(String rule, SqlStatement s, int index) {
    return new Finding(
        rule, Severity.ERROR, s.path(), s.line(), s.column(), rule, null, index, null, null);
  }

  private static ParsedStatement classify(SqlStatement s) {
    String t = s.text();
    Matcher m;
    if ((m = INDEX.matcher(t)).matches()) {
      EnumSet<Flag> flags = EnumSet.noneOf(Flag.class);
      if (t.toUpperCase().contains("CONCURRENTLY")) {
        flags.add(Flag.CONCURRENTLY);
      }
      return new ParsedStatement(
          s,
          StatementKind.CREATE_INDEX,
          QualifiedName.of(m.group(2)),
          List.of(QualifiedName.of(m.group(2))),
          List.of(),
          null,
          flags,
          Map.of(),
          "test",
          null);
    }
    if ((m = FK.matcher(t)).matches()) {
      ConstraintDef c =
          new ConstraintDef(
              m.group(3),
              ConstraintDef.ConstraintType.FOREIGN_KEY,
              List.of(m.group(4)),
              null,
              QualifiedName.of(m.group(5)),
              List.of(),
              t.toUpperCase().contains("NOT VALID"),
              null,
              null,
              false);
      AlterAction a = AlterAction.of(ActionKind.ADD_CONSTRAINT, m.group(2)).constraint(c).build();
      return new ParsedStatement(
          s,
          StatementKind.ALTER_TABLE,
          QualifiedName.of(m.group(1)),
          List.of(QualifiedName.of(m.group(1))),
          List.of(a),
          null,
          EnumSet.noneOf(Flag.class),
          Map.of(),
          "test",
          null);
    }
    if (SET_TIMEOUT.matcher(t).matches()) {
      return new ParsedStatement(
          s,
          StatementKind.SET,
          null,
          List.of(),
          List.of(),
          null,
          EnumSet.noneOf(Flag.class),
          Map.of(),
          new SettingChange("lock_timeout", null),
          "test",
          null);
    }
    return new ParsedStatement(
        s,
        StatementKind.UNPARSED,
        null,
        List.of(),
        List.of(),
        null,
        EnumSet.noneOf(Flag.class),
        Map.of(),
        "none",
        "not known to the test");
  }

  /** Splits on semicolons; a statement starts after whitespace and comments. */
  static List<SqlStatement> split(String path, String text) {
    List<SqlStatement> out = new ArrayList<>();
    int from = 0;
    while (from < text.length()) {
      int semi = text.indexOf(';', from);
      int stop = semi < 0 ? text.length() : semi;
      int start = from;
      while (start < stop) {
        if (Character.isWhitespace(text.charAt(start))) {
          start++;
        } else if (text.startsWith("/*", start)) {
          int close = text.indexOf("*/", start);
          start = close < 0 ? stop : Math.min(stop, close + 2);
        } else if (text.startsWith("--", start)) {
          int nl = text.indexOf('\n', start);
          start = nl < 0 ? stop : Math.min(stop, nl + 1);
        } else {
          break;
        }
      }
      int end = stop;
      while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
        end--;
      }
      if (end > start) {
        out.add(
            new SqlStatement(
                path,
                text.substring(start, end),
                line(text, start),
                column(text, start),
                line(text, end),
                start,
                end,
                List.of(),
                false));
      }
      from = stop + 1;
    }
    return out;
  }

  private static int line(String text, int offset) {
    return (int) text.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
  }

  private static int column(String text, int offset) {
    return offset - (text.lastIndexOf('\n', offset - 1) + 1) + 1;
  }
}
