package io.aegis.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Unpacks the regular files of a gzipped tar archive (ustar, with GNU long names) whose path starts
 * with a given prefix. Paths that would land outside the target folder are refused.
 */
final class TarGz {
    private static final int BLOCK = 512;

    private TarGz() {}

    /** What to do with one regular member: its path in the archive, its bytes, their count. */
    interface MemberHandler {
        void accept(String name, InputStream content, long size) throws IOException;
    }

    /** Returns the paths written. */
    static List<Path> extract(Path archive, String prefix, Path folder) throws IOException {
        List<Path> written = new ArrayList<>();
        Path root = folder.toAbsolutePath().normalize();
        forEachFile(archive, (name, content, size) -> {
            if (!name.startsWith(prefix)) {
                return;
            }
            Path target = root.resolve(name).normalize();
            if (!target.startsWith(root) || name.contains("..")) {
                throw new MalformedDataException(archive + ": member '" + name + "' would be written outside " + root);
            }
            Files.createDirectories(target.getParent());
            try (OutputStream out = Files.newOutputStream(target)) {
                copy(content, out, size);
            }
            written.add(target);
        });
        return written;
    }

    /** Calls the handler for every regular file; whatever it leaves unread of a member is skipped. */
    static void forEachFile(Path archive, MemberHandler handler) throws IOException {
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive), 1 << 16), 1 << 16)) {
            byte[] header = new byte[BLOCK];
            String longName = null;
            while (readBlock(in, header) && !isZero(header)) {
                String name = longName != null ? longName : headerName(header);
                longName = null;
                long size = octal(header, 124, 12, archive);
                char type = (char) header[156];
                if (type == 'L') {
                    longName = new String(readBytes(in, size), StandardCharsets.UTF_8).replace("\0", "");
                } else if (type == '0' || type == '\0') {
                    BoundedStream member = new BoundedStream(in, size);
                    handler.accept(name, member, size);
                    skip(in, member.left);
                } else {
                    skip(in, size);
                }
                skipPadding(in, size);
            }
        }
    }

    /** One member's bytes; closing it does not close the archive. */
    private static final class BoundedStream extends InputStream {
        private final InputStream in;
        long left;

        BoundedStream(InputStream in, long size) {
            this.in = in;
            this.left = size;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b < 0) {
                throw new EOFException("truncated tar entry");
            }
            left--;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException("truncated tar entry");
            }
            left -= n;
            return n;
        }

        @Override
        public void close() {}
    }

    /** POSIX ustar splits long paths into prefix + name; GNU tar uses that area for other fields. */
    private static String headerName(byte[] h) {
        String name = field(h, 0, 100);
        boolean posix = "ustar".equals(field(h, 257, 6)) && h[262] == 0;
        String prefix = posix ? field(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static boolean readBlock(InputStream in, byte[] block) throws IOException {
        int n = in.readNBytes(block, 0, BLOCK);
        if (n == 0) {
            return false;
        }
        if (n < BLOCK) {
            throw new EOFException("truncated tar header");
        }
        return true;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String field(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) {
            end++;
        }
        return new String(h, off, end - off, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] h, int off, int len, Path archive) {
        String s = field(h, off, len).trim();
        try {
            return s.isEmpty() ? 0 : Long.parseLong(s, 8);
        } catch (NumberFormatException e) {
            throw new MalformedDataException(archive + ": bad tar size field '" + s + "'");
        }
    }

    private static byte[] readBytes(InputStream in, long size) throws IOException {
        if (size > 1 << 20) {
            throw new IOException("tar long name of " + size + " bytes");
        }
        byte[] b = in.readNBytes((int) size);
        if (b.length < size) {
            throw new EOFException("truncated tar entry");
        }
        return b;
    }

    private static void copy(InputStream in, OutputStream out, long size) throws IOException {
        byte[] buf = new byte[1 << 16];
        long left = size;
        while (left > 0) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                throw new EOFException("truncated tar entry");
            }
            out.write(buf, 0, n);
            left -= n;
        }
    }

    private static void skip(InputStream in, long size) throws IOException {
        copy(in, OutputStream.nullOutputStream(), size);
    }

    private static void skipPadding(InputStream in, long size) throws IOException {
        long pad = (BLOCK - size % BLOCK) % BLOCK;
        skip(in, pad);
    }
}
