package dev.trinoai.core.remote;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

import java.io.IOException;
import java.util.Set;

/**
 * What every Bedrock caller needs to know of an AWS SDK failure: whether another attempt may succeed, and whether its
 * text may be shown.
 */
public final class AwsFailures
{
    // AWS echoes the canonical request (signed headers, session token included) in some of these; their text stays out.
    private static final Set<String> CREDENTIAL_ERRORS = Set.of(
            "UnrecognizedClientException",
            "InvalidSignatureException",
            "IncompleteSignatureException",
            "ExpiredTokenException",
            "InvalidClientTokenId",
            "MissingAuthenticationTokenException");

    private AwsFailures() {}

    /**
     * Throttling, a model still loading, a timeout, AWS-side trouble and a dropped connection pass; everything else
     * fails the same way again.
     */
    public static boolean retryable(SdkException e)
    {
        if (e instanceof AwsServiceException service) {
            int status = service.statusCode();
            return service.isThrottlingException() || status == 408 || status == 429 || status >= 500;
        }
        return e instanceof SdkClientException && hasIoCause(e);
    }

    public static boolean isCredentialError(String code)
    {
        return CREDENTIAL_ERRORS.contains(code);
    }

    public static boolean hasIoCause(Throwable e)
    {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    public static String rootMessage(Throwable e)
    {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.toString();
    }
}
