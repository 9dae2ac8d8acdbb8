package dev.schemagate.cli.candeploy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads Kubernetes manifests as kubectl does: multi-document YAML (or JSON), {@code -} for stdin,
 * folders (their {@code .yaml}, {@code .yml} and {@code .json} files, in name order), and
 * {@code List} objects, whose items are read one by one.
 */
public final class Manifests {

  // kubectl rejects a mapping with a duplicate key; so do we, rather than silently keep the last one.
  private static final YAMLFactory YAML =
      (YAMLFactory) new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final ObjectMapper MAPPER = new ObjectMapper(YAML);

  private Manifests() {}

  /**
   * Every object in {@code paths}, in order.
   *
   * @throws BadInput naming the file and line of the first thing that is not a manifest
   */
  public static List<Manifest> read(List<String> paths, InputStream stdin) {
    List<Manifest> all = new ArrayList<>();
    for (String p : paths) {
      if (p.equals("-")) {
        all.addAll(read("<stdin>", new InputStreamReader(stdin, StandardCharsets.UTF_8)));
        continue;
      }
      Path path = Path.of(p);
      if (Files.isDirectory(path)) {
        for (Path f : filesIn(path)) {
          all.addAll(readFile(f));
        }
      } else if (Files.isRegularFile(path)) {
        all.addAll(readFile(path));
      } else {
        throw new BadInput(p + ": no such file or folder");
      }
    }
    return all;
  }

  private static List<Path> filesIn(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(f -> f.getFileName().toString().matches(".*\\.(ya?ml|json)"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new BadInput(dir + ": cannot list: " + e.getMessage(), e);
    }
  }

  private static List<Manifest> readFile(Path file) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(file.toString(), r);
    } catch (IOException e) {
      throw new BadInput(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  /** Every object in one multi-document YAML stream called {@code source}. */
  public static List<Manifest> read(String source, Reader reader) {
    List<Manifest> out = new ArrayList<>();
    try (JsonParser parser = YAML.createParser(reader)) {
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        int line = parser.currentTokenLocation().getLineNr();
        JsonNode doc = MAPPER.readTree(parser);
        if (token == JsonToken.VALUE_NULL || doc == null || doc.isNull() || doc.isMissingNode()) {
          continue; // an empty document, e.g. after a trailing ---
        }
        add(source, line, doc, out);
      }
    } catch (JsonProcessingException e) {
      throw new BadInput(source + ":" + lineOf(e.getLocation()) + ": not valid YAML: " + firstLine(e.getOriginalMessage()), e);
    } catch (IOException e) {
      throw new BadInput(source + ": cannot read: " + e.getMessage(), e);
    }
    return out;
  }

  private static void add(String source, int line, JsonNode doc, List<Manifest> out) {
    if (!doc.isObject()) {
      throw new BadInput(source + ":" + line + ": expected a Kubernetes object (a mapping with apiVersion and kind), got "
          + abbreviate(doc.toString()));
    }
    JsonNode kind = doc.path("kind");
    if (!kind.isTextual() || kind.asText().isEmpty()) {
      throw new BadInput(source + ":" + line + ": object has no kind");
    }
    if (kind.asText().endsWith("List") && doc.has("items")) {
      JsonNode items = doc.get("items");
      if (!items.isArray()) {
        throw new BadInput(source + ":" + line + ": " + kind.asText() + ".items must be a list");
      }
      for (JsonNode item : items) {
        add(source, line, item, out);
      }
      return;
    }
    out.add(new Manifest(source, line, doc));
  }

  private static String lineOf(JsonLocation location) {
    return location == null || location.getLineNr() < 1 ? "?" : String.valueOf(location.getLineNr());
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    String first = message.strip().lines().findFirst().orElse(message);
    return first.strip();
  }

  private static String abbreviate(String s) {
    return s.length() <= 60 ? s : s.substring(0, 59) + "…";
  }
}
