package dev.schemagate.analyzer.parse;

import dev.schemagate.analyzer.statement.TypeName;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a type name and normalises it as {@link TypeName} describes (PostgreSQL's own canonical
 * names, see the "Data Types" chapter and {@code format_type}).
 */
public final class TypeParser {

  private TypeParser() {}

  /** Parses a type at the cursor; null (nothing consumed) when no type name starts there. */
  public static TypeName parse(Cursor c) {
    int start = c.i;
    c.accept("setof");
    Token t = c.peek();
    if (!t.isIdentifier()) {
      c.i = start;
      return null;
    }
    List<Integer> mods = new ArrayList<>();
    String name;
    if (t.type() == Token.Type.WORD) {
      switch (t.lower()) {
        case "double" -> {
          c.next();
          c.accept("precision");
          name = "float8";
        }
        case "national", "character", "char", "nchar" -> {
          if (c.accept("national")) {
            if (!c.accept("character")) {
              c.accept("char");
            }
          } else {
            c.next();
          }
          name = c.accept("varying") ? "varchar" : "bpchar";
          modifiers(c, mods);
        }
        case "bit" -> {
          c.next();
          name = c.accept("varying") ? "varbit" : "bit";
          modifiers(c, mods);
        }
        case "timestamp", "time" -> {
          c.next();
          modifiers(c, mods);
          boolean tz = false;
          if (c.accept("with", "time", "zone")) {
            tz = true;
          } else {
            c.accept("without", "time", "zone");
          }
          name =
              t.lower().equals("timestamp")
                  ? (tz ? "timestamptz" : "timestamp")
                  : (tz ? "timetz" : "time");
        }
        case "interval" -> {
          c.next();
          intervalFields(c);
          modifiers(c, mods);
          name = "interval";
        }
        case "float" -> {
          c.next();
          modifiers(c, mods);
          name = !mods.isEmpty() && mods.get(0) <= 24 ? "float4" : "float8";
          mods.clear(); // float(p) only picks the storage type
        }
        default -> {
          String simple = canonical(t.lower());
          if (simple != null && !c.peek(1).isPunct('.')) {
            c.next();
            name = simple;
          } else {
            List<String> path = c.namePath();
            String builtin =
                path.size() == 2 && path.get(0).equals("pg_catalog")
                    ? canonical(path.get(1))
                    : null;
            name =
                builtin != null
                    ? builtin
                    : path.size() == 1
                        ? path.get(0)
                        : String.join(".", path.subList(path.size() - 2, path.size()));
          }
          modifiers(c, mods);
          if (name.equals("timestamptz") || name.equals("timetz")) {
            c.accept("with", "time", "zone");
          }
        }
      }
    } else {
      List<String> path = c.namePath();
      name =
          path.size() == 1
              ? path.get(0)
              : String.join(".", path.subList(path.size() - 2, path.size()));
      modifiers(c, mods);
    }
    int dims = 0;
    while (true) {
      if (c.isPunct('[')) {
        c.skipGroup();
        dims++;
      } else if (c.is("array")) {
        c.next();
        if (c.isPunct('[')) {
          c.skipGroup();
        }
        dims++;
      } else {
        break;
      }
    }
    return new TypeName(name, mods, dims, c.text(start, c.i));
  }

  private static String canonical(String w) {
    return switch (w) {
      case "int", "integer", "int4" -> "int4";
      case "smallint", "int2" -> "int2";
      case "bigint", "int8" -> "int8";
      case "real", "float4" -> "float4";
      case "float8" -> "float8";
      case "boolean", "bool" -> "bool";
      case "decimal", "numeric", "dec" -> "numeric";
      case "varchar" -> "varchar";
      case "bpchar" -> "bpchar";
      case "varbit" -> "varbit";
      case "serial", "serial4" -> "serial";
      case "bigserial", "serial8" -> "bigserial";
      case "smallserial", "serial2" -> "smallserial";
      case "timestamptz" -> "timestamptz";
      case "timetz" -> "timetz";
      default -> null;
    };
  }

  private static void intervalFields(Cursor c) {
    String[] fields = {"year", "month", "day", "hour", "minute", "second"};
    for (String f : fields) {
      if (c.is(f)) {
        c.next();
        if (c.accept("to")) {
          c.next();
        }
        return;
      }
    }
  }

  /**
   * Reads {@code (a, b)} when present; integer entries become modifiers, others (geometry(Point,
   * 4326)) are kept only in raw.
   */
  private static void modifiers(Cursor c, List<Integer> mods) {
    if (!c.isPunct('(')) {
      return;
    }
    int close = c.groupEnd();
    c.next();
    while (c.i < close) {
      Token t = c.next();
      if (t.type() == Token.Type.NUMBER) {
        try {
          mods.add(Integer.parseInt(t.text()));
        } catch (NumberFormatException ignored) {
          // a non-integer modifier is not a length or precision; raw keeps it
        }
      }
    }
    c.i = Math.min(close + 1, c.end);
  }
}
