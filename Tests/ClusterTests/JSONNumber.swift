import Foundation

/// Numbers out of `JSONSerialization` (NSNumber, Int or Double depending on the platform).
enum JSONNumber {
    static func double(_ value: Any?) -> Double? {
        switch value {
        case let number as Int: Double(number)
        case let number as Int64: Double(number)
        case let number as Double: number
        case let number as NSNumber: number.doubleValue
        default: nil
        }
    }

    static func int(_ value: Any?) -> Int? { double(value).map { Int($0) } }
}
