package io.aegis.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpambaseLoaderTest {
    @TempDir
    Path dir;

    /** Row i: attribute j = i * 10 + j, the three dropped attributes = -1000, label i % 2. */
    @BeforeEach
    void writeCsv() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < 54; j++) {
                sb.append(i * 10 + j).append(',');
            }
            sb.append("-1000,-1000,-1000,").append(i % 2).append('\n');
        }
        Files.createDirectories(dir.resolve("spambase"));
        Files.writeString(dir.resolve("spambase/spambase.data"), sb.toString());
    }

    @Test
    void keepsFirstFiftyFourAttributesStandardisedByTrainingStatistics() {
        TrainTest data = DataSets.read("spambase", dir, 3);
        Samples train = data.train();
        assertEquals(40, train.count());
        assertEquals(10, data.test().count());
        assertEquals(54, train.featureLength());
        // feature j of row i is i*10 + j: every column is the same shifted sequence, so after
        // standardisation all columns of a row agree, and each column has mean 0 and variance 1
        float[] x = train.features();
        for (int k = 0; k < train.count(); k++) {
            assertEquals(x[k * 54], x[k * 54 + 53], 1e-5f);
        }
        for (int j = 0; j < 54; j++) {
            double sum = 0;
            double sumSq = 0;
            for (int k = 0; k < train.count(); k++) {
                sum += x[k * 54 + j];
                sumSq += x[k * 54 + j] * x[k * 54 + j];
            }
            assertEquals(0.0, sum / train.count(), 1e-5);
            assertEquals(1.0, sumSq / train.count(), 1e-4);
        }
    }

    @Test
    void theSplitIsAFunctionOfTheSeed() {
        int[] a = DataSets.read("spambase", dir, 3).test().labels();
        float[] fa = DataSets.read("spambase", dir, 3).test().features();
        float[] fb = DataSets.read("spambase", dir, 3).test().features();
        float[] fc = DataSets.read("spambase", dir, 4).test().features();
        assertArrayEquals(fa, fb);
        assertFalse(Arrays.equals(fa, fc));
        assertEquals(10, a.length);
    }

    @Test
    void aRowWithTheWrongNumberOfFieldsNamesItsLine() throws IOException {
        Path f = dir.resolve("spambase/spambase.data");
        Files.writeString(f, Files.readString(f) + "1,2,3\n");
        MalformedDataException e = assertThrows(MalformedDataException.class, () -> DataSets.read("spambase", dir, 1));
        assertTrue(e.getMessage().contains("spambase.data:51: 3 fields, expected 58"), e.getMessage());
    }
}
