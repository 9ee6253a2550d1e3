package io.aegis.aggregation;

/**
 * Whether {@link VectorKernels} may be used: the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the {@code aegis} launcher does), the hardware
 * computes 256-bit vectors natively (elsewhere the API falls back to loops far slower than plain
 * Java), and {@code -Daegis.vector=false} was not given. Without it every path uses plain Java,
 * so the rules jar still needs nothing but the JDK.
 */
final class VectorSupport {
    static final boolean AVAILABLE = probe();

    private VectorSupport() {}

    private static boolean probe() {
        if (!Boolean.parseBoolean(System.getProperty("aegis.vector", "true"))) {
            return false;
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            return VectorKernels.preferredBits() >= 256;
        } catch (LinkageError e) {
            return false;
        }
    }
}
