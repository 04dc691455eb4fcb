#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation

/// SIGTERM/SIGINT during `solve`: stop glpsol (SIGTERM, then SIGKILL after a short grace) and
/// make the run fail. Before glpsol starts, the process exits at once.
final class SolveStop: @unchecked Sendable {
    private let lock = NSLock()
    private var child: ChildProcess?
    private var stopped = false
    private var sources: [any DispatchSourceSignal] = []

    var isStopped: Bool { lock.withLock { stopped } }

    func install() {
        for number in [SIGTERM, SIGINT] {
            #if canImport(Darwin)
            // kqueue delivers to the source only when the default action is off; on Linux
            // libdispatch installs its own handler (as swift-service-lifecycle relies on).
            signal(number, SIG_IGN)
            #endif
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.stop() }
            source.resume()
            sources.append(source)
        }
    }

    /// Registers glpsol; false (and nothing started should run) when already stopped.
    func started(_ process: ChildProcess) -> Bool {
        lock.withLock {
            if stopped { process.signal(SIGKILL); return false }
            child = process
            return true
        }
    }

    func finished() { lock.withLock { child = nil } }

    private func stop() {
        let running: ChildProcess? = lock.withLock {
            stopped = true
            return child
        }
        guard let running else {
            Console.error("atrium-runtime-mathprog: stopped by signal")
            exit(143)
        }
        running.signal(SIGTERM)
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(300)) { running.signal(SIGKILL) }
    }
}
