package dev.trinoai.jobs.feedback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.SemanticModelLoader;
import dev.trinoai.core.plan.Plan;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Adds a verified question to a semantic model file as text, so that every other line of the file, its comments
 * included, stays as it was: the entry goes at the end of the {@code verified_questions} list (which is made at the end
 * of the file when there is none). The new text is read by the catalog's own loader before it replaces the file.
 */
public final class VerifiedQuestionsFile
{
    private static final Pattern LIST_KEY = Pattern.compile("^verified_questions:\\s*(\\[\\s*])?\\s*(#.*)?$");
    private static final Pattern TOP_LEVEL_KEY = Pattern.compile("^[A-Za-z_][A-Za-z0-9_-]*\\s*:.*$");
    private static final Pattern ITEM = Pattern.compile("^(\\s*)- ");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private VerifiedQuestionsFile() {}

    /**
     * Writes the file with the question added, once the loader has read the new text and found the question in it
     * with this plan.
     *
     * @param note a comment line put above the entry, saying where it came from
     * @return the model as the new file holds it
     */
    public static SemanticModel add(Path file, String question, Plan plan, String note)
            throws IOException
    {
        String text = Files.readString(file, UTF_8);
        String added = withQuestion(text, question, plan, note);
        SemanticModel model = SemanticModelLoader.parse(file.toString(), new StringReader(added));
        if (model.verifiedQuestions().stream().noneMatch(verified -> verified.question().equals(question) && verified.plan().equals(plan))) {
            throw new IllegalStateException("the new entry of %s does not read back as the question and plan written; the file is left as it was".formatted(file));
        }
        Path written = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".new");
        try {
            Files.writeString(written, added, UTF_8);
            Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        finally {
            Files.deleteIfExists(written);
        }
        return model;
    }

    /**
     * The file's text with the entry added at the end of its {@code verified_questions} list.
     */
    static String withQuestion(String text, String question, Plan plan, String note)
    {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        // a file that ends with a newline splits into a last empty line, which stays last
        boolean endsWithNewline = text.endsWith("\n");
        if (endsWithNewline) {
            lines.removeLast();
        }
        int key = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (LIST_KEY.matcher(lines.get(i)).matches()) {
                key = i;
                break;
            }
        }
        if (key < 0) {
            if (!lines.isEmpty() && !lines.getLast().isBlank()) {
                lines.add("");
            }
            lines.add("verified_questions:");
            lines.addAll(entry(question, plan, note, "  "));
        }
        else {
            lines.set(key, "verified_questions:" + comment(lines.get(key)));
            int end = key + 1;
            while (end < lines.size() && !TOP_LEVEL_KEY.matcher(lines.get(end)).matches()) {
                end++;
            }
            // blank lines and comments just above the next key belong to it
            while (end > key + 1 && (lines.get(end - 1).isBlank() || lines.get(end - 1).stripLeading().startsWith("#"))) {
                end--;
            }
            String indent = "  ";
            for (int i = key + 1; i < end; i++) {
                Matcher item = ITEM.matcher(lines.get(i));
                if (item.find()) {
                    indent = item.group(1);
                    break;
                }
            }
            lines.addAll(end, entry(question, plan, note, indent));
        }
        return String.join("\n", lines) + (endsWithNewline ? "\n" : "");
    }

    private static String comment(String keyLine)
    {
        int hash = keyLine.indexOf('#');
        return hash < 0 ? "" : " " + keyLine.substring(hash);
    }

    /**
     * The entry as a list item at the list's indentation, with its note above it.
     */
    private static List<String> entry(String question, Plan plan, String note, String indent)
    {
        ObjectNode node = JSON.createObjectNode().put("question", question);
        node.set("plan", JSON.valueToTree(plan));
        String yaml;
        try {
            yaml = YAML.writeValueAsString(node);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        List<String> lines = new ArrayList<>();
        lines.add(indent + "# " + note);
        List<String> body = yaml.lines().toList();
        for (int i = 0; i < body.size(); i++) {
            lines.add(indent + (i == 0 ? "- " : "  ") + body.get(i));
        }
        return lines;
    }
}
