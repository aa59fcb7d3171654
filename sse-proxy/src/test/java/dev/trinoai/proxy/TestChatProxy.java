package dev.trinoai.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code POST /api/chat} speaks the AI SDK's UI message stream over the real plugin, follow-ups read as one with the
 * conversation's earlier questions, and conversations and feedback are kept per user in PostgreSQL through the
 * proxy's own least-privileged login.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("security")
final class TestChatProxy
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APOLLO = "What is the budget variance % for Apollo this quarter?";
    private static final String FALCON = "What is the budget variance % for Falcon this quarter?";
    private static final String NUMBERS_QUESTION = "What is the budget variance by program this quarter?";
    private static final String VERIFIED_INCIDENT_QUESTION = "What is the MTTR by team this quarter?";

    private TestingAskStack stack;
    private ProxyServer proxy;

    @BeforeAll
    void start()
            throws Exception
    {
        stack = TestingAskStack.start(Map.of(), List.of("alice", "bob"), Set.of());
        proxy = stack.proxy(stack.chatStore());
    }

    @AfterAll
    void stop()
    {
        TestingAskStack.close(stack, proxy);
    }

    @Test
    void answersWithTheUiMessageStreamProtocol()
    {
        SseClient.Response response = SseClient.chat(proxy.uri(), Optional.of("analyst"), conversation(newId(), NUMBERS_QUESTION));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-vercel-ai-ui-message-stream")).hasValue("v1");
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
        assertThat(response.events()).extracting(SseClient.Event::name).containsOnly("message");
        assertThat(response.last().data().asText()).isEqualTo("[DONE]");

        List<JsonNode> chunks = chunks(response);
        List<String> types = chunks.stream().map(chunk -> chunk.get("type").asText()).toList();
        assertThat(types.getFirst()).isEqualTo("start");
        assertThat(chunks.getFirst().get("messageId").asText()).startsWith("answer-");
        assertThat(types.getLast()).isEqualTo("finish");
        // what was computed, then the numbers, the answer in words as one text part, the SQL
        assertThat(types).containsSubsequence("data-restatement", "data-number", "text-start", "text-delta", "text-end", "finish");
        assertThat(types).containsSubsequence("data-number", "data-sql", "text-end");
        assertThat(types.indexOf("data-restatement")).isLessThan(types.indexOf("data-number"));
        assertThat(chunks).filteredOn(chunk -> chunk.get("type").asText().startsWith("text-")).allSatisfy(chunk -> assertThat(chunk.get("id").asText()).isEqualTo("answer"));

        assertThat(restatement(chunks)).startsWith("Budget variance by program, this quarter");
        JsonNode number = chunks.stream().filter(chunk -> chunk.get("type").asText().equals("data-number")).findFirst().orElseThrow().get("data");
        assertThat(number.get("metric").asText()).isEqualTo("budget_variance");
        assertThat(number.get("value").isNumber()).isTrue();
        assertThat(number.get("dimensions").has("program")).isTrue();
        assertThat(answerText(chunks)).contains("$").doesNotContainPattern("[.!?][A-Z]");
        assertThat(chunks.stream().filter(chunk -> chunk.get("type").asText().equals("data-sql")).findFirst().orElseThrow().at("/data/text").asText()).contains("FROM star.");

        JsonNode metadata = chunks.getLast().get("messageMetadata");
        assertThat(chunks.getLast().get("finishReason").asText()).isEqualTo("stop");
        assertThat(metadata.get("status").asText()).isEqualTo("done");
        assertThat(metadata.get("rows").asInt()).isPositive();
        String queryId = metadata.get("queryId").asText();
        assertThat(stack.accessLogWith(queryId)).anySatisfy(line -> assertThat(line)
                .contains("\"path\":\"/api/chat\"", "\"status\":200", "\"user\":\"analyst\"", "\"outcome\":\"done\"", queryId)
                .doesNotContain("budget variance"));
    }

    @Test
    void aFollowUpIsAnsweredWithTheConversationsEarlierQuestions()
    {
        String id = newId();
        List<JsonNode> first = chunks(SseClient.chat(proxy.uri(), Optional.of("analyst"), conversation(id, APOLLO)));
        assertThat(numbers(first)).containsOnlyKeys("Apollo");

        // as useChat sends it: the whole conversation, the first answer included
        ObjectNode followUp = conversation(id, APOLLO, "and for Falcon?");
        ((ArrayNode) followUp.get("messages")).insert(1, assistantMessage(first));
        List<JsonNode> second = chunks(SseClient.chat(proxy.uri(), Optional.of("analyst"), followUp));

        Map<String, Double> falcon = numbers(chunks(SseClient.chat(proxy.uri(), Optional.of("analyst"), conversation(newId(), FALCON))));
        assertThat(falcon).containsOnlyKeys("Falcon");
        assertThat(numbers(second)).containsOnlyKeys("Falcon");
        assertThat(numbers(second).get("Falcon")).isCloseTo(falcon.get("Falcon"), within(1e-9));
        assertThat(restatement(second)).contains("Follow-up to \"" + APOLLO + "\"", "Falcon instead of Apollo");
    }

    @Test
    void suggestedFollowUpsAreDataSuggestionPartsHoldingTheirRowAndAreAnsweredWhenAsked()
    {
        String id = newId();
        List<JsonNode> answer = chunks(SseClient.chat(proxy.uri(), Optional.of("analyst"), conversation(id, APOLLO)));
        List<String> types = answer.stream().map(chunk -> chunk.get("type").asText()).toList();
        List<JsonNode> suggestions = answer.stream().filter(chunk -> chunk.get("type").asText().equals("data-suggestion")).map(chunk -> chunk.get("data")).toList();

        // the rows of ai.system.ask, in their order, after everything else of the answer
        List<String> rows = stack.trinoQuery("SELECT text FROM TABLE(ai.system.ask(question => '%s')) WHERE kind = 'suggestion' ORDER BY seq".formatted(APOLLO))
                .getOnlyColumn().map(String.class::cast).toList();
        assertThat(rows).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        assertThat(suggestions).extracting(data -> data.get("text").asText()).containsExactlyElementsOf(rows);
        for (int i = 0; i < suggestions.size(); i++) {
            JsonNode data = suggestions.get(i);
            assertThat(data.get("kind").asText()).isEqualTo("suggestion");
            assertThat(data.get("seq").asInt()).isEqualTo(i + 1);
            for (String column : List.of("metric", "value", "unit", "dimensions", "source", "score")) {
                assertThat(data.get(column).isNull()).as(column).isTrue();
            }
        }
        assertThat(types.indexOf("data-suggestion")).isGreaterThan(types.lastIndexOf("data-sql"));
        assertThat(types.subList(types.indexOf("data-suggestion"), types.size())).containsExactly(
                Stream.concat(suggestions.stream().map(data -> "data-suggestion"), Stream.of("text-end", "finish")).toArray(String[]::new));

        // clicking one asks it in the same conversation: answered with numbers, as a follow-up
        String next = suggestions.getFirst().get("text").asText();
        ObjectNode followUp = conversation(id, APOLLO, next);
        ((ArrayNode) followUp.get("messages")).insert(1, assistantMessage(answer));
        List<JsonNode> followed = chunks(SseClient.chat(proxy.uri(), Optional.of("analyst"), followUp));
        assertThat(numbers(followed)).isNotEmpty();
        assertThat(restatement(followed)).contains("Follow-up to \"" + APOLLO + "\"");
        assertThat(followed).noneSatisfy(chunk -> assertThat(chunk.at("/data/text").asText()).startsWith("I did not answer"));

        // /ask sends the same rows as events named suggestion
        SseClient.Response asked = SseClient.ask(proxy.uri(), Optional.of("analyst"), APOLLO);
        assertThat(asked.events()).filteredOn(event -> event.name().equals("suggestion")).extracting(event -> event.data())
                .containsExactlyElementsOf(suggestions);
    }

    @Test
    void trinoIsGivenTheLatestTenEarlierQuestions()
    {
        String[] questions = IntStream.rangeClosed(1, 12).mapToObj(i -> "What is the MTTR by team this quarter? (asked %02d)".formatted(i)).toArray(String[]::new);
        String[] asked = new String[13];
        System.arraycopy(questions, 0, asked, 0, 12);
        asked[12] = "and by month?";
        JsonNode finish = chunks(SseClient.chat(proxy.uri(), Optional.of("alice"), conversation(newId(), asked))).getLast();

        String query = (String) stack.trinoQuery("SELECT query FROM system.runtime.queries WHERE query_id = '%s'".formatted(finish.at("/messageMetadata/queryId").asText()))
                .getOnlyValue();
        assertThat(query).contains("previous => ARRAY[?, ?, ?, ?, ?, ?, ?, ?, ?, ?]");
        assertThat(query).contains("(asked 03)", "(asked 12)").doesNotContain("(asked 01)", "(asked 02)");
    }

    @Test
    void keepsEachConversationForItsOwnerOnly()
    {
        String id = newId();
        List<JsonNode> answer = chunks(SseClient.chat(proxy.uri(), Optional.of("alice"), conversation(id, APOLLO)));

        JsonNode listed = listConversations("alice");
        assertThat(listed).anySatisfy(conversation -> {
            assertThat(conversation.get("id").asText()).isEqualTo(id);
            assertThat(conversation.get("title").asText()).isEqualTo(APOLLO);
            assertThat(conversation.get("questions").asInt()).isEqualTo(1);
        });
        JsonNode loaded = get("/api/conversations/" + id, "alice").json();
        assertThat(loaded.get("title").asText()).isEqualTo(APOLLO);
        JsonNode messages = loaded.get("messages");
        assertThat(messages).hasSize(2);
        assertThat(messages.get(0).get("role").asText()).isEqualTo("user");
        assertThat(messages.get(0).at("/parts/0/text").asText()).isEqualTo(APOLLO);
        // the answer as a reader of the stream holds it: the same id, parts and metadata
        assertThat(messages.get(1)).isEqualTo(assistantMessage(answer));

        // another user's conversation is as unknown as one that does not exist, and listed nowhere
        SseClient.Response stranger = get("/api/conversations/" + id, "bob");
        assertThat(stranger.status()).isEqualTo(404);
        assertThat(stranger.json().get("message").asText()).isEqualTo("You have no conversation %s.".formatted(id));
        assertThat(listConversations("bob")).noneSatisfy(conversation -> assertThat(conversation.get("id").asText()).isEqualTo(id));

        // the same id from another user is another conversation, and leaves the first as it was
        chunks(SseClient.chat(proxy.uri(), Optional.of("bob"), conversation(id, FALCON)));
        assertThat(get("/api/conversations/" + id, "bob").json().get("title").asText()).isEqualTo(FALCON);
        assertThat(get("/api/conversations/" + id, "alice").json()).isEqualTo(loaded);
    }

    @Test
    void aThumbsDownIsKeptWithTheQuestionTheRestatementAndTheSql()
            throws SQLException
    {
        String id = newId();
        List<JsonNode> answer = chunks(SseClient.chat(proxy.uri(), Optional.of("alice"), conversation(id, APOLLO)));
        String messageId = answer.getFirst().get("messageId").asText();
        String feedbackPath = "/api/conversations/%s/messages/%s/feedback".formatted(id, messageId);

        SseClient.Response stored = post(feedbackPath, "alice", "{\"rating\": \"down\", \"comment\": \"I meant the forecast\"}");
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.json().get("rating").asText()).isEqualTo("down");
        assertThat(stored.json().get("question").asText()).isEqualTo(APOLLO);

        List<String> row = stack.postgres().query("""
                SELECT concat_ws(' | ', owner, rating, comment, question, restatement, sql) FROM chat.feedback
                WHERE conversation_id = '%s' AND message_id = '%s'""".formatted(id, messageId));
        assertThat(row).singleElement().satisfies(line -> assertThat(line)
                .startsWith("alice | down | I meant the forecast | " + APOLLO + " | " + restatement(answer))
                .contains("FROM star."));
        assertThat(get("/api/conversations/" + id, "alice").json().at("/messages/1/metadata/feedback"))
                .isEqualTo(JSON.createObjectNode().put("rating", "down").put("comment", "I meant the forecast"));

        // a second rating replaces the first; nobody else may rate the answer; a rating is up or down
        assertThat(post(feedbackPath, "alice", "{\"rating\": \"up\"}").status()).isEqualTo(200);
        assertThat(stack.postgres().query("SELECT rating || coalesce(comment, '') FROM chat.feedback WHERE message_id = '%s'".formatted(messageId))).containsExactly("up");
        assertThat(post(feedbackPath, "bob", "{\"rating\": \"down\"}").status()).isEqualTo(404);
        assertThat(post(feedbackPath, "alice", "{\"rating\": \"meh\"}").status()).isEqualTo(400);
        assertThat(post(feedbackPath.replace(messageId, answer.getFirst().get("messageId").asText() + "x"), "alice", "{\"rating\": \"up\"}").status()).isEqualTo(404);
    }

    @Test
    void askingAgainReplacesTheKeptAnswer()
    {
        String id = newId();
        chunks(SseClient.chat(proxy.uri(), Optional.of("alice"), conversation(id, APOLLO)));
        ObjectNode again = conversation(id, APOLLO).put("trigger", "regenerate-message");
        String newAnswer = chunks(SseClient.chat(proxy.uri(), Optional.of("alice"), again)).getFirst().get("messageId").asText();

        JsonNode messages = get("/api/conversations/" + id, "alice").json().get("messages");
        assertThat(messages).extracting(message -> message.get("role").asText()).containsExactly("user", "assistant");
        assertThat(messages.get(1).get("id").asText()).isEqualTo(newAnswer);
    }

    @Test
    void aFailedQuestionEndsWithAFailurePartAndTheProtocolsErrorAndIsKept()
    {
        String id = newId();
        String question = "How is Apollo doing? " + "x".repeat(TestingAskStack.CATALOG_MAX_QUESTION_LENGTH);
        List<JsonNode> chunks = chunks(SseClient.chat(proxy.uri(), Optional.of("failing"), conversation(id, question)));

        assertThat(chunks).extracting(chunk -> chunk.get("type").asText()).containsExactly("start", "data-failure", "error", "finish");
        JsonNode failure = chunks.get(1).get("data");
        assertThat(failure.get("name").asText()).matches("[A-Z_]+").isNotEqualTo("UNKNOWN");
        assertThat(failure.get("message").asText()).contains("the limit is " + TestingAskStack.CATALOG_MAX_QUESTION_LENGTH);
        assertThat(chunks.get(2).get("errorText").asText()).isEqualTo(failure.get("name").asText() + ": " + failure.get("message").asText());
        assertThat(chunks.get(3).get("finishReason").asText()).isEqualTo("error");
        assertThat(get("/api/conversations/" + id, "failing").json().at("/messages/1/metadata/status").asText()).isEqualTo("error");
    }

    @Test
    void anAnswerStoppedMidStreamIsKeptAsFarAsItWent()
            throws Exception
    {
        String id = newId();
        try (Connection lock = stack.postgres().connect(); Statement statement = lock.createStatement()) {
            lock.setAutoCommit(false);
            statement.execute("LOCK TABLE star.fact_incident IN ACCESS EXCLUSIVE MODE");
            try (Socket _ = SseClient.openStream(proxy.uri(), "/api/chat", "canceller", conversation(id, VERIFIED_INCIDENT_QUESTION), "data-notice")) {
                // closed here: the client has gone
            }
            finally {
                long deadline = System.nanoTime() + SECONDS.toNanos(20);
                while (stack.accessLog().stream().noneMatch(line -> line.contains("\"user\":\"canceller\"") && line.contains("/api/chat")) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                lock.rollback();
            }
        }
        assertThat(stack.accessLog()).anySatisfy(line -> assertThat(line).contains("\"path\":\"/api/chat\"", "\"user\":\"canceller\"", "\"outcome\":\"disconnected\""));
        JsonNode stopped = get("/api/conversations/" + id, "canceller").json().at("/messages/1");
        assertThat(stopped.at("/metadata/status").asText()).isEqualTo("stopped");
        assertThat(stopped.get("parts")).extracting(part -> part.get("type").asText()).contains("data-notice").doesNotContain("data-failure", "data-number");
    }

    @Test
    void refusesWhatUseChatWouldNeverSend()
    {
        assertThat(SseClient.chat(proxy.uri(), Optional.empty(), conversation(newId(), APOLLO)).status()).isEqualTo(401);
        assertThat(get("/api/conversations", null).status()).isEqualTo(401);
        assertThat(refusal(JSON.createObjectNode().put("id", "a/b").set("messages", conversation(newId(), APOLLO).get("messages")))).contains("Id must be");
        ObjectNode noText = conversation(newId(), APOLLO);
        ((ObjectNode) noText.at("/messages/0")).putArray("parts");
        assertThat(refusal(noText)).contains("the last message's text parts");
        ObjectNode lastIsAnswer = conversation(newId(), APOLLO);
        ((ArrayNode) lastIsAnswer.get("messages")).add(JSON.createObjectNode().put("id", "a1").put("role", "assistant"));
        assertThat(refusal(lastIsAnswer)).contains("its role must be user");
        assertThat(refusal(conversation(newId(), "x".repeat(2001)))).contains("the limit is 2000");
        assertThat(refusal(conversation(newId(), APOLLO).put("trigger", "resume-stream"))).contains("trigger must be");
        assertThat(SseClient.api(proxy.uri().resolve("/api/chat"), "GET", Optional.of("analyst"), Optional.empty()).status()).isEqualTo(405);
    }

    @Test
    void withoutAStoreTheQuestionIsAnsweredAndNothingIsKept()
    {
        try (ProxyServer forgetful = stack.proxy(Map.of())) {
            List<JsonNode> chunks = chunks(SseClient.chat(forgetful.uri(), Optional.of("analyst"), conversation(newId(), APOLLO)));
            assertThat(numbers(chunks)).containsOnlyKeys("Apollo");
            SseClient.Response list = SseClient.api(forgetful.uri().resolve("/api/conversations"), "GET", Optional.of("analyst"), Optional.empty());
            assertThat(list.status()).isEqualTo(404);
            assertThat(list.json().get("message").asText()).contains("keeps no conversations");
        }
    }

    @Test
    void theProxysLoginReadsAndWritesTheChatTablesAndNothingElse()
            throws SQLException
    {
        try (Connection connection = DriverManager.getConnection(stack.postgres().jdbcUrl(), stack.chatLogin(), stack.chatPassword());
                Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT count(*) FROM chat.conversation").close();
            for (String forbidden : new String[] {
                    "SELECT count(*) FROM star.fact_budget",
                    "SELECT count(*) FROM ask.text_chunk",
                    "CREATE TABLE chat.x (a int)",
                    "CREATE TABLE public.x (a int)",
                    "ALTER TABLE chat.message ADD COLUMN x int",
                    "DROP TABLE chat.feedback",
                    "TRUNCATE chat.conversation CASCADE"}) {
                assertThatThrownBy(() -> statement.execute(forbidden)).as(forbidden).isInstanceOf(SQLException.class).hasMessageMatching("(?s).*(permission denied|must be owner).*");
            }
        }
    }

    private String refusal(JsonNode body)
    {
        SseClient.Response response = SseClient.chat(proxy.uri(), Optional.of("analyst"), body);
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        return response.json().get("message").asText();
    }

    /**
     * The body useChat posts: the conversation's id and its user messages, the last the question.
     */
    private static ObjectNode conversation(String id, String... questions)
    {
        ObjectNode body = JSON.createObjectNode().put("id", id).put("trigger", "submit-message");
        ArrayNode messages = body.putArray("messages");
        for (int i = 0; i < questions.length; i++) {
            ObjectNode message = messages.addObject().put("id", "question-" + (i + 1)).put("role", "user");
            message.putArray("parts").addObject().put("type", "text").put("text", questions[i]);
        }
        return body;
    }

    /**
     * The assistant message a reader of the stream builds, as the AI SDK's processUIMessageStream does: parts in the
     * order they began, a data part with an id replaced by a later one with the same id, the text part's deltas joined.
     */
    private static ObjectNode assistantMessage(List<JsonNode> chunks)
    {
        ObjectNode message = JSON.createObjectNode().put("id", chunks.getFirst().get("messageId").asText()).put("role", "assistant");
        ArrayNode parts = message.putArray("parts");
        ObjectNode text = null;
        for (JsonNode chunk : chunks) {
            String type = chunk.get("type").asText();
            if (type.equals("text-start")) {
                text = parts.addObject().put("type", "text").put("text", "").put("state", "streaming");
            }
            else if (type.equals("text-delta")) {
                text.put("text", text.get("text").asText() + chunk.get("delta").asText());
            }
            else if (type.equals("text-end")) {
                text.put("state", "done");
            }
            else if (type.startsWith("data-")) {
                JsonNode existing = chunk.has("id") ? StreamSupport.stream(parts.spliterator(), false)
                        .filter(part -> part.path("type").asText().equals(type) && part.path("id").asText().equals(chunk.get("id").asText()))
                        .findFirst().orElse(null) : null;
                if (existing == null) {
                    parts.add(chunk.deepCopy());
                }
                else {
                    ((ObjectNode) existing).set("data", chunk.get("data"));
                }
            }
            else if (type.equals("finish")) {
                message.set("metadata", chunk.get("messageMetadata"));
            }
        }
        return message;
    }

    private static List<JsonNode> chunks(SseClient.Response response)
    {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<SseClient.Event> events = response.events();
        assertThat(events.getLast().data().asText()).isEqualTo("[DONE]");
        List<JsonNode> chunks = new ArrayList<>();
        events.subList(0, events.size() - 1).forEach(event -> chunks.add(event.data()));
        assertThat(chunks).allSatisfy(chunk -> assertThat(chunk.isObject() && chunk.has("type")).as(chunk.toString()).isTrue());
        return chunks;
    }

    private static String restatement(List<JsonNode> chunks)
    {
        return chunks.stream().filter(chunk -> chunk.get("type").asText().equals("data-restatement")).reduce((first, second) -> second).orElseThrow().at("/data/text").asText();
    }

    private static String answerText(List<JsonNode> chunks)
    {
        StringBuilder text = new StringBuilder();
        chunks.stream().filter(chunk -> chunk.get("type").asText().equals("text-delta")).forEach(chunk -> text.append(chunk.get("delta").asText()));
        return text.toString();
    }

    /**
     * The numbers by program.
     */
    private static Map<String, Double> numbers(List<JsonNode> chunks)
    {
        Map<String, Double> numbers = new LinkedHashMap<>();
        chunks.stream().filter(chunk -> chunk.get("type").asText().equals("data-number"))
                .forEach(chunk -> numbers.put(chunk.at("/data/dimensions/program").asText(), chunk.at("/data/value").asDouble()));
        return numbers;
    }

    private JsonNode listConversations(String user)
    {
        SseClient.Response response = get("/api/conversations", user);
        assertThat(response.status()).isEqualTo(200);
        return response.json().get("conversations");
    }

    private SseClient.Response get(String path, String user)
    {
        return SseClient.api(proxy.uri().resolve(path), "GET", Optional.ofNullable(user), Optional.empty());
    }

    private SseClient.Response post(String path, String user, String body)
    {
        return SseClient.api(proxy.uri().resolve(path), "POST", Optional.of(user), Optional.of(body));
    }

    private static String newId()
    {
        return "c-" + UUID.randomUUID().toString().substring(0, 13);
    }
}
