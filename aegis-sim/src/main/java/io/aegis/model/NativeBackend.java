package io.aegis.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * Chooses the libnd4j build before ND4J loads it: the oneDNN build for AVX-512 or AVX2 when the CPU
 * has those features and the build is on the class path (nd4j-native classifiers
 * {@code linux-x86_64-onednn-avx512}, {@code -onednn-avx2}), else the stock build. Measured on the
 * MNIST CNN step (see BenchTrainCommand): oneDNN convolution and pooling are several times faster
 * than DL4J's own im2col path.
 */
public final class NativeBackend {
    private NativeBackend() {}

    /** javacpp reads this to pick the native library directory {@code <platform><extension>}. */
    static final String EXTENSION_PROPERTY = "org.bytedeco.javacpp.platform.extension";

    private static volatile boolean configured;

    /**
     * Sets the platform extension unless the user already did; call before the first ND4J use
     * (every model does, in {@link Models#create}). Idempotent.
     */
    public static synchronized void configure() {
        if (configured) {
            return;
        }
        configured = true;
        if (System.getProperty(EXTENSION_PROPERTY) != null) {
            return;
        }
        Set<String> flags = cpuFlags();
        String extension = null;
        if (flags.containsAll(Set.of("avx512f", "avx512bw", "avx512dq", "avx512vl")) && available("-onednn-avx512")) {
            extension = "-onednn-avx512";
        } else if (flags.containsAll(Set.of("avx2", "fma")) && available("-onednn-avx2")) {
            extension = "-onednn-avx2";
        }
        if (extension != null) {
            System.setProperty(EXTENSION_PROPERTY, extension);
        }
    }

    /** Whether the chosen libnd4j build has oneDNN (so DL4J's oneDNN layer helpers pay off). */
    public static boolean oneDnn() {
        configure();
        String ext = System.getProperty(EXTENSION_PROPERTY, "");
        return ext.contains("onednn");
    }

    /** The native build in use, for benchmark headers. */
    public static String description() {
        configure();
        return "linux-x86_64" + System.getProperty(EXTENSION_PROPERTY, "");
    }

    private static boolean available(String extension) {
        String dir = "org/nd4j/linalg/cpu/nativecpu/bindings/linux-x86_64" + extension + "/";
        return NativeBackend.class.getClassLoader().getResource(dir + "libnd4jcpu.so") != null;
    }

    private static Set<String> cpuFlags() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("flags")) {
                    return Set.of(line.substring(line.indexOf(':') + 1).trim().toLowerCase(Locale.ROOT).split("\\s+"));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux or unreadable: keep the stock build
        }
        return Set.of();
    }
}
