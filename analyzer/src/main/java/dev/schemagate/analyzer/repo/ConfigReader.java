package dev.schemagate.analyzer.repo;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.schemagate.analyzer.check.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Binds {@code schemagate.yaml} strictly (unknown keys are errors) and validates it. */
final class ConfigReader {

  static final Pattern TRACK_NAME = Pattern.compile("[a-z][a-z0-9_-]*");
  private static final Pattern RULE_ID =
      Pattern.compile("[a-z0-9][a-z0-9_.-]*/[a-z0-9][a-z0-9_.-]*");
  private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

  private static final ObjectMapper MAPPER =
      new ObjectMapper(new YAMLFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION))
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .setVisibility(PropertyAccessor.ALL, Visibility.NONE)
          .setVisibility(PropertyAccessor.FIELD, Visibility.ANY)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);

  // Field names are the YAML keys in camelCase (SNAKE_CASE maps pgVersion <-> pg_version).
  static final class FileDto {
    String protectedBranch;
    PolicyDto policy;
    LinkedHashMap<String, TrackDto> tracks;
    // The rollout runner's section: kept raw here (the analyzer does not read it); the runner
    // binds it strictly itself (dev.schemagate.runner.config.RolloutSettings).
    com.fasterxml.jackson.databind.JsonNode rollout;
    RehearsalDto rehearsal;
  }

  static final class RehearsalDto {
    String maxStall;
    Double maxP99Ratio;
    String planRegression;
    Double planCostRatio;
    Long largeTableRows;
  }

  static final class TrackDto {
    String folder;
    Integer pgVersion;
    String defaultSchema;
    PolicyDto policy;
  }

  static final class PolicyDto {
    LinkedHashMap<String, String> severity;
    LinkedHashMap<String, Object> thresholds;
    Boolean runnerSetsLockTimeout;
    List<String> custom;
  }

  private ConfigReader() {}

  static SchemagateConfig read(Path root) {
    Path file = root.resolve(SchemagateConfig.FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw new RepositoryException(
          SchemagateConfig.FILE_NAME, "not found in " + root.toAbsolutePath().normalize());
    }
    String text;
    try {
      text = SourceText.decode(Files.readAllBytes(file), SchemagateConfig.FILE_NAME);
    } catch (IOException e) {
      throw new RepositoryException(
          SchemagateConfig.FILE_NAME, null, "cannot be read (" + e.getMessage() + ")", e);
    }
    return parse(text, SchemagateConfig.FILE_NAME, root);
  }

  static SchemagateConfig parse(String yaml, String displayName, Path root) {
    FileDto dto = bind(yaml, displayName);
    return new Validator(displayName, root.toAbsolutePath().normalize()).validate(dto);
  }

  private static FileDto bind(String yaml, String file) {
    if (hasNoContent(yaml)) {
      throw new RepositoryException(
          file, "is empty; it must define at least one track under \"tracks\"");
    }
    FileDto dto;
    try {
      dto = MAPPER.readValue(yaml, FileDto.class);
    } catch (UnrecognizedPropertyException e) {
      String known =
          e.getKnownPropertyIds() == null
              ? ""
              : " (known keys: "
                  + e.getKnownPropertyIds().stream()
                      .map(Object::toString)
                      .map(ConfigReader::snake)
                      .sorted()
                      .collect(Collectors.joining(", "))
                  + ")";
      String where = parentPath(e);
      throw new RepositoryException(
          file,
          line(e.getLocation()),
          "unknown key \""
              + e.getPropertyName()
              + "\""
              + (where.isEmpty() ? " at top level" : " in " + where)
              + known,
          e);
    } catch (InvalidFormatException e) {
      throw new RepositoryException(
          file,
          line(e.getLocation()),
          path(e) + ": \"" + e.getValue() + "\" is not " + describe(e.getTargetType()),
          e);
    } catch (MismatchedInputException e) {
      if (e.getPath().isEmpty()) {
        throw new RepositoryException(
            file, line(e.getLocation()), "must be a mapping with a \"tracks\" key", e);
      }
      throw new RepositoryException(
          file, line(e.getLocation()), path(e) + ": expected " + describe(e.getTargetType()), e);
    } catch (JsonProcessingException e) {
      if (e.getCause() instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
        // SnakeYAML knows where the problem is; Jackson's location points at the enclosing token.
        throw new RepositoryException(
            file,
            marked.getProblemMark().getLine() + 1,
            "is not valid YAML: " + marked.getProblem(),
            e);
      }
      throw new RepositoryException(
          file, line(e.getLocation()), "is not valid YAML: " + e.getOriginalMessage(), e);
    }
    if (dto == null) {
      throw new RepositoryException(
          file, "is empty; it must define at least one track under \"tracks\"");
    }
    return dto;
  }

  private static boolean hasNoContent(String yaml) {
    try (JsonParser parser = MAPPER.getFactory().createParser(yaml)) {
      return parser.nextToken() == null;
    } catch (IOException e) {
      return false; // the binding below reports it with its line
    }
  }

  private static Integer line(JsonLocation location) {
    return location == null || location.getLineNr() < 1 ? null : location.getLineNr();
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static String parentPath(JsonMappingException e) {
    List<JsonMappingException.Reference> refs = e.getPath();
    return refs.subList(0, Math.max(0, refs.size() - 1)).stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "a valid value";
    }
    if (type == Integer.class || type == int.class) {
      return "an integer";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == String.class) {
      return "a string";
    }
    if (List.class.isAssignableFrom(type)) {
      return "a list";
    }
    return "a mapping";
  }

  private static String snake(String camel) {
    return camel.replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  /** Turns the bound file into records, collecting nothing: the first problem is the error. */
  private record Validator(String file, Path root) {

    SchemagateConfig validate(FileDto dto) {
      String protectedBranch = dto.protectedBranch == null ? "main" : dto.protectedBranch.trim();
      if (protectedBranch.isEmpty()) {
        throw fail("protected_branch must not be empty");
      }
      PolicySettings top = policy(dto.policy, PolicySettings.DEFAULTS, "policy");
      if (dto.tracks == null || dto.tracks.isEmpty()) {
        throw fail("no tracks defined: add at least one under \"tracks\"");
      }
      Map<String, TrackConfig> tracks = new LinkedHashMap<>();
      for (Map.Entry<String, TrackDto> entry : dto.tracks.entrySet()) {
        tracks.put(entry.getKey(), track(entry.getKey(), entry.getValue(), top));
      }
      checkFoldersDisjoint(tracks);
      return new SchemagateConfig(
          protectedBranch,
          top,
          tracks,
          dto.rollout == null
              ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
              : dto.rollout,
          rehearsal(dto.rehearsal));
    }

    private RehearsalBudgets rehearsal(RehearsalDto dto) {
      RehearsalBudgets d = RehearsalBudgets.DEFAULTS;
      if (dto == null) {
        return d;
      }
      java.util.Optional<java.time.Duration> stall = d.maxStall();
      if (dto.maxStall != null) {
        try {
          stall = java.util.Optional.of(Durations.parse(dto.maxStall));
        } catch (IllegalArgumentException e) {
          throw fail("rehearsal.max_stall: " + e.getMessage());
        }
      }
      if (dto.maxP99Ratio != null && !(dto.maxP99Ratio >= 1.0)) {
        throw fail(
            "rehearsal.max_p99_ratio: "
                + dto.maxP99Ratio
                + " is below 1; write the allowed p99 over the baseline's, e.g. 2.0");
      }
      Severity severity = d.planRegression();
      if (dto.planRegression != null) {
        severity =
            switch (dto.planRegression.trim().toLowerCase(Locale.ROOT)) {
              case "error" -> Severity.ERROR;
              case "warning" -> Severity.WARNING;
              default ->
                  throw fail(
                      "rehearsal.plan_regression: \""
                          + dto.planRegression
                          + "\" is not one of error, warning");
            };
      }
      if (dto.planCostRatio != null && !(dto.planCostRatio > 1.0)) {
        throw fail(
            "rehearsal.plan_cost_ratio: "
                + dto.planCostRatio
                + " must be above 1 (e.g. 2.0: cost more than doubled)");
      }
      if (dto.largeTableRows != null && dto.largeTableRows < 1) {
        throw fail("rehearsal.large_table_rows: " + dto.largeTableRows + " must be at least 1");
      }
      return new RehearsalBudgets(
          stall,
          java.util.Optional.ofNullable(dto.maxP99Ratio),
          severity,
          dto.planCostRatio == null ? d.planCostRatio() : dto.planCostRatio,
          dto.largeTableRows == null ? d.largeTableRows() : dto.largeTableRows);
    }

    private TrackConfig track(String name, TrackDto dto, PolicySettings inherited) {
      if (!TRACK_NAME.matcher(name).matches()) {
        throw fail(
            "track \""
                + name
                + "\": a track name must start with a lowercase letter and contain only"
                + " lowercase letters, digits, '_' and '-'");
      }
      String where = "track \"" + name + "\"";
      if (dto == null) {
        throw fail(where + ": pg_version is missing");
      }
      if (dto.pgVersion == null) {
        throw fail(where + ": pg_version is missing");
      }
      if (dto.pgVersion < SchemagateConfig.MIN_PG_VERSION
          || dto.pgVersion > SchemagateConfig.MAX_PG_VERSION) {
        throw fail(
            where
                + ": pg_version "
                + dto.pgVersion
                + " is not supported ("
                + SchemagateConfig.MIN_PG_VERSION
                + "–"
                + SchemagateConfig.MAX_PG_VERSION
                + ")");
      }
      String folderText = dto.folder == null ? "migrations/" + name : dto.folder.trim();
      Path folder = relativeInside(folderText, where + ": folder");
      if (!Files.isDirectory(root.resolve(folder))) {
        throw fail(where + ": folder \"" + folderText + "\" does not exist");
      }
      String schema = dto.defaultSchema == null ? "public" : dto.defaultSchema.trim();
      if (!SCHEMA_NAME.matcher(schema).matches()) {
        throw fail(where + ": default_schema \"" + schema + "\" is not a plain identifier");
      }
      PolicySettings policy = policy(dto.policy, inherited, where + ": policy");
      return new TrackConfig(name, folder, dto.pgVersion, schema, policy);
    }

    /** Maps merge key by key, scalars override, lists replace. */
    private PolicySettings policy(PolicyDto dto, PolicySettings inherited, String where) {
      if (dto == null) {
        return inherited;
      }
      Map<String, Severity> severities = new LinkedHashMap<>(inherited.severityOverrides());
      Set<String> off = new HashSet<>(inherited.disabledRules());
      if (dto.severity != null) {
        for (Map.Entry<String, String> e : dto.severity.entrySet()) {
          String rule = e.getKey();
          if (!RULE_ID.matcher(rule).matches()) {
            throw fail(where + ".severity: \"" + rule + "\" is not a rule id (category/name)");
          }
          String value = e.getValue() == null ? "" : e.getValue().trim().toLowerCase(Locale.ROOT);
          severities.remove(rule);
          off.remove(rule);
          switch (value) {
            case "off" -> off.add(rule);
            case "error", "warning", "info" -> severities.put(rule, Severity.fromId(value));
            default ->
                throw fail(
                    where
                        + ".severity.\""
                        + rule
                        + "\": \""
                        + e.getValue()
                        + "\" is not one of error, warning, info, off");
          }
        }
      }
      Map<String, Object> thresholds = new LinkedHashMap<>(inherited.thresholds());
      if (dto.thresholds != null) {
        for (Map.Entry<String, Object> e : dto.thresholds.entrySet()) {
          Object v = e.getValue();
          if (!(v instanceof Number || v instanceof String || v instanceof Boolean)) {
            throw fail(
                where + ".thresholds." + e.getKey() + ": must be a number, a string or true/false");
          }
          thresholds.put(e.getKey(), v);
        }
      }
      boolean runnerSetsLockTimeout =
          dto.runnerSetsLockTimeout == null
              ? inherited.runnerSetsLockTimeout()
              : dto.runnerSetsLockTimeout;
      List<Path> custom = inherited.custom();
      if (dto.custom != null) {
        custom = new ArrayList<>();
        for (String entry : dto.custom) {
          custom.add(customPolicy(entry, where + ".custom"));
        }
      }
      return new PolicySettings(severities, off, thresholds, runnerSetsLockTimeout, custom);
    }

    private Path customPolicy(String entry, String where) {
      if (entry == null || entry.isBlank()) {
        throw fail(where + ": empty entry");
      }
      Path absolute = root.resolve(entry.trim()).normalize();
      String name = absolute.getFileName() == null ? "" : absolute.getFileName().toString();
      if (Files.isDirectory(absolute)) {
        return absolute;
      }
      if (!Files.isRegularFile(absolute)) {
        throw fail(where + ": \"" + entry + "\" does not exist");
      }
      if (!(name.endsWith(".wasm") || name.endsWith(".tar.gz"))) {
        throw fail(
            where
                + ": \""
                + entry
                + "\" must be a folder of .rego files, a .wasm module or a .tar.gz bundle");
      }
      return absolute;
    }

    private Path relativeInside(String text, String where) {
      if (text.isEmpty()) {
        throw fail(where + " must not be empty");
      }
      Path p = Path.of(text);
      Path normalized = p.normalize();
      if (p.isAbsolute() || normalized.startsWith("..") || normalized.toString().isEmpty()) {
        throw fail(where + " \"" + text + "\" must be a folder inside the repository");
      }
      return normalized;
    }

    private void checkFoldersDisjoint(Map<String, TrackConfig> tracks) {
      List<TrackConfig> all = new ArrayList<>(tracks.values());
      for (int i = 0; i < all.size(); i++) {
        for (int j = i + 1; j < all.size(); j++) {
          Path a = all.get(i).folder();
          Path b = all.get(j).folder();
          if (a.startsWith(b) || b.startsWith(a)) {
            throw fail(
                "tracks \""
                    + all.get(i).name()
                    + "\" and \""
                    + all.get(j).name()
                    + "\" share folder \""
                    + (a.startsWith(b) ? b : a)
                    + "\"; each track needs its own folder");
          }
        }
      }
    }

    private RepositoryException fail(String problem) {
      return new RepositoryException(file, problem);
    }
  }
}
