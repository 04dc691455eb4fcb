import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresKit
import SQLKit

/// One node's ear for `JobNotice`s: a PostgreSQL connection of its own (never one of the pool's,
/// which it would hold for ever) that `LISTEN`s on `JobNotice.channel`.
///
/// A connection that is lost (server restart, `pg_terminate_backend`, network) is made again,
/// after 0.1 s and then twice as long each failed try, up to 5 s; while there is none, notices
/// are missed and the nodes find the jobs by polling. An idle connection is checked every
/// `pingInterval` (a `SELECT 1` with a deadline of the same length), so one that went silent
/// without closing is noticed too.
public final class JobNoticeListener: Sendable {
    public enum Event: Sendable, Hashable {
        /// Listening, the first time or again after a loss: notices sent meanwhile were missed.
        case listening
        case notice(JobNotice)
        /// The connection was lost or could not be made (reported once until listening again);
        /// tried again after `retryIn` seconds.
        case lost(reason: String, retryIn: Double)
    }

    /// First and longest wait before connecting again.
    static let firstRetry = 0.1, longestRetry = 5.0

    private let configuration: PostgresConnection.Configuration
    private let pingInterval: Double
    private let logger: Logger

    init(url: String, applicationName: String, pingInterval: Double, logger: Logger) throws {
        var sqlConfiguration: SQLPostgresConfiguration
        do {
            sqlConfiguration = try SQLPostgresConfiguration(url: url)
        } catch {
            throw CatalogError.invalidArgument("not a PostgreSQL URL (postgres://user[:password]@host[:port]/database)")
        }
        sqlConfiguration.coreConfiguration.options.additionalStartupParameters += [("application_name", applicationName)]
        configuration = sqlConfiguration.coreConfiguration
        self.pingInterval = max(0.05, pingInterval)
        // The driver logs statements at debug and trace (as for the pool): never below info.
        var logger = logger
        logger.logLevel = max(logger.logLevel, .info)
        self.logger = logger
    }

    /// Listens until the task is cancelled, connecting again whenever the connection is lost;
    /// `deliver` hears every event in order.
    public func run(_ deliver: @escaping @Sendable (Event) async -> Void) async {
        var retry = Self.firstRetry
        var reported = false
        var id = 0
        while !Task.isCancelled {
            id += 1
            let (listened, reason) = await listenOnce(id: id, deliver)
            guard !Task.isCancelled else { return }
            if listened {
                retry = Self.firstRetry
                reported = false
            }
            if !reported {
                reported = true
                await deliver(.lost(reason: reason, retryIn: retry))
            }
            try? await Task.sleep(for: .milliseconds(Int(retry * 1000)))
            retry = min(Self.longestRetry, retry * 2)
        }
    }

    /// One connection: connect, LISTEN, pass notices on until it ends. Whether it got as far as
    /// listening, and why it ended.
    private func listenOnce(id: Int, _ deliver: @escaping @Sendable (Event) async -> Void) async -> (listened: Bool, reason: String) {
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(),
                                                              configuration: configuration, id: id, logger: logger).get()
        } catch {
            return (false, "cannot connect: \(Catalog.classify(error))")
        }
        var listened = false
        var reason = "the notifications ended"
        do {
            try await connection.listen(on: JobNotice.channel) { notices in
                listened = true
                await deliver(.listening)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { await self.watch(connection) }
                    for try await notification in notices {
                        if let notice = JobNotice(payload: notification.payload) { await deliver(.notice(notice)) }
                    }
                    group.cancelAll()
                }
            }
        } catch {
            reason = "\(Catalog.classify(error))"
        }
        Self.close(connection)
        return (listened, reason)
    }

    /// Closes without waiting (closing a connection the server ended can take as long as the
    /// channel's teardown); the connection is kept until it is closed.
    private static func close(_ connection: PostgresConnection) {
        let closing: EventLoopFuture<Void> = connection.close()
        closing.whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// Checks the connection every `pingInterval` until cancelled; closes it when a check fails
    /// (which ends the notifications, so the listener connects again).
    private func watch(_ connection: PostgresConnection) async {
        let db = GuardedPostgresDatabase(connection: connection, statementTimeout: .milliseconds(Int64(pingInterval * 1000)))
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: .milliseconds(Int(pingInterval * 1000)))
                try await db.raw("SELECT 1").run()
            } catch {
                guard !Task.isCancelled else { return }
                logger.warning("the job notice connection did not answer; connecting again", metadata: ["error": "\(error)"])
                Self.close(connection)
                return
            }
        }
    }
}
