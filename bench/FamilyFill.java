import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fills a Redis with N refresh-token families as the auth-service writes them: its own ISSUE script
 * (read from RefreshTokenStore on the auth-service's class path, so the fill cannot drift from
 * the service), its key layout (README, "Keys and hash slots"), demo-sized values and a token
 * each of the real format. Pipelined over one connection; prints families/s.
 *
 * Usage: java -cp AUTH_SERVICE_LIB bench/FamilyFill.java REDIS_PORT KEY_PREFIX N
 */
public class FamilyFill {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String prefix = args[1];
        int n = Integer.parseInt(args[2]);
        Field field = Class.forName("com.techcorp.auth.grant.refresh.RefreshTokenStore").getDeclaredField("ISSUE");
        field.setAccessible(true);
        String issue = (String) field.get(null);

        SecureRandom random = new SecureRandom();
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        long now = System.currentTimeMillis() / 1000;
        String aexp = Long.toString(now + 30 * 86400);
        String ttl = Long.toString(14 * 86400);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = new java.io.BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            InputStream in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
            write(out, "SCRIPT", "LOAD", issue);
            out.flush();
            readLine(in); // a bulk string: "$40", then the digest
            String sha = readLine(in);
            AtomicLong errors = new AtomicLong();
            Thread reader = new Thread(() -> {
                try {
                    for (int i = 0; i < n; i++) {
                        String line = readLine(in);
                        if (!line.startsWith(":")) {
                            errors.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long start = System.nanoTime();
            reader.start();
            byte[] raw = new byte[48];
            for (int i = 0; i < n; i++) {
                random.nextBytes(raw);
                String fam = b64.encodeToString(java.util.Arrays.copyOf(raw, 16));
                String token = b64.encodeToString(raw);
                String hash = HexFormat.of().formatHex(sha256.digest(token.getBytes(StandardCharsets.US_ASCII)));
                String sub = java.util.UUID.nameUUIDFromBytes(raw).toString();
                write(out, "EVALSHA", sha, "2", prefix + "rt:{" + fam + "}:" + hash, prefix + "rtf:{" + fam + "}",
                        fam, "techcorp_employee_portal", sub, "user" + i, "employees", "payslips:read leave:read", aexp, ttl, hash);
            }
            out.flush();
            reader.join();
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("%d families in %.1f s (%.0f/s), %d errors%n", n, seconds, n / seconds, errors.get());
        }
    }

    private static void write(OutputStream out, String... parts) throws java.io.IOException {
        ByteArrayOutputStream command = new ByteArrayOutputStream(512);
        command.writeBytes(("*" + parts.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            command.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            command.writeBytes(bytes);
            command.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        command.writeTo(out);
    }

    private static String readLine(InputStream in) throws java.io.IOException {
        StringBuilder line = new StringBuilder();
        int b;
        while ((b = in.read()) != '\r') {
            if (b < 0) {
                throw new java.io.EOFException();
            }
            line.append((char) b);
        }
        in.read();
        return line.toString();
    }
}
