import Testing
@testable import Store

extension ScratchDirectory {
    /// Extracts `bytes` into `destination`.
    @discardableResult
    func extract(_ bytes: [UInt8], limits: ExtractionLimits = .default, readOnly: Bool = false) throws -> ExtractionReport {
        try SafeExtractor(limits: limits, readOnly: readOnly).extract(from: MemorySource(bytes), into: destination)
    }

    /// Extracts `bytes`, expects exactly `expected`, and expects that nothing is left: no
    /// destination, no staging directory, nothing written next to or above them.
    func expectRefusal(_ bytes: [UInt8], _ expected: ArchiveError, limits: ExtractionLimits = .default,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        let error = #expect(throws: ArchiveError.self, sourceLocation: sourceLocation) {
            try extract(bytes, limits: limits)
        }
        #expect(error == expected, sourceLocation: sourceLocation)
        #expect(isPristine, "left behind: \(listing())", sourceLocation: sourceLocation)
    }

    /// Like `expectRefusal`, for errors whose text comes from libarchive.
    func expectMalformed(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        let error = #expect(throws: ArchiveError.self, sourceLocation: sourceLocation) { try extract(bytes) }
        if case .malformed(let message)? = error {
            #expect(!message.isEmpty, sourceLocation: sourceLocation)
        } else {
            Issue.record("expected .malformed, got \(String(describing: error))", sourceLocation: sourceLocation)
        }
        #expect(isPristine, "left behind: \(listing())", sourceLocation: sourceLocation)
    }
}
