package org.etlworkshop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README is a guide that sends the reader into {@code docs/}: every relative link and image there
 * (and in {@code notebooks/README.md}) must reach a file, and every {@code #anchor} a heading of the
 * Markdown file it names, slugged as GitHub does. No database: this reads files only.
 */
class DocsLinksTest {

    /** The README stays a guide; the reference lives in docs/. */
    static final int README_LIMIT = 15_000;

    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:name|id)=\"([^\"]+)\"");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    @Test
    void everyLinkInTheReadmeAndTheDocsResolves() throws IOException {
        List<Path> pages = new ArrayList<>(List.of(Path.of("README.md"), Path.of("notebooks/README.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        assertThat(pages).hasSizeGreaterThan(3);
        assertThat(brokenLinks(pages)).as("links that lead nowhere").isEmpty();
    }

    @Test
    void theReadmeStaysAGuide() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(readme.codePointCount(0, readme.length())).as("README.md characters").isLessThan(README_LIMIT);
    }

    @Test
    void aMissingFileOrHeadingIsReported(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/b.md"), "# B page\n\n## The `large`: 997,329 events\n\n```\n# not a heading\n```\n");
        Files.writeString(dir.resolve("a.md"), String.join("\n",
                "# A", "## Same, twice", "## Same, twice",
                "[ok](docs/b.md#the-large-997329-events) [ok](#same-twice-1) ![ok](docs/b.md) [web](https://x.y/z#q)",
                "[gone](docs/c.md) [no heading](docs/b.md#not-a-heading) [no anchor](#same-twice-2)",
                "`[in code](nowhere.md)`", "```", "[in a block](nowhere.md)", "```", ""));
        assertThat(brokenLinks(List.of(dir.resolve("a.md")))).containsExactly(
                dir.resolve("a.md") + ": docs/c.md (no such file)",
                dir.resolve("a.md") + ": docs/b.md#not-a-heading (no such heading)",
                dir.resolve("a.md") + ": #same-twice-2 (no such heading)");
    }

    @Test
    void headingsAreSluggedAsGitHubDoes() {
        assertThat(slug("Beyond one machine: a Citus cluster")).isEqualTo("beyond-one-machine-a-citus-cluster");
        assertThat(slug("`large`: 997,329 events")).isEqualTo("large-997329-events");
        assertThat(slug("What a run loads, exactly")).isEqualTo("what-a-run-loads-exactly");
        assertThat(slug("MySQL and MariaDB as a source")).isEqualTo("mysql-and-mariadb-as-a-source");
        assertThat(slug("snake_case and [a link](x.md) -- kept")).isEqualTo("snake_case-and-a-link----kept");
    }

    /** Each broken link as "page: target (why)", in page order. */
    static List<String> brokenLinks(List<Path> pages) {
        Map<Path, Set<String>> anchors = new HashMap<>();
        List<String> broken = new ArrayList<>();
        for (Path page : pages) {
            for (String line : prose(read(page))) {
                Matcher link = LINK.matcher(CODE_SPAN.matcher(line).replaceAll("x"));
                while (link.find()) {
                    String target = link.group(1);
                    if (SCHEME.matcher(target).find()) {
                        continue;
                    }
                    int hash = target.indexOf('#');
                    String file = URLDecoder.decode(hash < 0 ? target : target.substring(0, hash), StandardCharsets.UTF_8);
                    Path resolved = file.isEmpty() ? page : page.toAbsolutePath().getParent().resolve(file).normalize();
                    if (!Files.exists(resolved)) {
                        broken.add(page + ": " + target + " (no such file)");
                    } else if (hash >= 0 && resolved.toString().endsWith(".md")
                            && !anchors.computeIfAbsent(resolved, p -> headings(read(p))).contains(target.substring(hash + 1))) {
                        broken.add(page + ": " + target + " (no such heading)");
                    }
                }
            }
        }
        return broken;
    }

    /** The anchors of a page: its headings' slugs (a repeated one gets -1, -2...) and explicit HTML anchors. */
    static Set<String> headings(String markdown) {
        Set<String> found = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String line : prose(markdown)) {
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String slug = slug(heading.group(1));
                int times = seen.merge(slug, 1, Integer::sum);
                found.add(times == 1 ? slug : slug + "-" + (times - 1));
            }
            Matcher html = HTML_ANCHOR.matcher(line);
            while (html.find()) {
                found.add(html.group(1));
            }
        }
        return found;
    }

    /** GitHub's rule: the heading's text, lower-cased, punctuation dropped except '-' and '_', spaces to '-'. */
    static String slug(String heading) {
        String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
        return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\p{M}_\\- ]", "").replace(' ', '-');
    }

    /** The lines outside fenced code blocks: a link or heading in a code sample is not one. */
    private static List<String> prose(String markdown) {
        List<String> lines = new ArrayList<>();
        boolean inFence = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.stripLeading().startsWith("```") || line.stripLeading().startsWith("~~~")) {
                inFence = !inFence;
            } else if (!inFence) {
                lines.add(line);
            }
        }
        return lines;
    }

    private static String read(Path page) {
        try {
            return Files.readString(page);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
