package io.tributary.connect.iceberg;

import java.io.Closeable;
import java.io.IOException;
import io.tributary.connect.iceberg.table.Retries;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.catalog.Catalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One catalog client per distinct catalog configuration per worker, shared by the tasks on that worker:
 * fewer connections to the catalog (a SQLite catalog in particular serializes writers), and one metadata
 * cache. Released when the last task using it stops.
 */
final class SharedCatalogs {

    private static final Logger LOG = LoggerFactory.getLogger(SharedCatalogs.class);

    private static final Map<Key, Entry> CATALOGS = new HashMap<>();

    private record Key(String name, Map<String, String> properties) {
        @Override
        public String toString() {
            return name;  // properties may hold a password
        }
    }

    private static final class Entry {
        final Catalog catalog;
        int users;

        Entry(Catalog catalog) {
            this.catalog = catalog;
        }
    }

    private SharedCatalogs() {
    }

    /**
     * The shared client for this configuration. Opening one is retried: a JDBC catalog initializes its tables
     * on first use, and several workers doing that at once on one fresh database collide.
     */
    static synchronized Catalog acquire(String name, Map<String, String> properties, Duration backoff) {
        Key key = new Key(name, Map.copyOf(properties));
        Entry entry = CATALOGS.get(key);
        if (entry == null) {
            LOG.info("Opening Iceberg catalog '{}' ({})", name, properties.get(CatalogUtil.ICEBERG_CATALOG_TYPE));
            entry = new Entry(Retries.withRetries(
                    () -> CatalogUtil.buildIcebergCatalog(name, properties, new Configuration()), 5, backoff));
            CATALOGS.put(key, entry);
        }
        entry.users++;
        return entry.catalog;
    }

    static synchronized void release(Catalog catalog) {
        CATALOGS.entrySet().removeIf(e -> {
            Entry entry = e.getValue();
            if (entry.catalog != catalog || --entry.users > 0) {
                return false;
            }
            if (catalog instanceof Closeable closeable) {
                try {
                    closeable.close();
                } catch (IOException | RuntimeException ex) {
                    LOG.warn("Could not close Iceberg catalog '{}'", e.getKey(), ex);
                }
            }
            return true;
        });
    }
}
