package io.tributary.connect.smt.enrich;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rows of the dimension table by key, from a bounded cache in front of {@link DimensionTable}. A row is used for
 * {@code cache.ttl.ms} after it was fetched; a key without a row is remembered as a miss for
 * {@code cache.miss.ttl.ms} (negative caching), so a stream of unknown users does not query the database per
 * record. Small tables can be preloaded whole and refreshed whole, in batches, every {@code lookup.refresh.ms}.
 */
final class CachedLookup implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CachedLookup.class);
    /** The cached value of a key the table has no row for. */
    private static final Object[] MISS = new Object[0];

    private final DimensionTable table;
    private final OutageRetry retry;
    private final Cache<Object, Object[]> cache;
    private final Ticker ticker;
    private final boolean cacheMisses;
    private final long preloadMaxRows;
    private final long refreshNanos;
    private long nextRefreshNanos = Long.MAX_VALUE;

    CachedLookup(DimensionTable table, OutageRetry retry, EnrichConfig config, Ticker ticker) {
        this.table = table;
        this.retry = retry;
        this.ticker = ticker;
        long ttl = TimeUnit.MILLISECONDS.toNanos(config.getLong(EnrichConfig.CACHE_TTL_CONFIG));
        long missTtl = TimeUnit.MILLISECONDS.toNanos(config.missTtlMillis());
        this.cacheMisses = missTtl > 0;
        this.preloadMaxRows = config.preloadMaxRows();
        this.refreshNanos = TimeUnit.MILLISECONDS.toNanos(config.getLong(EnrichConfig.REFRESH_CONFIG));
        this.cache = Caffeine.newBuilder()
                .maximumSize(config.getLong(EnrichConfig.CACHE_MAX_ENTRIES_CONFIG))
                .expireAfter(Expiry.<Object, Object[]>writing(
                        (key, row) -> Duration.ofNanos(row == MISS ? missTtl : ttl)))
                .executor(Runnable::run)  // maintenance in the task thread: no pool threads per transform
                .ticker(ticker)
                .build();
    }

    /** The values of the row with this key, or null when the table has none. */
    Object[] find(Object key) {
        Object[] row = cache.getIfPresent(key);
        if (row == null) {
            row = retry.call("lookup", () -> table.find(key));
            if (row != null) {
                cache.put(key, row);
            } else if (cacheMisses) {
                cache.put(key, MISS);
            }
        }
        return row == MISS ? null : row;
    }

    /**
     * Loads the whole table when preload is on and the table is small enough; called once the table is
     * described. A too-large table, or a failed preload, is looked up key by key instead (logged once).
     */
    void preload() {
        if (preloadMaxRows <= 0) {
            return;
        }
        try {
            loadAllIfSmall();
        } catch (RuntimeException e) {
            LOG.warn("Enrich: preloading table {} failed; looking rows up by key until a refresh succeeds: {}",
                    table.name(), e.getMessage());
        }
        if (refreshNanos > 0) {
            nextRefreshNanos = ticker.read() + refreshNanos;
        }
    }

    /**
     * Re-reads the whole table when a refresh is due. Runs between records in the task thread: the record that
     * finds it due waits for it. A failed refresh keeps the cache as it is and is tried again an interval later;
     * a table grown past the preload limit is no longer refreshed.
     */
    void refreshIfDue() {
        if (ticker.read() < nextRefreshNanos) {
            return;
        }
        nextRefreshNanos = ticker.read() + refreshNanos;
        try {
            if (!loadAllIfSmall()) {
                nextRefreshNanos = Long.MAX_VALUE;
            }
        } catch (RuntimeException e) {
            LOG.warn("Enrich: refreshing table {} failed; keeping the cached rows: {}", table.name(),
                    e.getMessage());
        }
    }

    /** Loads every row if the table has at most the preload limit of rows; whether it did. */
    private boolean loadAllIfSmall() {
        long rows = retry.call("count", table::count);
        if (rows > preloadMaxRows) {
            LOG.info("Enrich: table {} has {} rows, more than the {} that cache.preload allows; looking rows up "
                    + "by key instead", table.name(), rows, preloadMaxRows);
            return false;
        }
        loadAll();
        return true;
    }

    private void loadAll() {
        long start = System.nanoTime();
        int[] loaded = {0};
        retry.call("read of all rows", () -> {
            loaded[0] = 0;
            table.scan((key, values) -> {
                cache.put(key, values);
                loaded[0]++;
            });
            return null;
        });
        LOG.info("Enrich: loaded {} rows of table {} into the cache in {} ms", loaded[0], table.name(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    @Override
    public void close() {
        cache.invalidateAll();
        table.close();
    }
}
