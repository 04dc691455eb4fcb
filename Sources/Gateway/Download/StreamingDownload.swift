import Hummingbird
import Store

/// Streams what synchronous store code writes to a ``ByteSink`` as a response body, without
/// holding it in memory: `produce` runs on the executor's transfers lane (which refuses past its
/// limit) writing into a
/// ``ResponsePipe`` that the response body drains. Headers are sent before `produce` runs, so
/// check everything that can be checked first; a failure mid-way aborts the response (the
/// client sees a body shorter than its `Content-Length`), never a clean end with wrong bytes.
public enum StreamingDownload {
    public static func body(contentLength: Int?, executor: BlockingExecutor, _ produce: @escaping @Sendable (any ByteSink) throws -> Void) -> ResponseBody {
        ResponseBody(contentLength: contentLength) { writer in
            let pipe = ResponsePipe()
            async let produced: Void = {
                do {
                    try await executor.run(.transfers) {
                        do {
                            try produce(pipe)
                            pipe.finish()
                        } catch {
                            pipe.finish(error)
                            throw error
                        }
                    }
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
