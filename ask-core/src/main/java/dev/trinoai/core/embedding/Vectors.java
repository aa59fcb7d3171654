package dev.trinoai.core.embedding;

/**
 * Vector arithmetic the engine needs without a database round trip.
 */
public final class Vectors
{
    private Vectors() {}

    /**
     * Cosine similarity; 0 when either vector is all zeros.
     */
    public static double cosine(float[] left, float[] right)
    {
        if (left.length != right.length) {
            throw new IllegalArgumentException("vectors of %d and %d dimensions".formatted(left.length, right.length));
        }
        double dot = 0;
        double leftNorm = 0;
        double rightNorm = 0;
        for (int i = 0; i < left.length; i++) {
            dot += (double) left[i] * right[i];
            leftNorm += (double) left[i] * left[i];
            rightNorm += (double) right[i] * right[i];
        }
        if (leftNorm == 0 || rightNorm == 0) {
            return 0;
        }
        return dot / Math.sqrt(leftNorm * rightNorm);
    }

    /**
     * Scales to unit length in place, so cosine distance and inner product agree; returns its argument.
     */
    public static float[] normalize(float[] vector)
    {
        double norm = 0;
        for (float value : vector) {
            norm += (double) value * value;
        }
        if (norm > 0) {
            float scale = (float) (1 / Math.sqrt(norm));
            for (int i = 0; i < vector.length; i++) {
                vector[i] *= scale;
            }
        }
        return vector;
    }

    /**
     * The text form pgvector parses, {@code [0.1,0.2,...]}, for a {@code ?::vector} parameter.
     */
    public static String toPgvector(float[] vector)
    {
        StringBuilder text = new StringBuilder(vector.length * 12).append('[');
        for (int i = 0; i < vector.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            float value = vector[i];
            if (!Float.isFinite(value)) {
                throw new IllegalArgumentException("vector component %d is %s".formatted(i, value));
            }
            text.append(value);
        }
        return text.append(']').toString();
    }
}
