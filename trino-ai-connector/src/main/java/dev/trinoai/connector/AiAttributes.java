package dev.trinoai.connector;

import io.opentelemetry.api.common.AttributeKey;

import java.util.List;

import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

/**
 * The attributes of the catalog's spans: names of measures, dimensions, periods, counts and timings, never the
 * question's words or the data's values. Trino's own where Trino has one, OpenTelemetry's conventions for the models.
 */
final class AiAttributes
{
    static final AttributeKey<String> CATALOG = stringKey("trino.catalog");
    static final AttributeKey<String> QUERY_ID = stringKey("trino.query_id");

    static final AttributeKey<String> FUNCTION = stringKey("ai.function");
    static final AttributeKey<String> OUTCOME = stringKey("ai.outcome");
    static final AttributeKey<String> DECLINED = stringKey("ai.declined");
    static final AttributeKey<Boolean> VERIFIED = booleanKey("ai.verified");
    static final AttributeKey<List<String>> METRICS = stringArrayKey("ai.metrics");

    static final AttributeKey<String> DB_SYSTEM = stringKey("db.system");
    static final AttributeKey<String> METRIC = stringKey("ai.metric");
    static final AttributeKey<List<String>> GROUP_BY = stringArrayKey("ai.group_by");
    static final AttributeKey<List<String>> FILTERS = stringArrayKey("ai.filters");
    static final AttributeKey<String> PERIOD_START = stringKey("ai.period_start");
    static final AttributeKey<String> PERIOD_END = stringKey("ai.period_end");
    static final AttributeKey<Long> ROWS = longKey("ai.rows");

    static final AttributeKey<List<String>> SOURCES = stringArrayKey("ai.sources");
    static final AttributeKey<Boolean> FOLLOW_NUMBERS = booleanKey("ai.follow_numbers");
    static final AttributeKey<Long> CITATIONS = longKey("ai.citations");

    static final AttributeKey<String> LLM_MODEL = stringKey("gen_ai.request.model");
    static final AttributeKey<Long> INPUT_TOKENS = longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> OUTPUT_TOKENS = longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<Boolean> STREAMED = booleanKey("ai.llm.streamed");
    static final AttributeKey<String> EMBEDDING_MODEL = stringKey("ai.embedding.model");
    static final AttributeKey<Long> TEXTS = longKey("ai.embedding.texts");

    // the failure's class or error code: its message may quote the question
    static final AttributeKey<String> ERROR_TYPE = stringKey("error.type");

    private AiAttributes() {}
}
