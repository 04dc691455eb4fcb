import Logging

/// Process-wide logging setup for `atrium serve`. `LoggingSystem.bootstrap` may run once per
/// process, so the tests never call this.
public enum GatewayLogging {
    public static func bootstrap(format: LogFormat, level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler
            switch format {
            case .text: handler = StreamLogHandler.standardError(label: label)
            case .json: handler = JSONLogHandler(label: label)
            }
            handler.logLevel = level
            return handler
        }
    }
}
