import ArgumentParser
import Foundation
import Store

struct KeysGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a key pair: <id>.key.json (private, mode 0600) and <id>.pub.json.")
    @Option(help: "publisher (Ed25519, signs packages) or app (X25519, apps are sealed to it).") var kind: KeyKind = .publisher
    @Option(help: "A human name for the key.") var name: String
    @Option(name: .shortAndLong, help: ArgumentHelp("Directory to write the key files into.", valueName: "dir")) var out: String = "."
    @OptionGroup var output: OutputOptions

    struct Result: Encodable { let id: String; let kind: String; let privateKeyFile: String; let publicKeyFile: String }

    func run() throws {
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let id: String
        switch kind {
        case .publisher:
            let pair = PublisherKeyPair.generate(name: name)
            id = pair.id
            try pair.write(toFile: "\(out)/\(id).key.json")
            try pair.publicKey.write(toFile: "\(out)/\(id).pub.json")
        case .app:
            let pair = AppKeyPair.generate(name: name)
            id = pair.id
            try pair.write(toFile: "\(out)/\(id).key.json")
            try pair.publicKey.write(toFile: "\(out)/\(id).pub.json")
        }
        let result = Result(id: id, kind: kind.rawValue, privateKeyFile: "\(out)/\(id).key.json", publicKeyFile: "\(out)/\(id).pub.json")
        try output.print(result) { "\(id)\n  private: \(result.privateKeyFile) (keep secret)\n  public:  \(result.publicKeyFile)" }
    }
}
