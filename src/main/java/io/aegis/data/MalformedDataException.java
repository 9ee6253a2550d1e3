package io.aegis.data;

/** A data file exists but is not what its format promises (wrong magic number, size, label...). */
public final class MalformedDataException extends RuntimeException {
    public MalformedDataException(String message) {
        super(message);
    }

    public MalformedDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
