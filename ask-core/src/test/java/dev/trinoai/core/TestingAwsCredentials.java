package dev.trinoai.core;

import java.util.HashMap;
import java.util.Map;

/**
 * Test credentials for the AWS default credential chain, which reads these system properties before anything else on
 * the machine; closing puts back what was there.
 */
public final class TestingAwsCredentials
        implements AutoCloseable
{
    private final Map<String, String> saved = new HashMap<>();

    public TestingAwsCredentials(String accessKeyId, String secretAccessKey)
    {
        set("aws.accessKeyId", accessKeyId);
        set("aws.secretAccessKey", secretAccessKey);
    }

    private void set(String name, String value)
    {
        saved.put(name, System.getProperty(name));
        System.setProperty(name, value);
    }

    @Override
    public void close()
    {
        saved.forEach((name, value) -> {
            if (value == null) {
                System.clearProperty(name);
            }
            else {
                System.setProperty(name, value);
            }
        });
    }
}
