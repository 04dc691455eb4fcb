/// A WebDriver command or the browser's set-up failed; says which and why.
public struct WebDriverError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
