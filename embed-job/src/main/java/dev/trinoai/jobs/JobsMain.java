package dev.trinoai.jobs;

import dev.trinoai.jobs.ingest.MappingException;
import dev.trinoai.jobs.sample.SampleDataCommand;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * The jobs' command line: {@code generate}, {@code ingest}, {@code embed}, {@code eval}, {@code ask}, {@code feedback}, {@code declines}, {@code validate}, {@code explain}.
 */
public final class JobsMain
{
    private static final String USAGE = """
            usage: jobs COMMAND [ARGS]
              generate --out DIR [--seed N] [--as-of YYYY-MM-DD] [--scale N]
                  writes the sample PMO dataset (CSV and NDJSON) into DIR
              ingest --landing DIR|s3://bucket/prefix [--sources DIR] [--once | --every 1h] [--reload]
                     [--s3-region REGION] [--s3-endpoint URL]
                  loads the landing zone into the staging and star schemas of the database named by
                  AI_POSTGRES_URL (see the environment below)
              embed [--once | --every 1h] [--model-file FILE] [--provider local|bedrock] [--bedrock-model ID]
                    [--region REGION] [--endpoint URL] [--schema ask] [--prune-other-models]
                  embeds the text sources of the semantic model (default AI_SEMANTIC_MODEL or
                  etc/ai/semantic-model.yaml) from the star schema into SCHEMA.text_chunk (pgvector) of the
                  same database; only new or changed text costs an embedding call. A run that finds another
                  one under way says so and exits 0
              opensearch-sync [--schema ask] [--model ID]
                  moves the vectors of SCHEMA.text_chunk into OpenSearch (AI_RETRIEVAL_OPENSEARCH_URL), one index
                  per embedding model (or only ID), writing only the chunks that differ and deleting those gone;
                  no model call. Then set ai.retrieval.backend=opensearch in the catalog, and run embed with
                  AI_RETRIEVAL_BACKEND=opensearch, which keeps the index in step after each run
              eval [--questions eval/questions.yaml] [--as-of DATE] [--numbers-only] [--model-file FILE] [--only ID,...] [--max-wrong-rate R]
                  asks the evaluation set's questions in-process as of DATE (the set's first date) and checks
                  every number against its SQL (and every citation, unless --numbers-only);
                  fails when the wrong-number rate is above R (default 0)
              ask [--as-of DATE] [--model-file FILE] [--previous EARLIER]... [--sql] [QUESTION]
                  answers the question (or each line of standard input) in-process with the semantic model
                  as it is on disk, without Trino: to try a change to the model before installing it;
                  --previous gives the conversation's earlier questions, oldest first, for a follow-up
              validate [--sources DIR] [--model-file FILE|DIR]... [--as-of DATE]
                  checks every source mapping (default AI_INGEST_SOURCES or etc/ingest/sources) and semantic
                  model (default AI_SEMANTIC_MODEL, else etc/ai/semantic-model.yaml and etc/ai/models/) against
                  the database: tables, columns, joins, each metric's SQL run with LIMIT 0, each transform
                  planned (EXPLAIN), synonyms that collide or read as plain English; prints each problem as
                  FILE: line N: PROBLEM and exits 1 if there is one. Changes nothing, reads no row
              explain [--as-of DATE] [--model-file FILE] [--previous EARLIER]... QUESTION
                  a dry run: the plan, the restatement and the SQL of the question with the model file as it is
                  on disk, none of it run (the dimensions' values are read); exits 1 if it is declined
              feedback list [--rating up|down] | report | promote ID [--as-of DATE] [--model-file FILE]
                  the chat page's thumbs up and down from chat.feedback: list them, report the disliked for
                  review (question, restatement, SQL, comment), or promote a liked answer's question into the
                  model file's verified questions with its plan (scripts/jobs.sh logs in as the reviewer)
              declines [--since yesterday|today|YYYY-MM-DD] --log FILE
                  the questions the catalog declined since the day (default yesterday, UTC), from the answer
                  log in Trino's server log, grouped by the words not understood, with example questions
                  (the words and questions are logged with ai.log.question-text=true)
              help
                  prints this
            environment of ingest, embed, eval, ask, feedback, validate and explain (the catalog's ai.postgres.* keys, upper-cased):
              AI_POSTGRES_URL                  JDBC URL of the database, jdbc:postgresql://host:port/database
              AI_POSTGRES_USER                 the user to log in as
              AI_POSTGRES_PASSWORD             its password, or instead the secret that holds it:
              AI_POSTGRES_PASSWORD_SECRET_ID   name or ARN of the AWS Secrets Manager secret: the plain password, or
                                               JSON with "password" and optionally "username" (which wins over
                                               AI_POSTGRES_USER), as RDS writes it; read once, and again when
                                               PostgreSQL refuses the password (a rotation)
              AI_POSTGRES_SECRETS_REGION       the secret's region (default: the AWS SDK's, e.g. AWS_REGION)
              AI_POSTGRES_SECRETS_ENDPOINT     Secrets Manager endpoint override, e.g. a VPC endpoint (https://...)
            and of embed, eval, ask and opensearch-sync (the catalog's ai.retrieval.* keys, upper-cased):
              AI_RETRIEVAL_BACKEND             pgvector (default) or opensearch: where embed also writes, and ask
                                               and eval search
              AI_RETRIEVAL_OPENSEARCH_URL      the OpenSearch endpoint, e.g. http://127.0.0.1:9251
              AI_RETRIEVAL_OPENSEARCH_INDEX_PREFIX   start of the index names (default trino-ai-chunks)
              AI_RETRIEVAL_OPENSEARCH_AWS_REGION     set for Amazon OpenSearch Service: requests are signed (SigV4)
                                               with the AWS SDK's default credential chain
            """;

    private JobsMain() {}

    public static void main(String[] args)
    {
        System.exit(run(List.of(args), System.getenv(), System.out, System.err));
    }

    static int run(List<String> args, Map<String, String> environment, PrintStream out, PrintStream err)
    {
        if (args.isEmpty()) {
            err.print(USAGE);
            return 2;
        }
        List<String> rest = args.subList(1, args.size());
        try {
            return switch (args.getFirst()) {
                case "generate" -> SampleDataCommand.run(rest, out);
                case "ingest" -> IngestCommand.run(rest, environment, out);
                case "embed" -> EmbedCommand.run(rest, environment, out);
                case "opensearch-sync" -> OpenSearchSyncCommand.run(rest, environment, out);
                case "eval" -> EvalCommand.run(rest, environment, out);
                case "ask" -> AskCommand.run(rest, environment, System.in, out);
                case "declines" -> DeclinesCommand.run(rest, out, LocalDate.now(ZoneOffset.UTC));
                case "feedback" -> FeedbackCommand.run(rest, environment, out);
                case "validate" -> ValidateCommand.run(rest, environment, out);
                case "explain" -> ExplainCommand.run(rest, environment, out);
                case "help", "--help", "-h" -> {
                    out.print(USAGE);
                    yield 0;
                }
                default -> {
                    err.print(USAGE);
                    yield 2;
                }
            };
        }
        catch (IllegalArgumentException e) {
            err.println((e instanceof MappingException ? "bad source mapping: " : "error: ") + e.getMessage());
            return 2;
        }
        catch (Exception e) {
            err.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        }
    }
}
