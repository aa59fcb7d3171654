package dev.trinoai.core.embedding;

import dev.trinoai.core.remote.AwsFailures;
import dev.trinoai.core.remote.BedrockTarget;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What to tell the operator about a Bedrock embedding call that failed.
 */
final class BedrockErrors
{
    private BedrockErrors() {}

    static EmbeddingException describe(SdkException e, BedrockTarget target, int attempts)
    {
        String message = switch (e) {
            case AwsServiceException service -> describeService(service, target, attempts);
            case SdkClientException client when AwsFailures.hasIoCause(client) -> "cannot reach Bedrock at %s after %s (%s): check the endpoint, the network route to it and any proxy"
                    .formatted(target.where(), attempts(attempts), AwsFailures.rootMessage(client));
            default -> "cannot call Bedrock for %s: %s".formatted(target.modelId(), e.getMessage());
        };
        return new EmbeddingException(message, e);
    }

    private static String describeService(AwsServiceException e, BedrockTarget target, int attempts)
    {
        AwsErrorDetails details = e.awsErrorDetails();
        String code = details == null || details.errorCode() == null ? "unknown error" : details.errorCode();
        String aws = details == null || details.errorMessage() == null ? "" : details.errorMessage();
        int status = e.statusCode();
        if (AwsFailures.isCredentialError(code)) {
            return "Bedrock rejected the AWS credentials (%s): check what the default credential chain finds (AWS_ACCESS_KEY_ID, AWS_PROFILE, web identity, instance or task role) and that it has not expired"
                    .formatted(code);
        }
        if (e.isThrottlingException() || status == 429) {
            return "Bedrock throttled %s in %s after %s (%s: %s): lower the embedding concurrency or request rate, or raise the model's InvokeModel quota in Service Quotas"
                    .formatted(target.modelId(), target.region(), attempts(attempts), code, aws);
        }
        if (status >= 500 || status == 408) {
            return "Bedrock failed %s in %s after %s (HTTP %d %s: %s): AWS-side trouble, try again later"
                    .formatted(target.modelId(), target.region(), attempts(attempts), status, code, aws);
        }
        // Bedrock answers a model the account has not been granted with the same code as a missing IAM permission.
        if (code.equals("AccessDeniedException") && aws.contains("don't have access to the model")) {
            return "model access to %s is not enabled in %s: enable it under Amazon Bedrock, Model access, in that region (%s)"
                    .formatted(target.modelId(), target.region(), aws);
        }
        return switch (code) {
            case "AccessDeniedException" -> "Bedrock denied InvokeModel on %s: grant bedrock:InvokeModel on %s to the role or user of the AWS credentials (%s)"
                    .formatted(target.modelId(), target.modelArn(), aws);
            case "ResourceNotFoundException" -> "Bedrock has no model %s in %s: check ai.embedding.bedrock.model and ai.embedding.bedrock.region, the model must be offered in that region (%s)"
                    .formatted(target.modelId(), target.region(), aws);
            case "ValidationException" -> "Bedrock rejected the request to %s: %s".formatted(target.modelId(), aws);
            case "ServiceQuotaExceededException" -> "Bedrock refused %s in %s over a service quota: raise it in Service Quotas (%s)".formatted(target.modelId(), target.region(), aws);
            // An unknown error's text is not known to be free of request details, so only its code is shown.
            default -> "Bedrock call to %s in %s failed (HTTP %d %s)".formatted(target.modelId(), target.region(), status, code);
        };
    }

    private static String attempts(int count)
    {
        return count == 1 ? "1 attempt" : count + " attempts";
    }
}
