package dev.schemagate.analyzer.catalog;

import dev.schemagate.analyzer.statement.ColumnDef;
import dev.schemagate.analyzer.statement.TypeName;
import dev.schemagate.analyzer.statement.Volatility;

/**
 * A column as the replayed history left it.
 *
 * @param type the declared type; a serial column is stored with its real type ({@code int4} for
 *     serial)
 * @param defaultExpression the current default, or null
 */
public record CatalogColumn(
    String name,
    TypeName type,
    boolean notNull,
    String defaultExpression,
    Volatility defaultVolatility,
    ColumnDef.Generated generated) {

  public boolean identity() {
    return generated == ColumnDef.Generated.IDENTITY_ALWAYS
        || generated == ColumnDef.Generated.IDENTITY_BY_DEFAULT;
  }

  CatalogColumn withName(String n) {
    return new CatalogColumn(n, type, notNull, defaultExpression, defaultVolatility, generated);
  }

  CatalogColumn withType(TypeName t) {
    return new CatalogColumn(name, t, notNull, defaultExpression, defaultVolatility, generated);
  }

  CatalogColumn withNotNull(boolean v) {
    return new CatalogColumn(name, type, v, defaultExpression, defaultVolatility, generated);
  }

  CatalogColumn withDefault(String expression, Volatility volatility) {
    return new CatalogColumn(name, type, notNull, expression, volatility, generated);
  }

  CatalogColumn withGenerated(ColumnDef.Generated g) {
    return new CatalogColumn(name, type, notNull, defaultExpression, defaultVolatility, g);
  }
}
