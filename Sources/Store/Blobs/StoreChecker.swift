import Foundation

/// `atrium store fsck`: re-hashes every blob and reports corrupt blobs and stray files. With
/// `repair`, bad blobs and strays go to `quarantine/` (never deleted: a human decides), and temp
/// files older than the grace period (left by crashed writers) are removed. Temp files younger
/// than that may be writes in flight and are only reported.
public struct StoreChecker: Sendable {
    public let store: BlobStore
    public var repair: Bool
    public var temporaryGrace: TimeInterval

    public init(store: BlobStore, repair: Bool = false, temporaryGrace: TimeInterval = 24 * 3600) {
        self.store = store
        self.repair = repair
        self.temporaryGrace = temporaryGrace
    }

    public func run(now: Date = Date(), progress: ((_ done: Int, _ total: Int) -> Void)? = nil) throws -> FsckReport {
        let scan = try store.backend.scan()
        var report = FsckReport()
        report.strays = scan.strays
        report.temporaries = scan.temporaries
        for (index, info) in scan.blobs.enumerated() {
            progress?(index, scan.blobs.count)
            do {
                let reader = try store.backend.open(info.digest)
                try reader.drain()
                report.checkedBytes += reader.bytesRead
            } catch StoreError.integrity(let expected, let actual) {
                report.bad.append(.init(digest: expected, actual: actual, reason: "content hashes to \(actual)"))
            } catch StoreError.notFound {
                continue  // deleted since the scan (gc); not an error
            } catch {
                report.bad.append(.init(digest: info.digest, actual: nil, reason: "\(error)"))
            }
            report.checkedBlobs += 1
        }
        progress?(scan.blobs.count, scan.blobs.count)
        if repair { try applyRepairs(to: &report, now: now) }
        return report
    }

    private func applyRepairs(to report: inout FsckReport, now: Date) throws {
        for i in report.bad.indices {
            report.bad[i].quarantinedTo = try store.backend.quarantine(report.bad[i].digest.relativePath)
        }
        for stray in report.strays {
            report.repaired.append("\(stray.path) → \(try store.backend.quarantine(stray.path))")
        }
        for temp in report.temporaries where now.timeIntervalSince(temp.modified) > temporaryGrace {
            try store.backend.removeLeftover(temp.path)
            report.repaired.append("\(temp.path) removed (abandoned temp file)")
        }
    }
}
