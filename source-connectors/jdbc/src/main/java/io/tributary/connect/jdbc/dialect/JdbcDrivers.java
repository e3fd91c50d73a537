package io.tributary.connect.jdbc.dialect;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/**
 * Opens connections with the drivers of the plugin's own class loader first. On a Connect worker the plugin's
 * drivers are invisible to {@link DriverManager} when it was initialised before the plugin was loaded (it
 * registers the drivers its first caller's class loader could see), which shows as "No suitable driver".
 */
final class JdbcDrivers {

    /** The iterator moves past a provider that fails; this bounds a service file that fails over and over. */
    private static final int MAX_FAILURES = 16;
    private static final List<Driver> PLUGIN_DRIVERS = load();

    private JdbcDrivers() {
    }

    static Connection connect(String url, Properties properties) throws SQLException {
        for (Driver driver : PLUGIN_DRIVERS) {
            if (driver.acceptsURL(url)) {
                Connection connection = driver.connect(url, properties);
                if (connection != null) {
                    return connection;
                }
            }
        }
        return DriverManager.getConnection(url, properties);
    }

    private static List<Driver> load() {
        List<Driver> drivers = new ArrayList<>();
        Iterator<Driver> found = ServiceLoader.load(Driver.class, JdbcDrivers.class.getClassLoader()).iterator();
        int failures = 0;
        while (failures < MAX_FAILURES) {
            try {
                if (!found.hasNext()) {
                    return List.copyOf(drivers);
                }
                drivers.add(found.next());
            } catch (ServiceConfigurationError e) {
                // A driver that cannot load (a missing dependency) must not hide the others; DriverManager
                // remains the fallback.
                failures++;
            }
        }
        return List.copyOf(drivers);
    }
}
