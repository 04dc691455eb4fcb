import Hummingbird
import Store

/// Streams what synchronous store code writes to a ``ByteSink`` as a response body, without
/// holding it in memory: `produce` runs on the executor's transfers lane (which refuses past its
/// limit) writing into a
/// ``ResponsePipe`` that the response body drains. Headers are sent before `produce` runs, so
/// check everything that can be checked first; a failure mid-way aborts the response (the
/// client sees a body shorter than its `Content-Length`), never a clean end with wrong bytes.
///
/// With a `holder` (the caller's user, ``TransferPolicy/holder(_:)``) the slot is taken before the
/// response is made, counted against that user's share (`transfersPerUser`): a spent share is a
/// 429 and a full lane a 503, before any header goes out. A client that stops reading is cut off
/// by its connection's ``ConnectionWatch``; the producer's next write then fails and the slot is
/// free.
public enum StreamingDownload {
    public static func body(contentLength: Int?, executor: BlockingExecutor, _ produce: @escaping @Sendable (any ByteSink) throws -> Void) -> ResponseBody {
        body(contentLength: contentLength, slot: nil, executor: executor, produce)
    }

    /// The same, in a slot of `holder`'s share, taken now: throws ``BlockingLaneShareFull`` (429)
    /// or ``BlockingLaneFull`` (503) instead of answering.
    static func body(contentLength: Int?, executor: BlockingExecutor, holder: TransferPolicy.Holder,
                     _ produce: @escaping @Sendable (any ByteSink) throws -> Void) throws -> ResponseBody {
        body(contentLength: contentLength, slot: try executor.reserve(.transfers, for: holder.key, share: holder.share), executor: executor,
             produce)
    }

    private static func body(contentLength: Int?, slot: BlockingSlot?, executor: BlockingExecutor,
                             _ produce: @escaping @Sendable (any ByteSink) throws -> Void) -> ResponseBody {
        ResponseBody(contentLength: contentLength) { writer in
            let pipe = ResponsePipe()
            let work: @Sendable () throws -> Void = {
                do {
                    try produce(pipe)
                    pipe.finish()
                } catch {
                    pipe.finish(error)
                    throw error
                }
            }
            async let produced: Void = {
                do {
                    if let slot { try await slot.run(work) } else { try await executor.run(.transfers, work) }
                } catch {
                    pipe.finish(error)  // also when no thread was admitted: the drain must end
                    throw error
                }
            }()
            do {
                while let buffer = try await pipe.next() {
                    try await writer.write(buffer)
                }
                try await produced
                try await writer.finish(nil)
            } catch {
                pipe.closeConsumer()
                _ = try? await produced
                throw error
            }
        }
    }
}
