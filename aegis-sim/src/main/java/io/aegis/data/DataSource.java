package io.aegis.data;

import java.net.URI;
import java.util.List;

/**
 * Where a data set comes from: the files its loader needs (relative to {@code <dir>/<name>/}), what
 * to download to get them, and what to tell a user who has to fetch them by hand.
 *
 * @param manualHint extra advice for a manual download (an alternative source), may be empty
 */
public record DataSource(String name, List<String> requiredFiles, List<Download> downloads, String manualHint) {

    /**
     * One file to download into {@code <dir>/<name>/}, tried from each URL in turn; it is accepted
     * when any of the checksums matches. An archive is unpacked and then deleted: its members under
     * {@code extractPrefix} become the required files.
     */
    public record Download(String file, List<URI> urls, List<Checksum> checksums, String extractPrefix) {
        public boolean isArchive() {
            return extractPrefix != null;
        }
    }
}
