package io.aegis.scenario;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigIncludeContext;
import com.typesafe.config.ConfigIncluder;
import com.typesafe.config.ConfigIncluderClasspath;
import com.typesafe.config.ConfigIncluderFile;
import com.typesafe.config.ConfigIncluderURL;
import com.typesafe.config.ConfigObject;
import java.io.File;
import java.net.URL;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The only includes a scenario may use are files ({@code include "common.conf"},
 * {@code include file("...")}): the loader never touches the network, and a scenario does not
 * depend on what happens to be on the class path. {@code include url(...)}, a quoted include that
 * names a URL (HOCON would fetch it) and {@code include classpath(...)} are refused.
 */
final class ScenarioIncluder implements ConfigIncluder, ConfigIncluderFile, ConfigIncluderURL, ConfigIncluderClasspath {
    static final String REFUSED = "scenarios may include files only; include url(...), a URL and include classpath(...)"
            + " are refused (the loader never reads the network), so copy that file next to the scenario";

    /** An include statement that is not a plain file: url(...), classpath(...), or a quoted string with a scheme. */
    private static final Pattern NON_FILE_INCLUDE = Pattern.compile(
            "(?:^|[{,;])\\s*include\\s+(?:required\\s*\\(\\s*)?(?:(url|classpath)\\s*\\(|\"([A-Za-z][A-Za-z0-9+.-]+):)");

    private final ConfigIncluder fallback;

    ScenarioIncluder() {
        this(null);
    }

    private ScenarioIncluder(ConfigIncluder fallback) {
        this.fallback = fallback;
    }

    /** The 1-based line of the first refused include in {@code text}, or 0; comment lines are skipped. */
    static int refusedIncludeLine(String text) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            if (l.startsWith("#") || l.startsWith("//")) {
                continue;
            }
            Matcher m = NON_FILE_INCLUDE.matcher(l);
            if (m.find() && (m.group(1) != null || !isWindowsDrive(m.group(2)))) {
                return i + 1;
            }
        }
        return 0;
    }

    private static boolean isWindowsDrive(String scheme) {
        return scheme != null && scheme.length() == 1;
    }

    @Override
    public ConfigIncluder withFallback(ConfigIncluder fallback) {
        return this.fallback == fallback ? this : new ScenarioIncluder(fallback);
    }

    @Override
    public ConfigObject include(ConfigIncludeContext context, String what) {
        if (looksLikeUrl(what)) {
            throw new ConfigException.Generic("include \"" + what + "\": " + REFUSED);
        }
        if (fallback == null) {
            throw new ConfigException.Generic("include \"" + what + "\": no file to include it from");
        }
        return fallback.include(context, what);
    }

    @Override
    public ConfigObject includeFile(ConfigIncludeContext context, File what) {
        return com.typesafe.config.ConfigFactory.parseFile(what, context.parseOptions()).root();
    }

    @Override
    public ConfigObject includeURL(ConfigIncludeContext context, URL what) {
        throw new ConfigException.Generic("include url(" + what + "): " + REFUSED);
    }

    @Override
    public ConfigObject includeResources(ConfigIncludeContext context, String what) {
        throw new ConfigException.Generic("include classpath(" + what + "): " + REFUSED);
    }

    private static boolean looksLikeUrl(String what) {
        try {
            URL u = new URL(what);
            return u.getProtocol() != null;
        } catch (java.net.MalformedURLException | IllegalArgumentException notUrl) {
            return false;
        }
    }
}
