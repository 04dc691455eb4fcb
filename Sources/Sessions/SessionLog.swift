import Foundation
import Store
import Synchronization

/// A session's or job's output log with a size limit a flooding runtime cannot exceed.
///
/// Output is taken line by line (lines over `maxLine` bytes are cut). The first half of the
/// limit goes to the file as it arrives; after that the newest lines are kept in memory up to
/// the other half, older ones dropped and counted. `finish()` appends a `[… N bytes dropped …]`
/// marker and the kept tail to the file, so a finished log is at most about `limit` bytes and
/// shows both how the process started and how it ended.
public final class SessionLog: Sendable {
    public static let defaultLimit = 8 << 20
    public static let maxLine = 4096

    public let path: String
    public let limit: Int
    private let state: Mutex<State>

    struct State {
        var handle: FileHandle?
        var headBytes = 0
        var tail: [[UInt8]] = []
        var tailBytes = 0
        var dropped = 0
        var partial: [UInt8] = []
        var finished = false
        /// The last lines, kept in memory for error messages even once the file was archived.
        var recent: [String] = []
    }

    /// Creates (truncates) the log file at `path`, owner-only (0600) from the start; a file left
    /// there with another mode is made 0600 too, and a symbolic link is refused.
    public init(path: String, limit: Int = SessionLog.defaultLimit) throws {
        self.path = path
        self.limit = max(limit, 2 * Self.maxLine + 64)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, OwnerOnly.fileMode)
        guard fd >= 0 else {
            throw SessionError.spawnFailed("cannot create the log file \(path): \(String(cString: strerror(errno)))")
        }
        guard fchmod(fd, OwnerOnly.fileMode) == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw SessionError.spawnFailed("cannot make the log file \(path) owner-only: \(reason)")
        }
        state = Mutex(State(handle: FileHandle(fileDescriptor: fd, closeOnDealloc: true)))
    }

    /// Takes raw output; returns the complete lines it finished (without newline), for progress.
    @discardableResult
    public func append(_ bytes: some Collection<UInt8>) -> [String] {
        state.withLock { state in
            guard !state.finished else { return [] }
            var lines: [String] = []
            for byte in bytes {
                if byte == UInt8(ascii: "\n") {
                    lines.append(Self.takeLine(&state, limit: limit))
                } else if state.partial.count < Self.maxLine {
                    state.partial.append(byte)
                } else if state.partial.count == Self.maxLine {
                    state.partial.append(contentsOf: Array(" …[line cut]".utf8))
                }
            }
            return lines
        }
    }

    /// Adds a line of Atrium's own (e.g. why the process was stopped).
    public func note(_ text: String) {
        _ = append(Array("[atrium] \(text)\n".utf8))
    }

    /// The output ended: a last line without newline counts as a line. Returns it, if any.
    @discardableResult
    public func endOfOutput() -> String? {
        state.withLock { state in
            guard !state.finished, !state.partial.isEmpty else { return nil }
            return Self.takeLine(&state, limit: limit)
        }
    }

    /// Flushes a last partial line and the kept tail to the file, and closes it. Idempotent.
    public func finish() {
        state.withLock { state in
            guard !state.finished else { return }
            if !state.partial.isEmpty { _ = Self.takeLine(&state, limit: limit) }
            if state.dropped > 0 {
                try? state.handle?.write(contentsOf: Array("[atrium] … \(state.dropped) bytes of output dropped (log limit \(limit) bytes) …\n".utf8))
            }
            for line in state.tail { try? state.handle?.write(contentsOf: line) }
            state.tail = []
            try? state.handle?.close()
            state.handle = nil
            state.finished = true
        }
    }

    /// The log so far (file plus kept tail), as text.
    public func contents() -> String {
        let (tail, dropped) = state.withLock { state in (state.tail.joined(), state.finished ? 0 : state.dropped) }
        var text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        if dropped > 0 { text += "[atrium] … \(dropped) bytes of output dropped so far …\n" }
        text += String(decoding: tail, as: UTF8.self)
        return text
    }

    /// The last `count` lines (at most 20), for error messages.
    public func lastLines(_ count: Int) -> String {
        state.withLock { $0.recent.suffix(count).joined(separator: "\n") }
    }

    private static func takeLine(_ state: inout State, limit: Int) -> String {
        var line = state.partial
        state.partial = []
        if line.last == UInt8(ascii: "\r") { line.removeLast() }
        let text = String(decoding: line, as: UTF8.self)
        if !text.isEmpty {
            state.recent.append(text)
            if state.recent.count > 20 { state.recent.removeFirst() }
        }
        line.append(UInt8(ascii: "\n"))
        if state.tail.isEmpty, state.headBytes + line.count <= limit / 2 {
            try? state.handle?.write(contentsOf: line)
            state.headBytes += line.count
        } else {
            state.tail.append(line)
            state.tailBytes += line.count
            while state.tailBytes > limit / 2, !state.tail.isEmpty {
                let first = state.tail.removeFirst()
                state.tailBytes -= first.count
                state.dropped += first.count
            }
        }
        return text
    }
}
