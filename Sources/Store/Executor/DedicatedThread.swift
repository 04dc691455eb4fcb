import Foundation

/// A thread for a loop that lives as long as its owner (a runtime process's output monitor, a
/// read-ahead pipeline's producer): not a call that returns, so not work for a bounded
/// ``BlockingExecutor`` lane, whose slot it would hold for good.
public enum DedicatedThread {
    public static func start(name: String, stackSize: Int = 1 << 20, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.name = name
        thread.stackSize = stackSize
        thread.start()
    }
}
