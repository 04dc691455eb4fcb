import Foundation

/// A number from JSONSerialization, however it was bridged (Int, Double or NSNumber).
func number(_ value: Any?) -> Double? {
    switch value {
    case let value as Int: Double(value)
    case let value as Double: value
    case let value as NSNumber: value.doubleValue
    default: nil
    }
}
