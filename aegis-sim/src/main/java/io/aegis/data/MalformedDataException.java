package io.aegis.data;

/** A data file exists but is not what its format promises (wrong magic number, size, label...). */
public final class MalformedDataException extends io.aegis.util.UserError {
    public MalformedDataException(String message) {
        super(io.aegis.util.UserError.BAD_INPUT, message);
    }

    public MalformedDataException(String message, Throwable cause) {
        super(io.aegis.util.UserError.BAD_INPUT, message, cause);
    }
}
