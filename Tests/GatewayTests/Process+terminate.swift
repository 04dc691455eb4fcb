import Foundation

extension Process {
    /// Sends SIGTERM and waits up to 20 s; returns the exit status (nil: it did not exit, and it
    /// was sent SIGINT).
    func terminateAndWait() async -> Int32? {
        terminate()
        for _ in 0..<200 {
            if !isRunning { return terminationStatus }
            try? await Task.sleep(for: .milliseconds(100))
        }
        interrupt()
        return nil
    }
}
