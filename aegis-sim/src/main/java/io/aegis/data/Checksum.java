package io.aegis.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * An expected digest of a data file. {@code ofContent} digests the decompressed bytes of a gzipped
 * file (the bytes themselves when the file is not gzipped): the same IDX data re-compressed by a
 * mirror, or shipped uncompressed by the npm package, still verifies.
 *
 * @param algorithm a {@link MessageDigest} name: "SHA-256" or "MD5"
 */
public record Checksum(String algorithm, String hex, boolean ofContent) {

    public static Checksum sha256(String hex) {
        return new Checksum("SHA-256", hex, false);
    }

    public static Checksum md5(String hex) {
        return new Checksum("MD5", hex, false);
    }

    /** SHA-256 of the decompressed content. */
    public static Checksum contentSha256(String hex) {
        return new Checksum("SHA-256", hex, true);
    }

    public boolean matches(Path file) throws IOException {
        return hex.equalsIgnoreCase(digest(file, algorithm, ofContent));
    }

    @Override
    public String toString() {
        return algorithm + (ofContent ? " (of the decompressed content) " : " ") + hex;
    }

    public static String digest(Path file, String algorithm, boolean ofContent) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unknown digest " + algorithm, e);
        }
        try (InputStream in = open(file, ofContent); DigestInputStream din = new DigestInputStream(in, md)) {
            din.transferTo(OutputSink.INSTANCE);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** The file's bytes, decompressed when asked and when it starts with the gzip magic number. */
    static InputStream open(Path file, boolean decompress) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        if (decompress && isGzip(file)) {
            return new GZIPInputStream(in, 1 << 16);
        }
        return in;
    }

    static boolean isGzip(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    /** Discards bytes; only the digest matters. */
    private static final class OutputSink extends java.io.OutputStream {
        static final OutputSink INSTANCE = new OutputSink();

        @Override
        public void write(int b) {}

        @Override
        public void write(byte[] b, int off, int len) {}
    }
}
