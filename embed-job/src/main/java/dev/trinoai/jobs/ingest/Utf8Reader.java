package dev.trinoai.jobs.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A landed file's text, which must be UTF-8. A byte that is not UTF-8 reads as U+FFFD and is noted with its line and
 * byte offset, so that the record holding it is quarantined rather than reaching the star schema as a mangled name,
 * while the file's other records load: ASCII reads the same in Latin-1 and Windows-1252, and real exports have the odd
 * damaged byte in an otherwise good file. A UTF-8 byte order mark is skipped; a UTF-16 one rejects the file, as UTF-16
 * text would otherwise read as NUL-ridden nonsense.
 */
final class Utf8Reader
        extends Reader
{
    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
    // The file offset of the first byte in the buffer, and the line the decoder has reached.
    private long bufferOffset;
    private int line = 1;
    private boolean started;
    private boolean eof;
    // Bytes read but not yet claimed by a record; records are claimed in order, so this holds only the read-ahead.
    private final Deque<NotUtf8> notUtf8 = new ArrayDeque<>();

    private record NotUtf8(int line, long offset, int value) {}

    Utf8Reader(InputStream in)
    {
        this.in = requireNonNull(in, "in is null");
    }

    @Override
    public int read(char[] buffer, int offset, int length)
            throws IOException
    {
        if (!started) {
            started = true;
            skipByteOrderMark();
        }
        CharBuffer out = CharBuffer.wrap(buffer, offset, length);
        int counted = offset;
        while (true) {
            CoderResult result = decoder.decode(bytes, out, eof);
            countLines(buffer, counted, out.position());
            counted = out.position();
            if (result.isError()) {
                if (!out.hasRemaining()) {
                    return out.position() - offset;
                }
                notUtf8.add(new NotUtf8(line, bufferOffset + bytes.position(), bytes.get(bytes.position()) & 0xFF));
                bytes.position(bytes.position() + result.length());
                out.put('\uFFFD');
                counted = out.position();
                continue;
            }
            if (out.position() > offset || result.isOverflow()) {
                return out.position() - offset;
            }
            if (eof) {
                return -1;
            }
            fill();
        }
    }

    private void countLines(char[] buffer, int from, int to)
    {
        for (int i = from; i < to; i++) {
            if (buffer[i] == '\n') {
                line++;
            }
        }
    }

    /**
     * Why the record that starts on line {@code first} and reads {@code raw} cannot be loaded, if a byte in it is not
     * UTF-8. The record's lines are counted only when such a byte is pending, so a good file pays nothing per record.
     */
    Optional<String> notUtf8(int first, String raw)
    {
        while (!notUtf8.isEmpty() && notUtf8.peek().line() < first) {
            notUtf8.remove();
        }
        if (notUtf8.isEmpty() || notUtf8.peek().line() > first + raw.chars().filter(c -> c == '\n').count()) {
            return Optional.empty();
        }
        NotUtf8 bad = notUtf8.peek();
        return Optional.of("byte 0x%02X at line %d (byte offset %d) is not valid UTF-8: the file was saved in another encoding (Latin-1 and Windows-1252 exports do this) or damaged; save it as UTF-8 and land it again"
                .formatted(bad.value(), bad.line(), bad.offset()));
    }

    private void skipByteOrderMark()
            throws IOException
    {
        while (!eof && bytes.remaining() < 3) {
            fill();
        }
        int first = bytes.remaining() > 0 ? bytes.get(0) & 0xFF : -1;
        int second = bytes.remaining() > 1 ? bytes.get(1) & 0xFF : -1;
        if ((first == 0xFE && second == 0xFF) || (first == 0xFF && second == 0xFE)) {
            throw new IOException("the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8 and land it again");
        }
        if (first == 0xEF && second == 0xBB && bytes.remaining() > 2 && (bytes.get(2) & 0xFF) == 0xBF) {
            bytes.position(3);
        }
    }

    private void fill()
            throws IOException
    {
        bufferOffset += bytes.position();
        bytes.compact();
        try {
            int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (read < 0) {
                eof = true;
            }
            else {
                bytes.position(bytes.position() + read);
            }
        }
        finally {
            bytes.flip();
        }
    }

    @Override
    public void close()
            throws IOException
    {
        in.close();
    }
}
