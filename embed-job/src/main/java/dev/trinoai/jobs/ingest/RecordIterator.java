package dev.trinoai.jobs.ingest;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Records read one at a time, on demand, so a file of any size streams through.
 */
abstract class RecordIterator
        implements Iterator<RawRecord>
{
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
