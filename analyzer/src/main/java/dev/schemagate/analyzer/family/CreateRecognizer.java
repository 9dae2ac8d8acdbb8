package dev.schemagate.analyzer.family;

import dev.schemagate.analyzer.parse.Cursor;
import dev.schemagate.analyzer.parse.Draft;

/**
 * Reads a {@code CREATE …} statement of a family, the cursor on its object word. The dispatcher has
 * read the words before it; OR REPLACE, TEMP and UNLOGGED become flags after the family returns.
 */
@FunctionalInterface
public interface CreateRecognizer {
  Draft recognize(Cursor c, CreatePrefix prefix);
}
