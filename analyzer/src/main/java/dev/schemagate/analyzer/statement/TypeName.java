package dev.schemagate.analyzer.statement;

import java.util.List;

/**
 * A column type as written, normalised to PostgreSQL's canonical spelling so that two spellings of
 * the same type compare equal: {@code integer}/{@code int} → {@code int4}, {@code bigint} → {@code
 * int8}, {@code character varying} → {@code varchar}, {@code character}/{@code char} → {@code
 * bpchar}, {@code timestamp with time zone} → {@code timestamptz}, {@code double precision} →
 * {@code float8}, {@code boolean} → {@code bool}. The pseudo-types {@code serial}, {@code
 * bigserial} and {@code smallserial} keep their names (see {@link #isSerial()}); other names (user
 * types, domains, enums) are kept as folded identifiers, schema-qualified if written so.
 *
 * @param modifiers type modifiers in order, e.g. {@code [10]} for varchar(10), {@code [12, 2]} for
 *     numeric(12,2); empty when none were written
 * @param arrayDimensions 0 for a scalar, 1 for {@code text[]}, …
 * @param raw the type exactly as written
 */
public record TypeName(String name, List<Integer> modifiers, int arrayDimensions, String raw) {

  public TypeName {
    modifiers = List.copyOf(modifiers);
  }

  public boolean isSerial() {
    return name.equals("serial") || name.equals("bigserial") || name.equals("smallserial");
  }

  /** The type a serial column really gets in the catalog; the name itself for any other type. */
  public String storageName() {
    return switch (name) {
      case "serial" -> "int4";
      case "bigserial" -> "int8";
      case "smallserial" -> "int2";
      default -> name;
    };
  }

  @Override
  public String toString() {
    return raw;
  }
}
