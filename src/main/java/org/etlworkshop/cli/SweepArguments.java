package org.etlworkshop.cli;

import org.etlworkshop.UsageException;

import java.util.List;

/**
 * {@code etl sweep}'s positional arguments: the scenarios, then the processor, in the order of
 * {@code etl process SCENARIO PROCESSOR} and {@code etl matrix SCENARIO PROCESSOR...}. The older
 * order ({@code PROCESSOR SCENARIO...}) is still read when only it makes sense of the names; when
 * both readings would, the user is asked to say which.
 */
record SweepArguments(List<String> scenarios, String processor, boolean olderOrder) {

    static SweepArguments of(List<String> arguments, List<String> scenarioNames, List<String> processorNames) {
        if (arguments.size() < 2) {
            throw new UsageException("etl sweep takes one or more scenarios and then a processor, e.g. etl sweep small medium chunked");
        }
        String first = arguments.get(0), last = arguments.get(arguments.size() - 1);
        List<String> allButLast = arguments.subList(0, arguments.size() - 1);
        List<String> allButFirst = arguments.subList(1, arguments.size());
        boolean current = processorNames.contains(last) && scenarioNames.containsAll(allButLast);
        boolean older = processorNames.contains(first) && scenarioNames.containsAll(allButFirst);
        if (current && older) {
            throw new UsageException("etl sweep " + String.join(" ", arguments) + " reads both ways: '" + first + "' and '"
                    + last + "' are each a scenario and a processor; rename one in your catalog");
        }
        if (older) {
            return new SweepArguments(List.copyOf(allButFirst), first, true);
        }
        // the current order, also when names are unknown: the checks that follow name the valid ones
        return new SweepArguments(List.copyOf(allButLast), last, false);
    }
}
