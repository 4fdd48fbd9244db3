package org.etlworkshop.pipeline;

import org.etlworkshop.UsageException;
import org.etlworkshop.load.CeilingFamily;
import org.etlworkshop.load.Loader;

import java.io.File;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loader written outside this project, named in a catalog as {@code "loader": "class:BatchInsertLoader"}: a lesson's
 * exercise compiles its class into a directory of its own and runs {@code ETL_JAVA_OPTS=-Detl.loader.classes=DIR
 * ./etl process ... --catalog ...}, so trying a loader never edits {@code src/main} (nor rebuilds the tool).
 *
 * <p>The class implements {@link Loader} and has a public constructor taking the processor's chunk size (an
 * {@code int}) or none. It is judged against the JDBC batch ceiling, as the other loaders that send INSERTs are.
 */
final class LoaderFromClass {
    static final String PREFIX = "class:";
    /** Where the classes are: directories (or jars), separated as a class path is; the tool's own class path if unset. */
    static final String PATH_PROPERTY = "etl.loader.classes";
    private static final Map<String, LoaderRegistry.Entry> LOADED = new ConcurrentHashMap<>();

    private LoaderFromClass() {
    }

    /** The entry for {@code class:NAME}, or empty for any other name. */
    static Optional<LoaderRegistry.Entry> find(String name) {
        if (!name.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return Optional.of(LOADED.computeIfAbsent(name, LoaderFromClass::load));
    }

    private static LoaderRegistry.Entry load(String name) {
        String className = name.substring(PREFIX.length());
        Class<?> type;
        try {
            type = Class.forName(className, true, classLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new UsageException("loader " + name + ": no class " + className + " in " + where() + " (" + e + ")");
        }
        if (!Loader.class.isAssignableFrom(type)) {
            throw new UsageException("loader " + name + ": " + className + " does not implement " + Loader.class.getName());
        }
        return new LoaderRegistry.Entry(name, CeilingFamily.JDBC_BATCH, "a loader class of your own: " + className,
                config -> construct(type, config.chunkSize()));
    }

    private static Loader<?> construct(Class<?> type, int chunkSize) {
        try {
            for (Constructor<?> c : type.getConstructors()) {
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == int.class) {
                    return (Loader<?>) c.newInstance(chunkSize);
                }
            }
            return (Loader<?>) type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw new UsageException(type.getName() + " needs a public constructor taking the chunk size (int) or none");
        } catch (InvocationTargetException e) {
            throw new UsageException(type.getName() + "'s constructor failed: " + e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new UsageException("cannot make a " + type.getName() + ": " + e);
        }
    }

    private static ClassLoader classLoader() {
        String path = System.getProperty(PATH_PROPERTY);
        ClassLoader parent = LoaderFromClass.class.getClassLoader();
        if (path == null || path.isBlank()) {
            return parent;
        }
        List<URL> urls = new ArrayList<>();
        for (String entry : path.split(File.pathSeparator)) {
            try {
                urls.add(new File(entry).toURI().toURL());
            } catch (MalformedURLException e) {
                throw new UsageException(PATH_PROPERTY + ": not a path: " + entry);
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), parent);
    }

    private static String where() {
        String path = System.getProperty(PATH_PROPERTY);
        return path == null ? "the class path (set -D" + PATH_PROPERTY + "=DIR, e.g. in ETL_JAVA_OPTS)" : PATH_PROPERTY + "=" + path;
    }
}
