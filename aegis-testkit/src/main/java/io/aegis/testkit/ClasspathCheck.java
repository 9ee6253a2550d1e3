package io.aegis.testkit;

import com.fasterxml.jackson.core.Version;

/**
 * The libraries a user's build may pull in at other versions than ours, checked before a world
 * starts: with Jackson 2.17 (a Spring BOM's) Pekko's serializer fails deep inside with a
 * NoSuchMethodError, and with slf4j-api 1.7 the kit's logs silently disappear. One sentence
 * instead, naming what was found and what is needed.
 */
final class ClasspathCheck {
    /** The Jackson minor line the kit is built and tested with (jackson.version in the root pom). */
    static final int JACKSON_MAJOR = 2;
    static final int JACKSON_MINOR = 21;

    private ClasspathCheck() {}

    static void require() {
        String problem = jacksonProblem(com.fasterxml.jackson.core.json.PackageVersion.VERSION, "jackson-core");
        if (problem == null) {
            problem = jacksonProblem(com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION, "jackson-databind");
        }
        if (problem == null) {
            problem = slf4jProblem(ClasspathCheck.class.getClassLoader());
        }
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    /** Null when {@code found} is on the 2.21 line, else the sentence to fail with. */
    static String jacksonProblem(Version found, String artifact) {
        if (found.getMajorVersion() == JACKSON_MAJOR && found.getMinorVersion() == JACKSON_MINOR) {
            return null;
        }
        return "the Aegis test kit needs Jackson " + JACKSON_MAJOR + "." + JACKSON_MINOR + ".x but found " + artifact + " "
                + found + " on the class path; import com.fasterxml.jackson:jackson-bom:"
                + JACKSON_MAJOR + "." + JACKSON_MINOR + ".x in your dependencyManagement (see the README's \"Use it from your project\")";
    }

    /** Null when slf4j-api 2.0 (which has service providers) is on the class path. */
    static String slf4jProblem(ClassLoader loader) {
        try {
            Class.forName("org.slf4j.spi.SLF4JServiceProvider", false, loader);
            return null;
        } catch (ClassNotFoundException e) {
            return "the Aegis test kit needs slf4j-api 2.0.x but found an older slf4j-api on the class path;"
                    + " pin org.slf4j:slf4j-api 2.0.x in your dependencyManagement";
        }
    }
}
