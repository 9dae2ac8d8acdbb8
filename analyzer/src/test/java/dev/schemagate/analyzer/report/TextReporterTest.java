package dev.schemagate.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemagate.analyzer.check.CheckResult;
import dev.schemagate.analyzer.check.FileResult;
import dev.schemagate.analyzer.check.Finding;
import dev.schemagate.analyzer.check.Severity;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextReporterTest {

  static String render(boolean colour, CheckResult result) throws IOException {
    StringWriter out = new StringWriter();
    new TextReporter(colour).write(result, ReportFixtures.RULES, out);
    return out.toString();
  }

  @Test
  void realisticCheckWithoutColour() throws IOException {
    String expected =
        """
        migrations/orders/0003_status/expand.sql:4:1  error  lock/create-index-blocking  CREATE INDEX without CONCURRENTLY blocks writes to public.orders (SHARE lock) while the index is built
        4 | CREATE INDEX orders_status_idx ON orders (status);
          | ^
          hint: Use CREATE INDEX CONCURRENTLY in a non-transactional phase.
          fix: add CONCURRENTLY and mark the phase file non-transactional (-- schemagate:phase transactional=false): the runner then runs its statements one by one, each in its own implicit transaction, because CONCURRENTLY cannot run inside a transaction block (schemagate check --fix)

        migrations/orders/0003_status/expand.sql:6:1  error (waived)  lock/table-rewrite  ALTER COLUMN total TYPE bigint rewrites public.orders_archive under ACCESS EXCLUSIVE
        6 | ALTER TABLE orders_archive
          | ^
        7 |   ALTER COLUMN total TYPE bigint;
          hint: Add a new bigint column, backfill it, and swap in the contract phase.
          waived: orders_archive is empty in every environment

        migrations/orders/0003_status/backfill.sql:1:53  info  hygiene/prefer-timestamptz  order_events.at: timestamp without time zone, 100% ambiguous across time zones
        1 | CREATE TABLE order_events (id bigint PRIMARY KEY, at timestamp);
          |                                                     ^
          hint: Use timestamptz.

        migrations/orders/0003_status/backfill.sql:2:1  warning  lock/unbatched-dml  UPDATE of public.orders in one statement locks every matching row until it commits
        2 | UPDATE orders SET status = 'new' WHERE status IS NULL;
          | ^
          hint: Update in batches of a few thousand rows, committing between batches.

        1 error, 1 warning, 1 info in 2 files (5 statements); 1 waived
        """;
    assertEquals(expected, render(false, ReportFixtures.realistic()));
  }

  @Test
  void colourOnlyWhenAsked() throws IOException {
    String plain = render(false, ReportFixtures.realistic());
    String coloured = render(true, ReportFixtures.realistic());
    assertFalse(plain.contains("\u001b["), "no escape codes without colour");
    assertTrue(coloured.contains("\u001b[1m\u001b[31merror\u001b[0m"), "errors in bold red");
    assertTrue(
        coloured.contains(
            "\u001b[2m  waived: orders_archive is empty in every environment\u001b[0m"),
        "waived findings dimmed");
    assertEquals(
        plain, coloured.replaceAll("\u001b\\[[0-9;]*m", ""), "colour changes nothing but colour");
  }

  @Test
  void cleanCheckSaysNoFindings() throws IOException {
    FileResult expand = ReportFixtures.expand();
    FileResult clean =
        new FileResult(
            expand.path(),
            expand.track(),
            expand.version(),
            expand.phase(),
            expand.text(),
            expand.statements(),
            List.of());
    assertEquals(
        "no findings in 1 file (3 statements)\n",
        render(false, new CheckResult(17, List.of(clean))));
  }

  @Test
  void crlfFilesAreQuotedWithoutCarriageReturns() throws IOException {
    String text = "-- x\r\nDROP TABLE old;\r\n";
    var fx = new dev.schemagate.analyzer.testsupport.SqlFixture("c.sql", text);
    var s = fx.locate("DROP TABLE old");
    var facts =
        dev.schemagate.analyzer.testsupport.SqlFixture.facts(
            dev.schemagate.analyzer.testsupport.SqlFixture.parsed(
                s,
                dev.schemagate.analyzer.statement.StatementKind.DROP_TABLE,
                "old",
                List.of(),
                null,
                java.util.Set.of(),
                java.util.Map.of()),
            null,
            null,
            false,
            false,
            true);
    Finding f =
        new Finding(
            "compat/drop-table",
            Severity.ERROR,
            "c.sql",
            2,
            1,
            "drops old",
            "move it to contract",
            0,
            null,
            null);
    assertEquals(
        """
        c.sql:2:1  error  compat/drop-table  drops old
        2 | DROP TABLE old;
          | ^
          hint: move it to contract

        1 error, 0 warnings, 0 info in 1 file (1 statement)
        """,
        render(
            false,
            new CheckResult(
                17,
                List.of(
                    new FileResult("c.sql", null, null, null, text, List.of(facts), List.of(f))))));
  }

  @Test
  void caretKeepsTabsAndLongStatementsAreElided() throws IOException {
    String text = "SELECT 1;\n\tUPDATE big\n  SET a = 1,\n  b = 2,\n  c = 3\n  WHERE true;\n";
    var fx = new dev.schemagate.analyzer.testsupport.SqlFixture("x.sql", text);
    var s = fx.locate("UPDATE big\n  SET a = 1,\n  b = 2,\n  c = 3\n  WHERE true");
    var facts =
        dev.schemagate.analyzer.testsupport.SqlFixture.facts(
            dev.schemagate.analyzer.testsupport.SqlFixture.parsed(
                s,
                dev.schemagate.analyzer.statement.StatementKind.UPDATE,
                "big",
                List.of(),
                null,
                java.util.Set.of(),
                java.util.Map.of()),
            null,
            null,
            false,
            true,
            true);
    Finding f =
        new Finding(
            "lock/unbatched-dml",
            Severity.WARNING,
            "x.sql",
            2,
            2,
            "unbatched",
            null,
            0,
            null,
            null);
    String out =
        render(
            false,
            new CheckResult(
                17,
                List.of(
                    new FileResult("x.sql", null, null, null, text, List.of(facts), List.of(f)))));
    assertEquals(
        """
        x.sql:2:2  warning  lock/unbatched-dml  unbatched
        2 | \tUPDATE big
          | \t^
        3 |   SET a = 1,
        4 |   b = 2,
          | …

        0 errors, 1 warning, 0 info in 1 file (1 statement)
        """,
        out);
  }
}
