package io.aegis.cli;

import io.aegis.util.UserError;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Checks of the files and folders named on the command line, before any work starts, so a wrong
 * path ends in one sentence and exit status 2 instead of an exception half-way through.
 */
final class CliFiles {
    private CliFiles() {}

    /** A regular, readable file. */
    static Path readableFile(Path file, String what) {
        if (file == null) {
            throw new UserError(UserError.BAD_INPUT, what + " is missing");
        }
        if (Files.isDirectory(file)) {
            throw new UserError(UserError.BAD_INPUT, what + " " + file + " is a directory, not a file");
        }
        if (!Files.exists(file)) {
            throw new UserError(UserError.BAD_INPUT, what + " " + file + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new UserError(UserError.BAD_INPUT, what + " " + file + " is not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new UserError(UserError.BAD_INPUT, what + " " + file + " cannot be read (permission denied)");
        }
        return file;
    }

    /** A file that can be created or replaced: not a directory, and its folder exists (or can be made) and is writable. */
    static Path writableFile(Path file, String what) {
        if (Files.isDirectory(file)) {
            throw new UserError(UserError.BAD_INPUT, what + " " + file + " is a directory; name a file");
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new UserError(UserError.BAD_INPUT, what + " " + file + " cannot be written (permission denied)");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            creatableDir(parent, what + " " + file, true);
        }
        return file;
    }

    /** A folder that exists and is writable, or that can be created: its nearest existing ancestor is a writable folder. */
    static Path writableDir(Path dir, String what) {
        creatableDir(dir.toAbsolutePath(), what + " " + dir, true);
        return dir;
    }

    /** A folder that exists or could be created (not under a regular file); it may be read-only. */
    static Path folder(Path dir, String what) {
        creatableDir(dir.toAbsolutePath(), what + " " + dir, false);
        return dir;
    }

    private static void creatableDir(Path dir, String what, boolean write) {
        Path p;
        try {
            p = dir.normalize();
        } catch (InvalidPathException e) {
            throw new UserError(UserError.BAD_INPUT, what + " is not a valid path");
        }
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return;
        }
        if (!Files.isDirectory(p)) {
            throw new UserError(UserError.BAD_INPUT, what + " cannot be created: " + p + " is a file, not a folder");
        }
        if (write && !Files.isWritable(p)) {
            throw new UserError(UserError.BAD_INPUT, what + " cannot be created: folder " + p + " is not writable");
        }
    }
}
