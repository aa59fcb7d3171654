package dev.trinoai.jobs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code --name value} and {@code --flag} arguments, checked against what a command accepts, and for a command that
 * takes them, plain words after the options.
 */
final class Arguments
{
    private final Map<String, List<String>> values = new HashMap<>();
    private final Set<String> flags = new HashSet<>();
    private final List<String> positional = new ArrayList<>();

    Arguments(List<String> args, Set<String> valueNames, Set<String> flagNames)
    {
        this(args, valueNames, flagNames, false);
    }

    Arguments(List<String> args, Set<String> valueNames, Set<String> flagNames, boolean takesWords)
    {
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty()) {
            String arg = rest.removeFirst();
            if (flagNames.contains(arg)) {
                flags.add(arg);
            }
            else if (valueNames.contains(arg)) {
                if (rest.isEmpty()) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                values.computeIfAbsent(arg, name -> new ArrayList<>()).add(rest.removeFirst());
            }
            else if (takesWords && !arg.startsWith("--")) {
                positional.add(arg);
            }
            else {
                List<String> known = new ArrayList<>(valueNames);
                known.addAll(flagNames);
                throw new IllegalArgumentException("unknown argument '%s' (known: %s)".formatted(arg, known.stream().sorted().toList()));
            }
        }
    }

    /**
     * The value of an option given once; given again, the last one.
     */
    Optional<String> value(String name)
    {
        return values(name).stream().reduce((first, second) -> second);
    }

    /**
     * Every value of an option that may be given more than once, in order.
     */
    List<String> values(String name)
    {
        return List.copyOf(values.getOrDefault(name, List.of()));
    }

    List<String> positional()
    {
        return List.copyOf(positional);
    }

    boolean flag(String name)
    {
        return flags.contains(name);
    }
}
