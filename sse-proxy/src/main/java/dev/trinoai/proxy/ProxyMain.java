package dev.trinoai.proxy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code java -jar sse-proxy.jar CONFIG_FILE [key=value ...]}: the values after the file override it (the scripts
 * use them for the port and the Trino address).
 */
public final class ProxyMain
{
    private ProxyMain() {}

    public static void main(String[] args)
            throws Exception
    {
        if (args.length == 0) {
            System.err.println("usage: sse-proxy CONFIG_FILE [key=value ...]");
            System.exit(2);
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            int equals = args[i].indexOf('=');
            if (equals <= 0) {
                System.err.println("expected key=value, got: " + args[i]);
                System.exit(2);
            }
            overrides.put(args[i].substring(0, equals), args[i].substring(equals + 1));
        }
        ProxyConfig config;
        try {
            config = ProxyConfig.load(Path.of(args[0]), overrides);
        }
        catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        ProxyServer proxy = ProxyServer.start(config, System.out::println);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(proxy::close));
        System.out.printf("{\"log\":\"started\",\"url\":\"%s\",\"trino\":\"%s\"}%n", proxy.uri(), config.trinoUri());
    }
}
