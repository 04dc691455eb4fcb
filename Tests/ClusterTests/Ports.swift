import TestSupport

/// Free loopback TCP ports for the cluster's nodes and its PostgreSQL, in a range the other
/// suites do not use (``FreePort``).
enum Ports {
    static func free(in range: Range<Int> = 33_000..<45_000, avoiding taken: Set<Int> = []) throws -> Int {
        try FreePort.next(in: range, avoiding: taken)
    }
}
