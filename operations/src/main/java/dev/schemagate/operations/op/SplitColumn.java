package dev.schemagate.operations.op;

import dev.schemagate.operations.ColumnSync;
import dev.schemagate.operations.Expr;
import dev.schemagate.operations.GeneratedVersion;
import dev.schemagate.operations.Operation;
import dev.schemagate.operations.OperationContext;
import dev.schemagate.operations.Sql;
import java.util.List;

/**
 * {@code split-column TABLE COLUMN --into NAME:TYPE=UP … --down EXPR}: one column becomes several.
 * Each UP is written over the old column (e.g. {@code split_part(full_name, ' ', 1)}), DOWN over
 * the new ones (e.g. {@code first_name || ' ' || last_name}).
 */
public record SplitColumn(String table, String column, List<Part> parts, String down)
    implements Operation {

  /** One new column and how it follows from the old one. */
  public record Part(String name, String type, String up) {}

  public SplitColumn {
    parts = List.copyOf(parts);
  }

  @Override
  public String slug() {
    return Sql.name("split", table.replace('.', '_'), column);
  }

  @Override
  public GeneratedVersion generate(OperationContext ctx) {
    List<ColumnSync.Target> targets =
        parts.stream()
            .map(p -> new ColumnSync.Target(p.name(), p.type(), Expr.user(p.up())))
            .toList();
    return ColumnReplacement.generate(
        ctx, slug(), table, List.of(column), targets, List.of(Expr.user(down)), "split");
  }
}
