package io.aegis.data;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/** A data set's files are not in the data dir; the message lists them and how to fetch them. */
public final class MissingDataException extends io.aegis.util.UserError {
    private final List<Path> missing;

    public MissingDataException(String dataset, Path folder, List<Path> missing) {
        super(io.aegis.util.UserError.BAD_INPUT, "data set '" + dataset + "' is missing " + missing.size() + " file(s) in " + folder.toAbsolutePath()
                + ": " + missing.stream().map(p -> folder.relativize(p).toString()).collect(Collectors.joining(", "))
                + ". Run `aegis fetch-data " + dataset + " --dir " + folder.getParent() + "` to download them"
                + " (or set dataset.dir to where they are; AEGIS_DATA_DIR applies when the scenario does not set dataset.dir).");
        this.missing = List.copyOf(missing);
    }

    public List<Path> missing() {
        return missing;
    }
}
