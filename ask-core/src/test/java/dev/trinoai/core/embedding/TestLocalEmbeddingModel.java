package dev.trinoai.core.embedding;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

final class TestLocalEmbeddingModel
{
    private static LocalEmbeddingModel model;

    @BeforeAll
    static void load()
    {
        model = LocalEmbeddingModel.load(2);
    }

    @AfterAll
    static void close()
    {
        model.close();
    }

    @Test
    void tokenizesLikeBertBaseUncased()
            throws IOException
    {
        try (InputStream json = LocalEmbeddingModel.class.getResourceAsStream("/all-minilm-l6-v2-q-tokenizer.json")) {
            BertTokenizer tokenizer = BertTokenizer.load(json);
            // ids of bert-base-uncased's vocabulary: [CLS] hello , world ! [SEP]
            assertThat(tokenizer.encode("Hello, WORLD!", 256)).containsExactly(101, 7592, 1010, 2088, 999, 102);
            // accents stripped; longest-match-first pieces: una ##ffa ##ble
            assertThat(tokenizer.encode("café unaffable", 256)).containsExactly(101, 7668, 14477, 20961, 3468, 102);
            assertThat(tokenizer.encode("a b c d e f", 4)).containsExactly(101, 1037, 1038, 102);
        }
    }

    @Test
    void vectorsHaveTheModelsDimensionAndUnitLength()
    {
        List<float[]> vectors = model.embed(List.of("Vendor delay on the payments gateway", ""), EmbeddingPurpose.DOCUMENT);
        assertThat(vectors).hasSize(2).allSatisfy(vector -> {
            assertThat(vector).hasSize(384);
            assertThat(Vectors.cosine(vector, vector)).isCloseTo(1.0, within(1e-5));
        });
        assertThat(model.id()).isEqualTo("local:all-minilm-l6-v2-q");
    }

    @Test
    void similarMeaningIsCloserThanUnrelatedText()
    {
        List<float[]> vectors = model.embed(List.of(
                "The supplier is late delivering the hardware, so the launch may slip.",
                "Vendor shipment delays put the release date at risk.",
                "The team celebrated the quarterly results with a picnic."), EmbeddingPurpose.DOCUMENT);
        double related = Vectors.cosine(vectors.get(0), vectors.get(1));
        double unrelated = Vectors.cosine(vectors.get(0), vectors.get(2));
        assertThat(related).isGreaterThan(0.5).isGreaterThan(unrelated + 0.3);
    }

    @Test
    void aTextEmbedsTheSameAloneAndInAPaddedBatch()
    {
        String text = "Apollo milestone slipped after the security review";
        float[] alone = model.embed(List.of(text), EmbeddingPurpose.QUERY).getFirst();
        float[] batched = model.embed(List.of("a much longer text that makes the batch pad the shorter one with several tokens", text), EmbeddingPurpose.QUERY).get(1);
        // int8 dynamic quantization scales activations per tensor, so padding moves a vector a little, never far
        assertThat(Vectors.cosine(alone, batched)).isGreaterThan(0.98);
    }

    @Test
    void longTextsAreCutNotRefused()
    {
        String huge = String.join(" ", Collections.nCopies(20_000, "budget"));
        assertThat(model.embed(List.of(huge), EmbeddingPurpose.DOCUMENT).getFirst()).hasSize(384);
    }

    @Test
    void oversizedBatchesAreRefused()
    {
        assertThatThrownBy(() -> model.embed(Collections.nCopies(65, "x"), EmbeddingPurpose.DOCUMENT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 64");
    }
}
