import Foundation

/// Why typed text is not a number of a case. The browser's editor says the same (app.js).
enum MathProgNumberError: Error, Equatable, CustomStringConvertible {
    case empty
    case notANumber(String)
    case tooLarge(String)
    /// A value that is neither text nor a finite JSON number.
    case unusable

    var description: String {
        switch self {
        case .empty: "Enter a number."
        case .notANumber(let text):
            "'\(text.prefix(40))' is not a number: write digits with an optional decimal point and exponent, such as 250, 2.5 or 1e6 (no hexadecimal, no NaN or infinity)."
        case .unusable: "The value is not a finite number (numbers lie between about -1.8e308 and 1.8e308)."
        case .tooLarge(let text): "'\(text.prefix(40))' is too large: the largest number is about 1.8e308 (and the smallest about -1.8e308)."
        }
    }
}
