#if canImport(Glibc)
import Glibc
#endif

extension FileSink {
    /// Creates `path` exclusively (it must not exist), writes `contents`, fsyncs and closes it
    /// before returning — an open file blocks rename and link on SMB, so callers that move the
    /// file next must not hold it open.
    static func createFile(at path: String, contents: [UInt8], mode: mode_t) throws {
        let sink = try FileSink(creating: path, mode: mode)
        try sink.write(contents)
        try sink.sync()
        try sink.close()
    }
}
