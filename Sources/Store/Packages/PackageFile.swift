/// The single-file package container:
///
///     ATRIUM-PACKAGE 1\n
///     <decimal byte length of the envelope JSON>\n
///     <envelope JSON>
///     <archive bytes until EOF>
///
/// The envelope is bounded (`SignedPackageEnvelope.sizeLimit`), so a hostile header cannot make
/// the reader allocate much; the archive is never buffered.
public enum PackageFile {
    public static let magic = "ATRIUM-PACKAGE 1\n"

    /// Writes a package file: header, envelope (canonical JSON), then the archive streamed.
    public static func write(envelope: SignedPackageEnvelope, archive: ByteSource, to sink: ByteSink) throws {
        try FramedHeader.write(magic: magic, body: envelope.canonicalJSON(), to: sink)
        try archive.copy(to: sink)
    }

    /// Reads the header and envelope from `source` and returns the envelope with a source of the
    /// rest (the archive, not yet read or checked). Malformed headers throw
    /// `PackageError.malformedContainer`. Nothing here is verified: pass the envelope to
    /// `PackageVerifier` before trusting anything in it.
    public static func read(from source: ByteSource) throws -> (envelope: SignedPackageEnvelope, archive: ByteSource) {
        let body: [UInt8]
        do {
            body = try FramedHeader.read(magic: magic, from: source, limit: SignedPackageEnvelope.sizeLimit)
        } catch let failure as FramedHeader.Failure {
            throw PackageError.malformedContainer(failure.reason)
        }
        return (try SignedPackageEnvelope.decode(body), source)
    }
}
