package dev.schemagate.analyzer.family.session;

import dev.schemagate.analyzer.parse.Cursor;
import dev.schemagate.analyzer.parse.Draft;
import dev.schemagate.analyzer.parse.Token;
import dev.schemagate.analyzer.statement.Flag;
import dev.schemagate.analyzer.statement.StatementKind;
import java.util.List;

/** Reads {@code SET [SESSION | LOCAL] …} and {@code RESET …} into a {@link SettingChange}. */
final class SettingRecognizer {

  private SettingRecognizer() {}

  static Draft set(Cursor c) {
    c.next();
    Draft d = new Draft(StatementKind.SET);
    if (c.accept("local")) {
      d.flag(Flag.LOCAL);
    } else if (!c.is("session", "authorization") && !c.is("session", "characteristics")) {
      c.accept("session");
    }
    String setting;
    if (c.accept("role")) {
      setting = "role";
    } else if (c.accept("session", "authorization")) {
      setting = "session_authorization";
    } else if (c.accept("time", "zone")) {
      setting = "timezone";
    } else if (c.accept("schema")) {
      setting = "search_path";
    } else if (c.accept("names")) {
      setting = "client_encoding";
    } else if (c.accept("constraints")) {
      setting = "constraints";
    } else if (c.accept("session", "characteristics", "as", "transaction")) {
      setting = "session_characteristics";
    } else if (c.accept("transaction")) {
      setting = "transaction";
      d.flag(Flag.LOCAL);
    } else {
      List<String> path = c.namePath();
      if (path == null) {
        return null;
      }
      setting = String.join(".", path);
      if (!c.accept("to") && !c.peek().isOp("=")) {
        return null;
      }
      if (c.peek().isOp("=")) {
        c.next();
      }
    }
    return d.detail(new SettingChange(setting, value(c)));
  }

  private static String value(Cursor c) {
    if (c.atEnd()) {
      return "";
    }
    if (c.end - c.i == 1) {
      Token t = c.peek();
      return t.type() == Token.Type.STRING
          ? t.value()
          : t.type() == Token.Type.WORD ? t.lower() : t.text();
    }
    return c.rest();
  }

  static Draft reset(Cursor c) {
    c.next();
    Draft d = new Draft(StatementKind.RESET);
    String setting;
    if (c.accept("session", "authorization")) {
      setting = "session_authorization";
    } else if (c.accept("time", "zone")) {
      setting = "timezone";
    } else {
      List<String> path = c.namePath();
      if (path == null) {
        return null;
      }
      setting = String.join(".", path);
    }
    return d.detail(new SettingChange(setting, null));
  }
}
