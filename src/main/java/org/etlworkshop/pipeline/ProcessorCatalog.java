package org.etlworkshop.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import org.etlworkshop.Json;
import org.etlworkshop.UsageException;
import org.etlworkshop.extract.Fetch;
import org.etlworkshop.extract.ReadMode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The named processors, read from {@code processors.json} (shipped in the jar) and optionally from
 * a user's own file with the same format, whose entries add to or replace the shipped ones.
 * Validated up front: a typo fails before any work starts, naming the valid choices.
 */
public final class ProcessorCatalog {
    private static final Set<String> FIELDS = Set.of("description", "read", "fetch", "loader", "chunkSize", "fetchSize", "maxEvents", "jdbc",
            "overlap", "workersDesign");

    private final Map<String, ProcessorConfig> processors;

    private ProcessorCatalog(Map<String, ProcessorConfig> processors) {
        this.processors = processors;
    }

    public static ProcessorCatalog shipped() {
        try (InputStream in = ProcessorCatalog.class.getResourceAsStream("/processors.json")) {
            return new ProcessorCatalog(parse("processors.json", Json.MAPPER.readTree(in), new LinkedHashMap<>()));
        } catch (IOException e) {
            throw new IllegalStateException("processors.json is missing or broken in the jar", e);
        }
    }

    /** The shipped catalog plus the entries of {@code file}. */
    public ProcessorCatalog with(Path file) {
        try {
            return new ProcessorCatalog(parse(file.toString(), Json.MAPPER.readTree(Files.readAllBytes(file)),
                    new LinkedHashMap<>(processors)));
        } catch (IOException e) {
            throw new UsageException(file + ": cannot read the processor catalog: " + e.getMessage());
        }
    }

    public List<String> names() {
        return List.copyOf(processors.keySet());
    }

    public ProcessorConfig get(String name) {
        ProcessorConfig config = processors.get(name);
        if (config == null) {
            throw new UsageException("unknown processor '" + name + "'; valid: " + String.join(", ", names()));
        }
        return config;
    }

    private static Map<String, ProcessorConfig> parse(String source, JsonNode root, Map<String, ProcessorConfig> into) {
        if (root == null || !root.isObject()) {
            throw new UsageException(source + ": a processor catalog is a JSON object of named processors");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (entry.getKey().startsWith("_")) {
                continue; // comments
            }
            into.put(entry.getKey(), parseOne(source + ": processor '" + entry.getKey() + "'", entry.getKey(), entry.getValue()));
        }
        return into;
    }

    private static ProcessorConfig parseOne(String where, String name, JsonNode node) {
        if (!node.isObject()) {
            throw new UsageException(where + " must be a JSON object");
        }
        node.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw new UsageException(where + " has an unknown field '" + field + "'; valid: "
                        + FIELDS.stream().sorted().collect(Collectors.joining(", ")));
            }
        });
        String loader = node.path("loader").asText("");
        if (loader.isEmpty()) {
            throw new UsageException(where + " needs a 'loader'; valid: " + String.join(", ", LoaderRegistry.names()));
        }
        if (LoaderRegistry.find(loader).isEmpty()) {
            throw new UsageException(where + ": unknown loader '" + loader + "'; valid: "
                    + String.join(", ", LoaderRegistry.names()));
        }
        ProcessorConfig.Builder config = ProcessorConfig.builder(name, loader)
                .description(node.path("description").asText(""))
                .read(enumField(where, node, "read", ReadMode.class, ReadMode.STREAM))
                .fetch(enumField(where, node, "fetch", Fetch.class, Fetch.JOIN))
                .chunkSize(positive(where, node, "chunkSize", ProcessorConfig.DEFAULT_CHUNK_SIZE))
                .fetchSize(positive(where, node, "fetchSize", ProcessorConfig.DEFAULT_FETCH_SIZE))
                .jdbc(jdbcProperties(where, node.get("jdbc")));
        if (node.has("maxEvents")) {
            config.maxEvents(positive(where, node, "maxEvents", 1));
        }
        if (node.has("overlap")) {
            if (!node.get("overlap").isBoolean()) {
                throw new UsageException(where + ": 'overlap' must be true or false, got " + node.get("overlap"));
            }
            config.overlap(node.get("overlap").asBoolean());
        }
        config.workersDesign(enumField(where, node, "workersDesign", WorkerDesign.class, WorkerDesign.DEFAULT));
        return config.build();
    }

    private static <T extends Enum<T>> T enumField(String where, JsonNode node, String field, Class<T> type, T fallback) {
        if (!node.has(field)) {
            return fallback;
        }
        String value = node.get(field).asText();
        return Arrays.stream(type.getEnumConstants()).filter(c -> c.name().equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> new UsageException(where + ": '" + field + "' is '" + value + "'; valid: "
                        + Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase())
                        .collect(Collectors.joining(", "))));
    }

    private static Map<String, String> jdbcProperties(String where, JsonNode node) {
        if (node == null) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new UsageException(where + ": 'jdbc' must be an object of pgjdbc properties, e.g. {\"reWriteBatchedInserts\": true}");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> properties.put(e.getKey(), e.getValue().asText()));
        return Map.copyOf(properties);
    }

    private static int positive(String where, JsonNode node, String field, int fallback) {
        if (!node.has(field)) {
            return fallback;
        }
        JsonNode value = node.get(field);
        if (!value.isIntegralNumber() || value.asInt() < 1) {
            throw new UsageException(where + ": '" + field + "' must be a positive integer, got " + value);
        }
        return value.asInt();
    }
}
