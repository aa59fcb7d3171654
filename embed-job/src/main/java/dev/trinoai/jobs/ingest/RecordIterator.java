package dev.trinoai.jobs.ingest;

import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * Records read one at a time, on demand, so a file of any size streams through.
 */
abstract class RecordIterator
        implements Iterator<RawRecord>
{
    /**
     * The most characters one record may have. A missing line break or closing quote can make one record of a whole
     * file; past this, the rest of the record is read but not kept, so such a file cannot exhaust memory.
     */
    static final int MAX_RECORD_LENGTH = 1 << 20;
    static final String TOO_LONG = String.format(Locale.ROOT,
            "is longer than %,d characters, the most one record may have: a line break or a closing quote is probably missing; fix the record or split it", MAX_RECORD_LENGTH);

    private RawRecord next;
    private boolean eof;

    /**
     * The next record, or null at the end of the file.
     */
    protected abstract RawRecord readNext();

    @Override
    public final boolean hasNext()
    {
        if (next == null && !eof) {
            next = readNext();
            eof = next == null;
        }
        return next != null;
    }

    @Override
    public final RawRecord next()
    {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        RawRecord record = next;
        next = null;
        return record;
    }
}
