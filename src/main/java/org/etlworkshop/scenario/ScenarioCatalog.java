package org.etlworkshop.scenario;

import org.etlworkshop.IoErrors;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.etlworkshop.Json;
import org.etlworkshop.UsageException;
import org.etlworkshop.db.Databases;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The scenarios in a directory ({@code scenarios/} by default): every {@code <name>.json} there is
 * one, so a user adds a scenario by adding a file. Everything is validated before any work starts,
 * with messages that name the file, the field and what is wrong.
 */
public final class ScenarioCatalog {
    /** Bump when the generator's output changes, so existing templates are regenerated. */
    static final String GENERATOR_VERSION = "3"; // 2: templates frozen once generated; 3: updated_at, the run log

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,40}");
    private static final String NAME_RULE = "lowercase letters, digits, '_' and '-', starting with a letter or digit, "
            + "at most 41 characters";
    /** A file name in the schema directory: no path separators, no '..'. */
    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*(?<!\\.)");
    private static final Set<String> FIELDS = Set.of("description", "seed", "forms", "formCount", "users", "submissions",
            "hostileTextShare", "unansweredShare", "extraKeyShare", "malformedShare");

    private final Path directory;
    private final Path schemaDirectory;

    /** Scenarios in {@code directory}, their form schemas in {@code directory/schemas}. */
    public ScenarioCatalog(Path directory) {
        this(directory, directory.resolve("schemas"));
    }

    /** Scenarios in {@code directory}, form schemas from another directory (the tests reuse the shipped ones). */
    public ScenarioCatalog(Path directory, Path schemaDirectory) {
        this.directory = directory;
        this.schemaDirectory = schemaDirectory;
    }

    public Path directory() {
        return directory;
    }

    /** The scenario names of the directory's {@code .json} files, valid names only. */
    public List<String> names() {
        return files().stream().filter(name -> NAME.matcher(name).matches()).toList();
    }

    /**
     * Every scenario file that cannot be used, with its reason: a name that is not a scenario name,
     * or a file {@link #load} refuses. {@code etl list} shows them beside the good ones.
     */
    public Map<String, String> problems() {
        Map<String, String> problems = new LinkedHashMap<>();
        for (String name : files()) {
            if (!NAME.matcher(name).matches()) {
                problems.put(name, directory.resolve(name + ".json") + ": '" + name + "' is not a scenario name ("
                        + NAME_RULE + ")");
                continue;
            }
            try {
                load(name);
            } catch (UsageException e) {
                problems.put(name, e.getMessage());
            }
        }
        return problems;
    }

    private List<String> files() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(f -> f.endsWith(".json"))
                    .map(f -> f.substring(0, f.length() - ".json".length()))
                    .sorted(ScenarioCatalog::bySize)
                    .toList();
        } catch (IOException e) {
            throw new UsageException("cannot list scenarios in " + directory + ": " + IoErrors.describe(e));
        }
    }

    /** The shipped ones in order of size, then any others alphabetically. */
    private static int bySize(String a, String b) {
        List<String> order = List.of("empty", "small", "medium", "large-few-users", "large-many-users", "large", "xlarge");
        int ia = order.indexOf(a), ib = order.indexOf(b);
        if (ia >= 0 && ib >= 0) {
            return Integer.compare(ia, ib);
        }
        if (ia >= 0 || ib >= 0) {
            return ia >= 0 ? -1 : 1;
        }
        return a.compareTo(b);
    }

    public Scenario load(String name) {
        if (!NAME.matcher(name).matches() || !Files.isRegularFile(directory.resolve(name + ".json"))) {
            throw new UsageException("unknown scenario '" + name + "'; valid: " + String.join(", ", names())
                    + " (scenario files live in " + directory + ")");
        }
        Path file = directory.resolve(name + ".json");
        // Database names fold '-' into '_': two files that differ only there would share databases.
        List<String> sharing = names().stream()
                .filter(other -> !other.equals(name) && Databases.templateName(other).equals(Databases.templateName(name)))
                .toList();
        if (!sharing.isEmpty()) {
            throw new UsageException(file + ": scenario '" + name + "' and '" + String.join("', '", sharing)
                    + "' would share the databases " + Databases.templateName(name) + " and " + Databases.runName(name)
                    + " ('-' and '_' are the same there); rename one of the files");
        }
        return parse(name, file);
    }

    private Scenario parse(String name, Path file) {
        byte[] bytes;
        JsonNode root;
        try {
            bytes = Files.readAllBytes(file);
            root = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new UsageException(file + ": not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw new UsageException(file + ": cannot read: " + IoErrors.describe(e));
        }
        if (root == null || !root.isObject()) {
            throw new UsageException(file + ": a scenario must be a JSON object");
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw new UsageException(file + ": unknown field '" + field + "'; valid: " + String.join(", ", FIELDS.stream().sorted().toList()));
            }
        }
        String description = root.path("description").asText("");
        long seed = longField(file, root, "seed");
        int users = intField(file, root, "users", null);
        int submissions = intField(file, root, "submissions", null);

        JsonNode forms = root.get("forms");
        if (forms == null || !forms.isArray() || forms.isEmpty()) {
            throw new UsageException(file + ": field 'forms' must be a non-empty array of schema names from "
                    + schemaDirectory);
        }
        MessageDigest digest = sha256();
        digest.update(GENERATOR_VERSION.getBytes(StandardCharsets.UTF_8));
        digest.update(bytes);
        List<FormSchema> schemas = new ArrayList<>();
        Set<String> named = new HashSet<>(), titles = new HashSet<>();
        for (JsonNode form : forms) {
            if (form.isTextual() && !named.add(form.asText())) {
                throw new UsageException(file + ": field 'forms' names '" + form.asText() + "' twice");
            }
            FormSchema schema = loadSchema(file, form, digest);
            if (!titles.add(schema.title())) {
                throw new UsageException(file + ": two of its forms have the title '" + schema.title()
                        + "' (a form's name in app.forms is its title, and names are unique)");
            }
            schemas.add(schema);
        }
        int formCount = intField(file, root, "formCount", schemas.size());
        if (formCount < 1) {
            throw new UsageException(file + ": field 'formCount' must be at least 1");
        }
        if (submissions > 0 && users == 0) {
            throw new UsageException(file + ": field 'users' must be at least 1 when there are submissions");
        }
        return new Scenario(name, file, description, seed, List.copyOf(schemas), formCount, users, submissions,
                share(file, root, "hostileTextShare", 0.05), share(file, root, "unansweredShare", 0.1),
                share(file, root, "extraKeyShare", 0.1), share(file, root, "malformedShare", 0.0),
                HexFormat.of().formatHex(digest.digest()));
    }

    private FormSchema loadSchema(Path scenarioFile, JsonNode form, MessageDigest digest) {
        if (!form.isTextual() || !SCHEMA_NAME.matcher(form.asText()).matches()) {
            throw new UsageException(scenarioFile + ": field 'forms' must list schema names (file names in "
                    + schemaDirectory + ", without .json), got " + form + "; valid: " + String.join(", ", schemaNames()));
        }
        Path schemaFile = schemaDirectory.resolve(form.asText() + ".json");
        if (!Files.isRegularFile(schemaFile)) {
            throw new UsageException(scenarioFile + ": field 'forms' names '" + form.asText() + "', but there is no "
                    + schemaFile + "; valid: " + String.join(", ", schemaNames()));
        }
        try {
            byte[] bytes = Files.readAllBytes(schemaFile);
            digest.update(bytes);
            return FormSchema.parse(schemaFile.toString(), new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UsageException(schemaFile + ": cannot read: " + IoErrors.describe(e));
        }
    }

    private List<String> schemaNames() {
        try (Stream<Path> files = Files.list(schemaDirectory)) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".json"))
                    .map(f -> f.substring(0, f.length() - 5)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static long longField(Path file, JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new UsageException(file + ": field '" + field + "' must be an integer" + got(value));
        }
        return value.asLong();
    }

    private static int intField(Path file, JsonNode root, String field, Integer defaultValue) {
        JsonNode value = root.get(field);
        if (value == null && defaultValue != null) {
            return defaultValue;
        }
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 0) {
            throw new UsageException(file + ": field '" + field + "' must be a non-negative integer" + got(value));
        }
        return value.asInt();
    }

    private static double share(Path file, JsonNode root, String field, double defaultValue) {
        JsonNode value = root.get(field);
        if (value == null) {
            return defaultValue;
        }
        if (!value.isNumber() || value.asDouble() < 0 || value.asDouble() > 1) {
            throw new UsageException(file + ": field '" + field + "' must be a number from 0 to 1" + got(value));
        }
        return value.asDouble();
    }

    private static String got(JsonNode value) {
        return value == null ? " (it is missing)" : ", got " + value;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
