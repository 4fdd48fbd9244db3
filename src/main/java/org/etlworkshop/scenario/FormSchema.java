package org.etlworkshop.scenario;

import org.etlworkshop.IoErrors;
import com.fasterxml.jackson.databind.JsonNode;
import org.etlworkshop.Json;
import org.etlworkshop.UsageException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * A form's questionnaire: a tree of nodes, each with a {@code slug}; groups have {@code children},
 * questions have an {@code answerType} and an optional {@code tag}. A question's schema path is the
 * slugs from the form's first level down to it, joined by dots (the form node's own slug is not part
 * of it). Parsed from the same JSON whether it comes from {@code scenarios/schemas/} or from
 * {@code app.forms.schema}.
 */
public final class FormSchema {
    /**
     * Letters and digits of any script (forms are not all English), '_' and '-'. Not the dot, which
     * joins slugs into a schema path, nor anything else that would make a path ambiguous to read.
     */
    private static final Pattern SLUG = Pattern.compile("[\\p{L}\\p{M}\\p{N}_-]+");

    /** A question of the form. {@code sample} is an optional hint for the data generator. */
    public record Question(String path, AnswerType answerType, String tag, String sample) {
    }

    /** A node of the tree: a group (with children) or a question (with {@link #question()} set). */
    public static final class Node {
        private final String slug;
        private final Map<String, Node> children;
        private final Question question;

        private Node(String slug, Map<String, Node> children, Question question) {
            this.slug = slug;
            this.children = children;
            this.question = question;
        }

        public String slug() {
            return slug;
        }

        /** The child with this slug, or null when the schema has none (an unknown key in a response). */
        public Node child(String slug) {
            return children.get(slug);
        }

        public Iterable<Node> children() {
            return children.values();
        }

        public boolean isQuestion() {
            return question != null;
        }

        public Question question() {
            return question;
        }
    }

    private final String slug;
    private final String title;
    private final String description;
    private final Node root;
    private final List<Question> questions;
    private final String json;

    private FormSchema(String slug, String title, String description, Node root, List<Question> questions, String json) {
        this.slug = slug;
        this.title = title;
        this.description = description;
        this.root = root;
        this.questions = questions;
        this.json = json;
    }

    /**
     * Parses and validates a schema document. {@code source} names where it came from (a file, a
     * form id) so that an error message tells the user what to fix.
     */
    public static FormSchema parse(String source, String json) {
        JsonNode document;
        try {
            document = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UsageException(source + ": not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UsageException(source + ": cannot read: " + IoErrors.describe(e));
        }
        if (document == null || !document.isObject()) {
            throw new UsageException(source + ": a form schema must be a JSON object with 'slug' and 'children'");
        }
        String slug = requiredSlug(source, document, "the form");
        JsonNode children = document.get("children");
        if (children == null || !children.isArray() || children.isEmpty()) {
            throw new UsageException(source + ": the form needs a non-empty 'children' array");
        }
        List<Question> questions = new ArrayList<>();
        Map<String, Node> firstLevel = parseChildren(source, children, "", questions);
        String title = document.path("title").asText(slug);
        String description = document.path("description").asText("");
        Node root = new Node(slug, firstLevel, null);
        return new FormSchema(slug, title, description, root, Collections.unmodifiableList(questions), json);
    }

    private static Map<String, Node> parseChildren(String source, JsonNode children, String parentPath,
                                                   List<Question> questions) {
        Map<String, Node> bySlug = new LinkedHashMap<>();
        for (JsonNode child : children) {
            String where = parentPath.isEmpty() ? "the first level" : "'" + parentPath + "'";
            if (!child.isObject()) {
                throw new UsageException(source + ": every node under " + where + " must be an object with a 'slug'");
            }
            String slug = requiredSlug(source, child, "a node under " + where);
            String path = parentPath.isEmpty() ? slug : parentPath + "." + slug;
            if (bySlug.containsKey(slug)) {
                throw new UsageException(source + ": two nodes have the schema path '" + path + "'");
            }
            bySlug.put(slug, parseNode(source, child, slug, path, questions));
        }
        return Collections.unmodifiableMap(bySlug);
    }

    private static Node parseNode(String source, JsonNode node, String slug, String path, List<Question> questions) {
        JsonNode answerType = node.get("answerType");
        JsonNode children = node.get("children");
        if (answerType != null && children != null) {
            throw new UsageException(source + ": '" + path + "' has both 'answerType' and 'children'; a node is a question or a group");
        }
        if (answerType == null) {
            if (children == null || !children.isArray() || children.isEmpty()) {
                throw new UsageException(source + ": '" + path + "' needs an 'answerType' (a question) or non-empty 'children' (a group)");
            }
            return new Node(slug, parseChildren(source, children, path, questions), null);
        }
        AnswerType type = AnswerType.fromName(answerType.asText()).orElseThrow(() -> new UsageException(source + ": '"
                + path + "' has answerType '" + answerType.asText() + "'; valid: " + AnswerType.validNames()));
        JsonNode tag = node.get("tag");
        if (tag != null && !tag.isNull() && !tag.isTextual()) {
            throw new UsageException(source + ": '" + path + "' has a 'tag' that is not a string");
        }
        JsonNode sample = node.get("sample");
        if (sample != null && !sample.isNull()) {
            String problem = sample.isTextual() ? SampleHints.problem(type, sample.asText()) : "the sample must be a string";
            if (problem != null) {
                throw new UsageException(source + ": '" + path + "' has sample " + sample + ": " + problem);
            }
        }
        Question question = new Question(path, type, tag == null || tag.isNull() ? null : tag.asText(),
                sample == null || sample.isNull() ? null : sample.asText());
        questions.add(question);
        return new Node(slug, Map.of(), question);
    }

    private static String requiredSlug(String source, JsonNode node, String what) {
        JsonNode slug = node.get("slug");
        if (slug == null || !slug.isTextual() || !SLUG.matcher(slug.asText()).matches()) {
            throw new UsageException(source + ": " + what + " needs a 'slug' of letters, digits (any script), '_' or '-'"
                    + (slug == null ? "" : ", got " + slug));
        }
        return slug.asText();
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    /** The form node; its children are the first level of the responses object. */
    public Node root() {
        return root;
    }

    /** Every question in document order. */
    public List<Question> questions() {
        return questions;
    }

    /** The document this schema was parsed from, as stored in {@code app.forms.schema}. */
    public String json() {
        return json;
    }
}
