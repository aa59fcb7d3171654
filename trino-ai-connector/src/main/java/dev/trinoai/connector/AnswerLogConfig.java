package dev.trinoai.connector;

import io.airlift.configuration.Config;
import io.airlift.configuration.ConfigDescription;

/**
 * What the answer log keeps of each question beyond what the engine made of it.
 */
public class AnswerLogConfig
{
    private boolean questionText;

    public boolean isQuestionText()
    {
        return questionText;
    }

    @Config("ai.log.question-text")
    @ConfigDescription("Log each question's words: its text, the filter values read from it, and the decline or error message that quotes it")
    public AnswerLogConfig setQuestionText(boolean questionText)
    {
        this.questionText = questionText;
        return this;
    }
}
