package dev.trinoai.core.llm;

import dev.trinoai.core.remote.AwsFailures;
import dev.trinoai.core.remote.BedrockTarget;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClientBuilder;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.InferenceConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.Message;
import software.amazon.awssdk.services.bedrockruntime.model.SystemContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;
import software.amazon.awssdk.utils.SdkAutoCloseable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * A model on Amazon Bedrock through the Converse API: {@code Converse} on the blocking client over the JDK's HTTP
 * client for whole replies, {@code ConverseStream} (which only the async client offers) over Netty for streamed ones.
 * The SDK does not retry: {@link CallPolicy} does.
 */
final class BedrockLlmClient
        implements LlmClient
{
    private final BedrockRuntimeClient client;
    private final BedrockRuntimeAsyncClient asyncClient;
    private final AwsCredentialsProvider credentials;
    private final BedrockTarget target;
    private final CallPolicy policy;

    private BedrockLlmClient(BedrockRuntimeClient client, BedrockRuntimeAsyncClient asyncClient, AwsCredentialsProvider credentials, BedrockTarget target, CallPolicy policy)
    {
        this.client = requireNonNull(client, "client is null");
        this.asyncClient = requireNonNull(asyncClient, "asyncClient is null");
        this.credentials = requireNonNull(credentials, "credentials is null");
        this.target = requireNonNull(target, "target is null");
        this.policy = requireNonNull(policy, "policy is null");
    }

    static BedrockLlmClient create(LlmSettings settings)
    {
        Region region = settings.bedrockRegion().map(Region::of).orElseGet(BedrockLlmClient::defaultRegion);
        AwsCredentialsProvider credentials = settings.bedrockProfile()
                .<AwsCredentialsProvider>map(ProfileCredentialsProvider::create)
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        Duration timeout = settings.timeout();
        BedrockRuntimeClientBuilder builder = BedrockRuntimeClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                .httpClientBuilder(UrlConnectionHttpClient.builder().connectionTimeout(connectTimeout(timeout)).socketTimeout(timeout))
                .overrideConfiguration(configuration -> configuration.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(timeout));
        BedrockRuntimeAsyncClientBuilder asyncBuilder = BedrockRuntimeAsyncClient.builder()
                .region(region)
                .credentialsProvider(credentials)
                // the SDK's model asks for HTTP/2, which Bedrock also serves over HTTP/1.1 (as boto3 streams it): one
                // connection per stream, and the same protocol against a VPC endpoint, a proxy and the tests' server
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1).connectionTimeout(connectTimeout(timeout)).readTimeout(timeout))
                .overrideConfiguration(configuration -> configuration.retryStrategy(AwsRetryStrategy.doNotRetry()));
        settings.bedrockEndpoint().ifPresent(endpoint -> {
            builder.endpointOverride(endpoint);
            asyncBuilder.endpointOverride(endpoint);
        });
        BedrockTarget target = new BedrockTarget(settings.bedrockModel(), region.id(), settings.bedrockEndpoint());
        return new BedrockLlmClient(builder.build(), asyncBuilder.build(), credentials, target, new CallPolicy("bedrock " + settings.bedrockModel(), settings));
    }

    private static Duration connectTimeout(Duration timeout)
    {
        return timeout.compareTo(Duration.ofSeconds(5)) < 0 ? timeout : Duration.ofSeconds(5);
    }

    private static Region defaultRegion()
    {
        try {
            return new DefaultAwsRegionProviderChain().getRegion();
        }
        catch (SdkException e) {
            throw new LlmException("no AWS region for Bedrock: set ai.llm.bedrock.region or AWS_REGION", false, e);
        }
    }

    @Override
    public String describe()
    {
        return "bedrock " + target.modelId();
    }

    @Override
    public LlmReply complete(LlmRequest request)
    {
        return policy.call(_ -> {
            try {
                ConverseResponse response = client.converse(converse -> converse
                        .modelId(target.modelId())
                        .system(SystemContentBlock.fromText(request.system()))
                        .messages(messages(request))
                        .inferenceConfig(inference(request)));
                String text = response.output().message().content().stream()
                        .map(ContentBlock::text)
                        .filter(part -> part != null)
                        .collect(Collectors.joining());
                return new LlmReply(text, usage(response.usage()));
            }
            catch (ApiCallTimeoutException e) {
                throw policy.timedOut();
            }
            catch (SdkException e) {
                throw describe(e, "Converse");
            }
        });
    }

    @Override
    public LlmUsage stream(LlmRequest request, Consumer<String> chunks)
    {
        return policy.call(deadline -> {
            ReplyStream reply = new ReplyStream();
            ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                    .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                            .onContentBlockDelta(event -> reply.text(event.delta().text() == null ? "" : event.delta().text()))
                            .onMetadata(event -> reply.usage(usage(event.usage())))
                            .build())
                    .onError(e -> reply.fail(failure(e)))
                    .onComplete(reply::end)
                    .build();
            CompletableFuture<Void> call = asyncClient.converseStream(converse -> converse
                    .modelId(target.modelId())
                    .system(SystemContentBlock.fromText(request.system()))
                    .messages(messages(request))
                    .inferenceConfig(inference(request)), handler);
            call.whenComplete((_, e) -> {
                if (e != null) {
                    reply.fail(failure(e));
                }
            });
            return reply.drain(deadline, chunks, () -> call.cancel(true), policy::timedOut);
        });
    }

    private static List<Message> messages(LlmRequest request)
    {
        return request.messages().stream()
                .map(message -> Message.builder()
                        .role(message.role() == LlmMessage.Role.USER ? ConversationRole.USER : ConversationRole.ASSISTANT)
                        .content(ContentBlock.fromText(message.text()))
                        .build())
                .toList();
    }

    private static InferenceConfiguration inference(LlmRequest request)
    {
        // the same question gets the same plan and wording
        return InferenceConfiguration.builder().maxTokens(request.maxTokens()).temperature(0f).build();
    }

    private static LlmUsage usage(TokenUsage usage)
    {
        return usage == null ? LlmUsage.NONE : new LlmUsage(usage.inputTokens() == null ? 0 : usage.inputTokens(), usage.outputTokens() == null ? 0 : usage.outputTokens());
    }

    private LlmException failure(Throwable thrown)
    {
        Throwable e = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
        return switch (e) {
            case LlmException failure -> failure;
            case SdkException sdk -> describe(sdk, "ConverseStream");
            default -> new LlmException("cannot call Bedrock for %s: %s".formatted(target.modelId(), e), AwsFailures.hasIoCause(e), e);
        };
    }

    /**
     * What to fix, in the words of the IAM action the operation needs; never the text of a credential error.
     */
    private LlmException describe(SdkException e, String operation)
    {
        boolean retryable = AwsFailures.retryable(e);
        if (!(e instanceof AwsServiceException service)) {
            return new LlmException("cannot reach Bedrock at %s (%s): check the endpoint, the network route to it and any proxy".formatted(target.where(), AwsFailures.rootMessage(e)), retryable, e);
        }
        AwsErrorDetails details = service.awsErrorDetails();
        String code = details == null || details.errorCode() == null ? "unknown error" : details.errorCode();
        String aws = details == null || details.errorMessage() == null ? "" : details.errorMessage();
        String action = operation.equals("Converse") ? "bedrock:InvokeModel" : "bedrock:InvokeModelWithResponseStream";
        String message;
        if (AwsFailures.isCredentialError(code)) {
            message = "Bedrock rejected the AWS credentials (%s): check ai.llm.bedrock.profile or what the default credential chain finds".formatted(code);
        }
        else if (service.isThrottlingException() || service.statusCode() == 429) {
            message = "Bedrock throttled %s in %s (%s: %s): raise the model's quota in Service Quotas or lower ai.llm.max-concurrent".formatted(target.modelId(), target.region(), code, aws);
        }
        else if (code.equals("AccessDeniedException")) {
            message = "Bedrock denied %s on %s: enable model access in %s and grant %s on %s (%s)".formatted(operation, target.modelId(), target.region(), action, target.modelArn(), aws);
        }
        else if (code.equals("ResourceNotFoundException") || code.equals("ValidationException")) {
            message = "Bedrock refused %s for %s in %s (%s: %s): check ai.llm.bedrock.model and ai.llm.bedrock.region".formatted(operation, target.modelId(), target.region(), code, aws);
        }
        else {
            // an unknown error's text is not known to be free of request details, so only its code is shown
            message = "Bedrock %s on %s in %s failed (HTTP %d %s)".formatted(operation, target.modelId(), target.region(), service.statusCode(), code);
        }
        return new LlmException(message, retryable, e);
    }

    @Override
    public void close()
    {
        client.close();
        asyncClient.close();
        if (credentials instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }
}
