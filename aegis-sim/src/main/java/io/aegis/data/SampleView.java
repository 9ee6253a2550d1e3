package io.aegis.data;

/**
 * Some examples of a shared {@link Samples} without copying them: the rows {@code rows} of
 * {@code data} in that order, or all of {@code data} when {@code rows} is null. Both arrays are
 * shared and must not be modified.
 */
public record SampleView(Samples data, int[] rows) {

    public int count() {
        return rows == null ? data.count() : rows.length;
    }

    /** The examples as their own {@link Samples} (a copy unless the view is the whole set). */
    public Samples materialize() {
        return rows == null ? data : data.subset(rows);
    }
}
