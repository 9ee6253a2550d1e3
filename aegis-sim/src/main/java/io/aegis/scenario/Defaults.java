package io.aegis.scenario;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds and parses {@code defaults.conf}, which holds every scenario key with its default and is
 * also the schema of known keys. The first of these wins, whole (files are not layered):
 * <ol>
 *   <li>{@code <aegis.conf.dir>/defaults.conf} when the system property is set (missing = error);</li>
 *   <li>{@code ./conf/defaults.conf} when it exists (a source checkout, the {@code aegis} launcher);</li>
 *   <li>the copy built into the jar as the classpath resource {@value #RESOURCE}.</li>
 * </ol>
 */
final class Defaults {
    static final String RESOURCE = "aegis/defaults.conf";
    static final String CONF_DIR_PROPERTY = "aegis.conf.dir";

    /** A parsed defaults file and the source name its values' origins carry. */
    record Loaded(Config config, String sourceName) {}

    private static final ConcurrentHashMap<String, Loaded> CACHE = new ConcurrentHashMap<>();

    private Defaults() {}

    static Loaded load() throws ScenarioException {
        String dir = System.getProperty(CONF_DIR_PROPERTY);
        if (dir != null && !dir.isBlank()) {
            Path file = Path.of(dir, "defaults.conf");
            if (!Files.isRegularFile(file)) {
                throw new ScenarioException(List.of(file + ": no defaults file there (system property "
                        + CONF_DIR_PROPERTY + "=" + dir + ")"));
            }
            return fromFile(file);
        }
        Path local = Path.of("conf", "defaults.conf");
        return Files.isRegularFile(local) ? fromFile(local) : fromResource();
    }

    static Loaded fromFile(Path file) throws ScenarioException {
        String key;
        try {
            key = file.toAbsolutePath() + "@" + Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file);
        } catch (IOException e) {
            throw new ScenarioException(List.of(file + ": cannot read defaults: " + e.getMessage()));
        }
        Loaded cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        Loaded loaded = parse(() -> ConfigFactory.parseFile(file.toFile(), options()), file.toString());
        CACHE.put(key, loaded);
        return loaded;
    }

    static Loaded fromResource() throws ScenarioException {
        Loaded cached = CACHE.get(RESOURCE);
        if (cached != null) {
            return cached;
        }
        Loaded loaded = parse(() -> ConfigFactory.parseResources(Defaults.class.getClassLoader(), RESOURCE, options()),
                "classpath:" + RESOURCE);
        if (loaded.config().isEmpty()) {
            throw new ScenarioException(List.of("classpath:" + RESOURCE + ": built-in defaults missing from the jar;"
                    + " set -D" + CONF_DIR_PROPERTY + "=<folder with defaults.conf>"));
        }
        CACHE.put(RESOURCE, loaded);
        return loaded;
    }

    private interface Parse {
        Config run();
    }

    private static Loaded parse(Parse p, String sourceName) throws ScenarioException {
        try {
            return new Loaded(p.run(), sourceName);
        } catch (ConfigException e) {
            throw new ScenarioException(List.of(sourceName + ": broken defaults: " + e.getMessage()));
        }
    }

    private static ConfigParseOptions options() {
        return ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false);
    }
}
