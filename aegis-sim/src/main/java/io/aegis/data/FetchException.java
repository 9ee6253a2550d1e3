package io.aegis.data;

/** A data set could not be fetched; the message says why and how to get the files by hand. */
public final class FetchException extends Exception {
    private final boolean networkUnreachable;

    public FetchException(String message, boolean networkUnreachable) {
        super(message);
        this.networkUnreachable = networkUnreachable;
    }

    /** True when no source could be reached at all (offline, DNS, firewall), as opposed to bad files. */
    public boolean networkUnreachable() {
        return networkUnreachable;
    }
}
