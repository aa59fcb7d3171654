package dev.trinoai.core.interpret;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trinoai.core.model.SemanticModel;
import dev.trinoai.core.model.SemanticModelLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.LocalDate;

final class ScratchPlans
{
    @Test
    void print() throws Exception
    {
        SemanticModel model = SemanticModelLoader.load(Path.of("../etc/ai/semantic-model.yaml"));
        Vocabulary vocabulary;
        try (var c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/trino_ai", "postgres", "")) {
            vocabulary = Vocabulary.load(model, c);
        }
        Interpreter interpreter = new Interpreter(model, vocabulary);
        ObjectMapper json = new ObjectMapper();
        for (String q : Files.readAllLines(Path.of("/tmp/scratch/questions.txt"))) {
            if (q.isBlank()) continue;
            Interpretation i = interpreter.interpret(q, LocalDate.of(2026, 11, 25));
            System.out.println("Q: " + q + "\n   " + json.writeValueAsString(i.plan()) + "\n   understood=" + i.understood() + " declined=" + i.declined().orElse("-"));
        }
    }
}
