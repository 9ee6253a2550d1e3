package io.aegis.sweep;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Run ids name a run's axis values, {@code gaussian_server.rule=stpa_seed=2}, and are folder names:
 * anything but letters, digits and {@code . _ = + , -} becomes {@code -}, long ids are cut and end in a
 * short hash, and an id that is already taken gets {@code -2}, {@code -3}...
 */
public final class RunIds {
    static final int MAX_LENGTH = 120;

    private final Set<String> taken = new HashSet<>();

    /** The id of a run with this variant (null for none) and these {@code key=value} parts; unique among the ids made so far. */
    public String next(String variant, List<String> keyValues) {
        StringBuilder b = new StringBuilder();
        if (variant != null) {
            b.append(safe(variant));
        }
        for (String kv : keyValues) {
            if (b.length() > 0) {
                b.append('_');
            }
            b.append(safe(kv));
        }
        String id = b.length() == 0 ? "run" : shorten(b.toString());
        String unique = id;
        for (int k = 2; !taken.add(unique); k++) {
            unique = id + "-" + k;
        }
        return unique;
    }

    /** Folder-safe text: letters, digits and {@code . _ = + , -}; never {@code .} or {@code ..} alone. */
    public static String safe(String text) {
        String s = text.strip().replaceAll("[^A-Za-z0-9._=+,-]+", "-").replaceAll("-{2,}", "-");
        if (s.isEmpty() || s.chars().allMatch(c -> c == '.')) {
            return "x" + s;
        }
        return s;
    }

    private static String shorten(String id) {
        if (id.length() <= MAX_LENGTH) {
            return id;
        }
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8));
            return id.substring(0, MAX_LENGTH - 9) + "-" + HexFormat.of().formatHex(h, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
