package dev.schemagate.analyzer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class GithubReporterTest {

  @Test
  void oneWorkflowCommandPerFindingThenTheSummary() throws IOException {
    StringWriter out = new StringWriter();
    new GithubReporter().write(ReportFixtures.realistic(), ReportFixtures.RULES, out);
    assertEquals(
        """
        ::error file=migrations/orders/0003_status/expand.sql,line=4,col=1,endLine=4,title=lock/create-index-blocking::CREATE INDEX without CONCURRENTLY blocks writes to public.orders (SHARE lock) while the index is built%0Ahint: Use CREATE INDEX CONCURRENTLY in a non-transactional phase.
        ::notice file=migrations/orders/0003_status/expand.sql,line=6,col=1,endLine=7,title=lock/table-rewrite (waived)::ALTER COLUMN total TYPE bigint rewrites public.orders_archive under ACCESS EXCLUSIVE%0Ahint: Add a new bigint column, backfill it, and swap in the contract phase.%0Awaived: orders_archive is empty in every environment
        ::notice file=migrations/orders/0003_status/backfill.sql,line=1,col=53,endLine=1,title=hygiene/prefer-timestamptz::order_events.at: timestamp without time zone, 100%25 ambiguous across time zones%0Ahint: Use timestamptz.
        ::warning file=migrations/orders/0003_status/backfill.sql,line=2,col=1,endLine=2,title=lock/unbatched-dml::UPDATE of public.orders in one statement locks every matching row until it commits%0Ahint: Update in batches of a few thousand rows, committing between batches.
        schemagate: 1 error, 1 warning, 1 info in 2 files (5 statements); 1 waived
        """,
        out.toString());
  }

  @Test
  void escapesDataAndPropertiesLikeTheActionsToolkit() {
    assertEquals(
        "100%25 done%0D%0Anext: a, b", GithubReporter.escapeData("100% done\r\nnext: a, b"));
    assertEquals("dir%2Cx/a%3Ab.sql%0A%25", GithubReporter.escapeProperty("dir,x/a:b.sql\n%"));
  }
}
