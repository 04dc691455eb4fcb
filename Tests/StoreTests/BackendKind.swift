import Foundation
@testable import Store

/// The backends the conformance suite runs against. `smb` is the directory backend on a real
/// Samba share mounted through smbnetfs (scripts/smb-up); scripts/test sets ATRIUM_TEST_SMB_ROOT
/// and ATRIUM_REQUIRE_SMB=1, so under CI a missing share fails the suite instead of skipping it.
enum BackendKind: String, CaseIterable, CustomStringConvertible, Sendable {
    case memory, directory, smb

    var description: String { rawValue }

    static var smbRoot: String? { ProcessInfo.processInfo.environment["ATRIUM_TEST_SMB_ROOT"] }
    static var smbRequired: Bool { ProcessInfo.processInfo.environment["ATRIUM_REQUIRE_SMB"] == "1" }

    /// Every backend to test here: SMB when a share is mounted, or when it is required (the
    /// tests then fail loudly in `makeStore`).
    static var available: [BackendKind] {
        allCases.filter { $0 != .smb || smbRoot != nil || smbRequired }
    }

    /// Directory-backed kinds: the ones with real system calls to inject faults into.
    static var onDisk: [BackendKind] { available.filter { $0 != .memory } }

    struct Fixture {
        let store: BlobStore
        let root: String?
        /// Overwrites a stored blob's bytes in place (simulating corruption on the medium).
        let corrupt: (BlobDigest, [UInt8]) throws -> Void
        let cleanup: () -> Void
    }

    func makeStore(faults: FaultInjector = .none, retry: RetryPolicy = .immediate) throws -> Fixture {
        switch self {
        case .memory:
            let backend = InMemoryBackend()
            return Fixture(store: BlobStore(backend: backend), root: nil,
                           corrupt: { d, bytes in backend.corrupt(d, with: bytes) }, cleanup: {})
        case .directory, .smb:
            let base: String
            if self == .smb {
                guard let root = Self.smbRoot else {
                    throw StoreError.invalidArgument("ATRIUM_REQUIRE_SMB=1 but ATRIUM_TEST_SMB_ROOT is not set: Samba share not mounted")
                }
                base = root
            } else {
                base = NSTemporaryDirectory()
            }
            let dir = try TestPaths.freshDirectory("conformance", base: base)
            try BlobStore.initialize(at: dir)
            let store = try BlobStore.open(at: dir, retry: retry, faults: faults)
            return Fixture(store: store, root: dir, corrupt: { d, bytes in
                try Data(bytes).write(to: URL(fileURLWithPath: dir + "/" + d.relativePath))
            }, cleanup: { TestPaths.remove(dir) })
        }
    }
}
