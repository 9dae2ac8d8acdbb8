package dev.schemagate.operations.op;

import dev.schemagate.operations.ColumnSync;
import dev.schemagate.operations.Expr;
import dev.schemagate.operations.GeneratedVersion;
import dev.schemagate.operations.Operation;
import dev.schemagate.operations.OperationContext;
import dev.schemagate.operations.Sql;
import java.util.List;

/**
 * {@code merge-columns TABLE COL,COL… --into NAME:TYPE=UP --down COL=EXPR …}: several columns
 * become one. UP is written over the old columns, each DOWN over the new one.
 */
public record MergeColumns(
    String table, List<String> columns, String into, String type, String up, List<String> down)
    implements Operation {

  public MergeColumns {
    columns = List.copyOf(columns);
    down = List.copyOf(down);
  }

  @Override
  public String slug() {
    return Sql.name("merge", table.replace('.', '_'), "into", into);
  }

  @Override
  public GeneratedVersion generate(OperationContext ctx) {
    if (down.size() != columns.size()) {
      throw new dev.schemagate.operations.OperationException(
          "merge-columns: give one --down per merged column ("
              + String.join(", ", columns)
              + "), "
              + down.size()
              + " given");
    }
    return ColumnReplacement.generate(
        ctx,
        slug(),
        table,
        columns,
        List.of(new ColumnSync.Target(into, type, Expr.user(up))),
        down.stream().map(Expr::user).toList(),
        "merge");
  }
}
