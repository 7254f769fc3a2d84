/**
 * Synthetic labelled flow traffic for demos and tests when no real capture is at hand.
 *
 * <p>{@link org.flowsentry.core.generate.TrafficGenerator} simulates a small organisation, seeded
 * and deterministic: workstations in 10.0.0.0/16 (10.0.1.5 onwards), servers in 10.1.0.0/16
 * (10.1.0.10 onwards, roles dealt in the order: two DNS resolvers, domain controller, file, mail,
 * web, SSH, FTP, backup and monitoring servers), and Internet hosts at random public addresses.
 * Benign traffic ({@code label} "BENIGN") follows office hours in UTC; attacks from
 * {@link org.flowsentry.core.generate.ScenarioKind} are injected at the times of their
 * {@link org.flowsentry.core.generate.ScenarioSpec}s with their own labels and categories.
 *
 * <p>Records carry what a bidirectional flow meter reports: times, endpoints, IP byte and packet
 * counts per direction, OR-ed TCP flags, a state (Zeek conn_state names for TCP: SF, S0, REJ, RSTO,
 * RSTR, S1; Argus names otherwise: CON, INT, ECO), a service name and the exporter
 * "flowsentry-generator". No {@code features} map.
 */
package org.flowsentry.core.generate;
