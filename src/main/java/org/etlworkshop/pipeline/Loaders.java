package org.etlworkshop.pipeline;

import org.etlworkshop.UsageException;
import org.etlworkshop.load.Loader;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds a loader class by name, by convention: {@code flush-per-entity} is
 * {@code org.etlworkshop.load.FlushPerEntityLoader}. A loader that takes a chunk size has a
 * constructor {@code (int)}. So adding a loader is one class and one catalog entry, no registry to edit.
 */
final class Loaders {
    private static final String PACKAGE = "org.etlworkshop.load.";

    private Loaders() {
    }

    static Loader<?> create(ProcessorConfig config, List<String> knownLoaders) {
        String className = PACKAGE + Arrays.stream(config.loader().split("-"))
                .map(part -> part.isEmpty() ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1))
                .collect(Collectors.joining()) + "Loader";
        try {
            Class<?> type = Class.forName(className);
            if (!Loader.class.isAssignableFrom(type)) {
                throw new ClassNotFoundException(className);
            }
            try {
                Constructor<?> sized = type.getConstructor(int.class);
                return (Loader<?>) sized.newInstance(config.chunkSize());
            } catch (NoSuchMethodException e) {
                return (Loader<?>) type.getConstructor().newInstance();
            }
        } catch (ClassNotFoundException e) {
            throw new UsageException("unknown loader '" + config.loader() + "'; valid: " + String.join(", ", knownLoaders)
                    + " (a loader named x-y is the class " + PACKAGE + "XYLoader)");
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(className + " needs a public constructor () or (int chunkSize)", e);
        }
    }
}
