package dev.trinoai.connector;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.context.Scope;

import java.util.function.BiConsumer;
import java.util.function.Supplier;

import static dev.trinoai.connector.AiAttributes.ERROR_TYPE;
import static io.opentelemetry.api.trace.StatusCode.ERROR;

final class Spans
{
    private Spans() {}

    /**
     * Runs {@code work} in a span, the current one meanwhile so that the calls it makes are its children, and lets
     * {@code describe} add what the result says. A failure marks the span with its class and without its message,
     * which may quote the question.
     */
    static <T> T inSpan(SpanBuilder builder, Supplier<T> work, BiConsumer<Span, T> describe)
    {
        Span span = builder.startSpan();
        try (Scope _ = span.makeCurrent()) {
            T result = work.get();
            describe.accept(span, result);
            return result;
        }
        catch (Throwable e) {
            span.setStatus(ERROR);
            span.setAttribute(ERROR_TYPE, e.getClass().getSimpleName());
            throw e;
        }
        finally {
            span.end();
        }
    }
}
