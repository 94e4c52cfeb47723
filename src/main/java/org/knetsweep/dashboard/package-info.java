/**
 * {@code knet dashboard}: a local, read-only web server over the result tables. It reads the Parquet files directly
 * (parquet-hadoop, no Spark session), caches each file's rows by path, length and modification time, and serves an
 * HTML start page, one page per sweep whose charts (Apache ECharts from its WebJar) poll JSON endpoints, and the
 * sweep's report and model manifests where the tables name them. Nothing else is served.
 *
 * <p>Depends on {@code results}, {@code report} and {@code config}; only {@code cli.DashboardCommand} depends on it.
 */
package org.knetsweep.dashboard;
