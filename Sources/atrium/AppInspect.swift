import ArgumentParser
import Foundation
import Store

struct AppInspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect", abstract: "Show a sealed app's header (no key needed; nothing is decrypted).")
    @OptionGroup var output: OutputOptions
    @Argument(help: "The sealed app file.") var file: String

    func run() throws {
        let header = try SealedAppHeader.read(from: try FileSource(path: file))
        try output.print(header) {
            "app:        \(header.app)\nversion:    \(header.version)\nkey:        \(header.keyId)\nsuite:      \(header.suite)\nchunk size: \(header.chunkSize)"
        }
    }
}
